import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../../platform/errors.ts';
import { errorResponses, iso, municipalityCodeParam, uuidParam } from '../../../platform/http/api-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { MAX_AGREEMENT_FILE_BYTES } from '../files.ts';
import { loadAgreement } from '../load-agreement.ts';
import { registerSignatureUploadParser, signatureUploadFrom } from '../signing/parse-signature-upload.ts';
import { buildReceiptPdf } from '../signing/receipt-pdf.ts';
import { acceptSignature, rejectSignature } from '../signing/review-signature.ts';
import { signatureMethods, signatureStates } from '../schema.ts';
import { receiptPath, signAgreement, type SignResult } from '../signing/sign-agreement.ts';
import { isCurrent, listSignatures, type SignatureView } from '../signing/signature-queries.ts';
import { sendReceipt } from '../signing/signatures-pages.tsx';
import { uploadSignature } from '../signing/upload-signature.ts';
import { apiBody } from '../../../platform/http/api-schemas.ts';

const signatureOut = z
  .object({
    id: z.string(),
    agreementId: z.string(),
    versionId: z.string(),
    versionNumber: z.number(),
    municipalityCode: z.string(),
    municipalityName: z.string(),
    method: z.enum(signatureMethods),
    state: z.enum(signatureStates),
    current: z.boolean().meta({ description: 'Ikke afløst af en ny version og ikke afvist. En ventende kopi er gældende, men tæller først som underskrevet, når den er godkendt.' }),
    signerName: z.string(),
    signerTitle: z.string(),
    signedAt: z.string().meta({ description: 'Underskrevet (Samspil) eller indsendt (upload)' }),
    versionSha256: z.string(),
    ip: z.string(),
    upload: z.object({ filename: z.string().nullable(), size: z.number().nullable(), sha256: z.string().nullable(), url: z.string() }).nullable(),
    reviewedAt: z.string().nullable(),
    reviewerName: z.string().nullable(),
    rejectReason: z.string().nullable(),
    supersededAt: z.string().nullable(),
    supersededByVersionNumber: z.number().nullable(),
    receiptUrl: z.string().nullable(),
  })
  .meta({ id: 'AgreementSignatureRecord' });

const signResultOut = z.object({ alreadySigned: z.boolean(), signature: signatureOut }).meta({ id: 'AgreementSignResult' });
const reviewResultOut = z.object({ changed: z.boolean(), signature: signatureOut }).meta({ id: 'AgreementSignatureReview' });

export function presentSignature(s: SignatureView) {
  const path = `/aftaler/${s.agreementId}/underskrifter/${s.id}`;
  return {
    id: s.id,
    agreementId: s.agreementId,
    versionId: s.versionId,
    versionNumber: s.versionNumber,
    municipalityCode: s.municipalityCode,
    municipalityName: s.municipalityName,
    method: s.method,
    state: s.state,
    current: isCurrent(s),
    signerName: s.signerName,
    signerTitle: s.signerTitle,
    signedAt: iso(s.signedAt)!,
    versionSha256: s.versionSha256,
    ip: s.ip,
    upload: s.method === 'upload' ? { filename: s.uploadFilename, size: s.uploadSize, sha256: s.uploadSha256, url: `${path}/fil` } : null,
    reviewedAt: iso(s.reviewedAt),
    reviewerName: s.reviewerName,
    rejectReason: s.rejectReason,
    supersededAt: iso(s.supersededAt),
    supersededByVersionNumber: s.supersededByVersionNumber,
    receiptUrl: s.state === 'signed' ? receiptPath(s.agreementId, s.id) : null,
  };
}

const presentResult = (r: SignResult) => ({ alreadySigned: r.alreadySigned, signature: presentSignature(r.signature) });

const idParams = z.object({ id: uuidParam });
const signatureParams = z.object({ id: uuidParam, signatureId: uuidParam });
const LIMIT_MB = Math.round(MAX_AGREEMENT_FILE_BYTES / (1024 * 1024));

/** Signing, uploading a signed copy, the review of uploads and receipts, as JSON (and a PDF). */
export function registerAgreementMunicipalApi(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Aftaler'];

  app.get(
    '/api/v1/agreements/:id/signatures',
    {
      schema: {
        tags,
        summary: 'Underskrifterne af en aftale: gældende, ventende, afløste og afviste',
        description:
          'KOMBIT ser alle kommuners underskrifter (evt. én kommunes med `municipality`). En kommunes brugere ser kun egen kommunes; spørger de om en anden kommune, svares 404.',
        params: idParams,
        querystring: z.object({ municipality: municipalityCodeParam.optional() }),
        response: { 200: z.array(signatureOut), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const a = await loadAgreement(ctx.db, ctx.actor, request.params.id, 'read');
      const own = ctx.actor.municipalityCode;
      const asked = request.query.municipality;
      if (own && asked && asked !== own) throw notFound('Kommunen findes ikke blandt aftalens modtagere.');
      const code = own ?? asked;
      return (await listSignatures(ctx.db, a.id, code ? { municipalityCode: code } : {})).map(presentSignature);
    },
  );

  app.post(
    '/api/v1/agreements/:id/signatures',
    {
      schema: {
        tags,
        summary: 'Underskriv den gældende version af aftalen for egen kommune',
        description:
          'Kun for kommunens modtagere af aftalen (ellers 403), mens den er udsendt. Underskriveren skriver sin adgangskode igen (forkert: 422 på `password`). ' +
          '`versionId` skal være aftalens gældende version (ellers 409). Er kommunen allerede underskrevet, ændres intet: 200 med `alreadySigned: true` (første gang 201).',
        params: idParams,
        body: apiBody(z.object({
          versionId: z.string(),
          signerName: z.string(),
          signerTitle: z.string(),
          password: z.string(),
          confirm: z.literal(true),
        })),
        response: { 200: signResultOut, 201: signResultOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const r = await signAgreement(actorCtx(request), request.params.id, request.body, { ip: request.ip });
      return reply.status(r.alreadySigned ? 200 : 201).send(presentResult(r));
    },
  );

  // A signed PDF up to MAX_AGREEMENT_FILE_BYTES with its name: parsed by this scope's own multipart parser.
  root.register(async (scope) => {
    registerSignatureUploadParser(scope);
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/agreements/:id/signature-uploads',
      {
        schema: {
          tags,
          summary: 'Indsend en underskrevet kopi af aftalen som PDF (multipart) for egen kommune',
          description:
            `Felterne \`file\` (PDF, højst ${LIMIT_MB} MB), \`signerName\`, \`signerTitle\` og evt. \`versionId\`. Kopien afventer KOMBITs godkendelse. ` +
            'Mens en kopi afventer, kan der ikke underskrives eller indsendes en anden (409); den samme fil igen ændrer intet (200 med `alreadySigned: true`).',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 200: signResultOut, 201: signResultOut, ...errorResponses },
        },
      },
      async (request, reply) => {
        const r = await uploadSignature(actorCtx(request), request.params.id, signatureUploadFrom(request.body), { ip: request.ip });
        return reply.status(r.alreadySigned ? 200 : 201).send(presentResult(r));
      },
    );
  });

  app.post(
    '/api/v1/agreements/:id/signatures/:signatureId/accept',
    {
      schema: {
        tags,
        summary: 'Godkend en indsendt underskrevet kopi (KOMBITs administratorer og konsulenter)',
        description: 'En allerede godkendt underskrift ændres ikke (`changed: false`). En afvist eller afløst kopi kan ikke godkendes (409).',
        params: signatureParams,
        response: { 200: reviewResultOut, ...errorResponses },
      },
    },
    async (request) => {
      const r = await acceptSignature(actorCtx(request), request.params.id, request.params.signatureId);
      return { changed: r.changed, signature: presentSignature(r.signature) };
    },
  );

  app.post(
    '/api/v1/agreements/:id/signatures/:signatureId/reject',
    {
      schema: {
        tags,
        summary: 'Afvis en indsendt underskrevet kopi med begrundelse (KOMBITs administratorer og konsulenter)',
        description: 'Den, der indsendte kopien, får begrundelsen på mail. En godkendt underskrift kan ikke afvises (409).',
        params: signatureParams,
        body: apiBody(z.object({ reason: z.string() })),
        response: { 200: reviewResultOut, ...errorResponses },
      },
    },
    async (request) => {
      const r = await rejectSignature(actorCtx(request), request.params.id, request.params.signatureId, request.body);
      return { changed: r.changed, signature: presentSignature(r.signature) };
    },
  );

  app.get(
    '/api/v1/agreements/:id/signatures/:signatureId/receipt',
    {
      schema: {
        tags,
        summary: 'Kvittering for en underskrift som PDF',
        description: 'For KOMBIT og for brugere i underskriftens kommune. Kun for godkendte underskrifter (ellers 409), også afløste.',
        params: signatureParams,
        produces: ['application/pdf'],
        response: { ...errorResponses },
      },
    },
    async (request, reply) => sendReceipt(reply, await buildReceiptPdf(actorCtx(request), request.params.id, request.params.signatureId)),
  );
}

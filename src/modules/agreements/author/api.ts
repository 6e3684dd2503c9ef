import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../platform/context.ts';
import { notFound } from '../../../platform/errors.ts';
import { errorResponses, iso, uuidParam } from '../../../platform/http/api-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { apiBody } from '../../../platform/http/api-schemas.ts';
import { addVersion } from './add-version.ts';
import { getAgreementDetail, listAgreements, type AgreementSummary } from '../agreement-queries.ts';
import { closeAgreement, reopenAgreement } from './close-agreement.ts';
import { createAgreement } from './create-agreement.ts';
import { dispatchAgreement, dispatchInput } from './dispatch-agreement.ts';
import { sendDownload } from '../../../platform/http/send-download.ts';
import { readAgreementFile } from './download-file.ts';
import { loadAgreement } from '../load-agreement.ts';
import { MAX_AGREEMENT_FILE_BYTES } from '../files.ts';
import { MAX_ANNEXES, MAX_VERSION_UPLOAD_BYTES, registerVersionUploadParser } from './parse-version-upload.ts';
import { agreementFileKinds, agreementStatuses, agreementTypes } from '../schema.ts';
import { municipalStatuses, type StatusCounts, type StatusRow } from '../status.ts';

const countsOut = z
  .object({
    addressed: z.number().describe('Kommuner aftalen er sendt til'),
    signed: z.number(),
    replaced: z.number().describe('Tilslutningsaftaler erstattet af en underskrevet K98-aftale'),
    pending: z.number().describe('Underskrevet kopi afventer godkendelse'),
    inDialogue: z.number(),
    notSigned: z.number(),
    outstanding: z.number().describe('Ikke underskrevet + i dialog'),
  })
  .meta({ id: 'AgreementSummaryCounts' });

const ownStatusOut = z
  .object({
    municipalityCode: z.string(),
    status: z.enum(municipalStatuses),
    signedVersionNumber: z.number().nullable(),
    signedAt: z.string().nullable(),
    replacedBy: z.object({ agreementId: z.string(), title: z.string(), from: z.string() }).nullable(),
  })
  .meta({ id: 'AgreementSummaryOwnStatus' });

const summaryShape = {
  id: z.string(),
  type: z.enum(agreementTypes),
  title: z.string(),
  status: z.enum(agreementStatuses),
  deadline: z.string().nullable().describe('yyyy-mm-dd; sidste dag en underskrift er rettidig'),
  audience: z
    .object({ roleKey: z.string().nullable(), solutionKey: z.string().nullable(), ccRoleKey: z.string().nullable() })
    .describe('Modtagerne ved seneste udsendelse'),
  solutions: z.array(z.object({ key: z.string(), name: z.string(), k98: z.boolean() })).describe('For K98-aftalen: bilag 1'),
  currentVersionNumber: z.number().nullable(),
  lastDispatchedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  counts: countsOut.nullable().describe('Kun for KOMBIT'),
  ownStatus: ownStatusOut.nullable().describe('Kun for en kommunes brugere: egen kommunes status'),
};
const summaryOut = z.object(summaryShape).meta({ id: 'AgreementSummary' });

const fileOut = z
  .object({
    id: z.string(),
    kind: z.enum(agreementFileKinds),
    position: z.number().describe('0 for dokumentet, 1… for bilag'),
    title: z.string(),
    filename: z.string(),
    contentType: z.string(),
    size: z.number(),
    sha256: z.string(),
    url: z.string(),
  })
  .meta({ id: 'AgreementDetailFile' });

const versionOut = z
  .object({
    id: z.string(),
    number: z.number(),
    changeNote: z.string(),
    requiresResign: z.boolean(),
    sha256: z.string().describe('SHA-256 over versionens filer; det en underskrift angiver at have underskrevet'),
    createdAt: z.string(),
    current: z.boolean(),
    files: z.array(fileOut),
  })
  .meta({ id: 'AgreementDetailVersion' });

const detailOut = z
  .object({
    ...summaryShape,
    description: z.string(),
    versions: z.array(versionOut).describe('Nyeste først'),
    history: z.array(z.object({ at: z.string(), text: z.string() }).meta({ id: 'AgreementHistoryLine' })),
  })
  .meta({ id: 'AgreementDetail' });

const versionAddedOut = z
  .object({
    versionId: z.string(),
    number: z.number(),
    created: z.boolean().describe('false: samme filer og ændringsnote som den gældende version blev sendt igen; intet er ændret'),
    supersededMunicipalities: z.array(z.string()).describe('Kommuner hvis underskrift ikke længere tæller'),
  })
  .meta({ id: 'AgreementVersionAdded' });

const dispatchOut = z
  .object({
    dispatchId: z.string(),
    alreadySent: z.boolean().describe('true: requestKey var brugt før; intet er sendt igen'),
    municipalities: z.number(),
    recipients: z.number().describe('Personer, der fik mail (modtagere og kopi)'),
  })
  .meta({ id: 'AgreementDispatchResult' });

const idParams = z.object({ id: uuidParam });

const presentCounts = (c: StatusCounts | null) =>
  c && {
    addressed: c.addressed,
    signed: c.signed,
    replaced: c.replaced,
    pending: c.pending,
    inDialogue: c.in_dialogue,
    notSigned: c.not_signed,
    outstanding: c.outstanding,
  };

const presentOwn = (s: StatusRow | null) =>
  s && {
    municipalityCode: s.municipalityCode,
    status: s.status,
    signedVersionNumber: s.signature?.versionNumber ?? null,
    signedAt: iso(s.signature?.signedAt),
    replacedBy: s.replacedBy && { agreementId: s.replacedBy.agreementId, title: s.replacedBy.title, from: iso(s.replacedBy.from)! },
  };

const presentSummary = (a: AgreementSummary) => ({
  id: a.id,
  type: a.type,
  title: a.title,
  status: a.status,
  deadline: a.deadline,
  audience: { roleKey: a.audienceRoleKey, solutionKey: a.audienceSolutionKey, ccRoleKey: a.ccRoleKey },
  solutions: a.solutions,
  currentVersionNumber: a.currentVersionNumber,
  lastDispatchedAt: iso(a.lastDispatchedAt),
  createdAt: iso(a.createdAt)!,
  updatedAt: iso(a.updatedAt)!,
  counts: presentCounts(a.counts),
  ownStatus: presentOwn(a.own),
});

/** The agreement in full; a municipality's user sees their own status only, never counts. */
async function presentDetail(db: Db, actor: Actor, id: string) {
  const d = await getAgreementDetail(db, actor, id);
  if (!d) throw notFound('Aftalen findes ikke.');
  const current = d.versions.find((v) => v.current);
  return {
    ...presentSummary({ ...d, currentVersionNumber: current?.number ?? null }),
    description: d.description,
    versions: d.versions.map((v) => ({
      ...v,
      createdAt: iso(v.createdAt)!,
      files: v.files.map((f) => ({ ...f, url: `/api/v1/agreements/${d.id}/files/${f.id}` })),
    })),
    history: d.history.map((h) => ({ at: iso(h.at)!, text: h.text })),
  };
}

const uploadDescription =
  `Multipart. Filer: \`document\` (præcis én) og \`annexes\` (gentages; højst ${MAX_ANNEXES}), PDF eller Word (.docx) afgjort af indholdet, ` +
  `højst ${MAX_AGREEMENT_FILE_BYTES / 1024 / 1024} MB pr. fil og ${MAX_VERSION_UPLOAD_BYTES / 1024 / 1024} MB i alt. ` +
  'Bilagenes titler kan gives i `annexTitles` (gentages, i samme rækkefølge); ellers hedder de "Bilag 1", "Bilag 2" osv.';

/** Agreements for the API: list and read for everyone who may see them; create, versions and dispatch for KOMBIT's editors. */
export function registerAgreementAuthorApi(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Aftaler'];

  app.get(
    '/api/v1/agreements',
    {
      schema: {
        tags,
        summary: 'Aftaler: for KOMBIT alle med optælling; for en kommunes brugere de aftaler, der er sendt til kommunen, med kommunens egen status',
        response: { 200: z.array(summaryOut), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      return (await listAgreements(ctx.db, ctx.actor)).map(presentSummary);
    },
  );

  app.get(
    '/api/v1/agreements/:id',
    {
      schema: {
        tags,
        summary: 'En aftale med løsninger, versioner, filer (med SHA-256) og historik',
        description: 'KOMBIT får optællingen for alle kommuner; en kommunes brugere kun egen status, og historikken uden antal kommuner.',
        params: idParams,
        response: { 200: detailOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      await loadAgreement(ctx.db, ctx.actor, request.params.id, 'read');
      return presentDetail(ctx.db, ctx.actor, request.params.id);
    },
  );

  app.post(
    '/api/v1/agreements/:id/dispatches',
    {
      schema: {
        tags,
        summary: 'Udsend den gældende version til underskrift',
        description:
          '`scope`: `all` (alle kommuner), `chosen` (med `municipalityCodes`) eller `outstanding` (de kommuner, aftalen er sendt til, ' +
          'som ikke har underskrevet eller er i dialog). `requestKey` (uuid) gør kaldet sikkert at gentage: samme nøgle sender intet igen ' +
          'og svarer 200 med `alreadySent: true`. Kommuner, der har underskrevet, er erstattet af K98-aftalen eller afventer godkendelse, får ingen mail.',
        params: idParams,
        body: apiBody(dispatchInput),
        response: { 200: dispatchOut, 201: dispatchOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const r = await dispatchAgreement(actorCtx(request), request.params.id, request.body);
      return reply.status(r.alreadySent ? 200 : 201).send(r);
    },
  );

  const closeOut = z
    .object({ id: z.string(), status: z.enum(agreementStatuses), changed: z.boolean() })
    .meta({ id: 'AgreementStatusChange' });
  const closing = (path: string, summary: string, run: typeof closeAgreement) =>
    app.post(
      `/api/v1/agreements/:id/${path}`,
      { schema: { tags, summary, params: idParams, response: { 200: closeOut, ...errorResponses } } },
      async (request) => ({ id: request.params.id, ...(await run(actorCtx(request), request.params.id)) }),
    );
  closing('close', 'Luk aftalen: den kan ikke længere underskrives, og der sendes ingen påmindelser. Gentagelse er uden virkning', closeAgreement);
  closing('reopen', 'Genåbn en lukket aftale (udsendt igen, eller kladde hvis den aldrig blev udsendt). Gentagelse er uden virkning', reopenAgreement);

  app.get(
    '/api/v1/agreements/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: 'Hent en versions dokument eller bilag (headeren x-content-sha256 angiver filens SHA-256)',
        params: z.object({ id: uuidParam, fileId: uuidParam }),
        produces: ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
        response: { ...errorResponses },
      },
    },
    async (request, reply) => sendDownload(reply, await readAgreementFile(actorCtx(request), request.params.id, request.params.fileId)),
  );

  // Multipart with a document and several annexes is parsed in a scope of its own (see parse-version-upload.ts).
  root.register(async (scope) => {
    registerVersionUploadParser(scope);
    const typed = scope.withTypeProvider<ZodTypeProvider>();
    typed.post(
      '/api/v1/agreements',
      {
        schema: {
          tags,
          summary: 'Opret en aftale som kladde med version 1',
          description:
            `${uploadDescription} Felter: \`type\` (${agreementTypes.join(', ')}), \`title\`, \`description\`, \`solutions\` (løsningsnøgler, gentages; mindst én). ` +
            'Samme type, titel og filer sendt igen kort efter giver den allerede oprettede kladde (200).',
          consumes: ['multipart/form-data'],
          response: { 200: detailOut, 201: detailOut, ...errorResponses },
        },
      },
      async (request, reply) => {
        const ctx = actorCtx(request);
        const { id, created } = await createAgreement(ctx, request.body);
        return reply.status(created ? 201 : 200).send(await presentDetail(ctx.db, ctx.actor, id));
      },
    );
    typed.post(
      '/api/v1/agreements/:id/versions',
      {
        schema: {
          tags,
          summary: 'Læg en ny version op; den bliver den gældende',
          description:
            `${uploadDescription} Felter: \`changeNote\` (påkrævet), \`requiresResign\` (true/false; udeladt = true). ` +
            'Kræver versionen ny underskrift, tæller de hidtidige underskrifter ikke længere (de bevares).',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 200: versionAddedOut, 201: versionAddedOut, ...errorResponses },
        },
      },
      async (request, reply) => {
        const r = await addVersion(actorCtx(request), request.params.id, request.body);
        return reply.status(r.created ? 201 : 200).send(r);
      },
    );
  });
}


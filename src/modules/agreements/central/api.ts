import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isCentral } from '../../../platform/context.ts';
import { notFound } from '../../../platform/errors.ts';
import { errorResponses, iso, municipalityCodeParam, uuidParam } from '../../../platform/http/api-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { authorizeCentralOverview } from '../../organisations/index.ts';
import { apiBody } from '../../../platform/http/api-schemas.ts';
import { statusText } from './export-status.ts';
import { loadAgreement } from '../load-agreement.ts';
import { agreementMatrix } from './matrix-queries.ts';
import { type AgreementNote, noteThread, statusOverview, type StatusOverviewRow } from './notes-queries.ts';
import { applyStatusFilter, outstandingRows, outstandingText } from '../outstanding-text.ts';
import { loadThreadAgreement, noteBody, postNote } from './post-note.ts';
import { agreementStatuses, agreementTypes } from '../schema.ts';
import { dialogueBody, setDialogue } from './set-dialogue.ts';
import type { StatusCounts } from '../status.ts';

export const municipalStatusEnum = z
  .enum(['signed', 'replaced', 'pending', 'in_dialogue', 'not_signed'])
  .describe('signed: underskrevet; replaced: erstattet af K98-aftalen; pending: uploadet kopi afventer godkendelse; in_dialogue: i dialog med KOMBIT; not_signed: ikke underskrevet')
  .meta({ id: 'AgreementMunicipalStatus' });

const countsOut = z
  .object({
    addressed: z.number(),
    signed: z.number(),
    replaced: z.number(),
    pending: z.number(),
    in_dialogue: z.number(),
    not_signed: z.number(),
    outstanding: z.number().describe('Ikke underskrevet eller i dialog'),
  })
  .meta({ id: 'AgreementStatusCounts' });

const noteOut = z
  .object({ id: z.string(), municipalityCode: z.string(), authorName: z.string(), fromCentral: z.boolean(), body: z.string(), createdAt: z.string() })
  .meta({ id: 'AgreementNote' });

const statusRowOut = z
  .object({
    municipalityCode: z.string(),
    municipalityName: z.string(),
    status: municipalStatusEnum,
    statusText: z.string().describe('Som på siden, fx "Erstattet af K98-aftalen fra 3. juni 2025"'),
    signature: z
      .object({
        id: z.string(),
        versionNumber: z.number(),
        method: z.enum(['samspil', 'upload']),
        state: z.enum(['signed', 'pending']),
        signerName: z.string(),
        signerTitle: z.string(),
        signedAt: z.string(),
      })
      .nullable(),
    replacedBy: z.object({ agreementId: z.string(), title: z.string(), from: z.string() }).nullable(),
    inDialogue: z.boolean(),
    dialogueSince: z.string().nullable(),
    lastNote: noteOut.nullable(),
  })
  .meta({ id: 'AgreementStatusRow' });

const statusOut = z
  .object({
    agreementId: z.string(),
    counts: countsOut.nullable().describe('Kun for KOMBIT; null for kommunale brugere'),
    rows: z.array(statusRowOut),
  })
  .meta({ id: 'AgreementStatusOverview' });

const outstandingOut = z
  .object({
    text: z.string().describe('Listen over manglende kommuner, klar til at indsætte i en mail'),
    municipalities: z.array(z.object({ code: z.string(), name: z.string(), status: municipalStatusEnum })),
  })
  .meta({ id: 'AgreementOutstanding' });

const dialogueOut = z
  .object({
    municipalityCode: z.string(),
    inDialogue: z.boolean(),
    dialogueSince: z.string().nullable(),
    changed: z.boolean().describe('false, når kommunen allerede stod sådan'),
    note: noteOut.nullable(),
  })
  .meta({ id: 'AgreementDialogue' });

const matrixOut = z
  .object({
    agreements: z.array(
      z.object({ id: z.string(), title: z.string(), type: z.enum(agreementTypes), status: z.enum(agreementStatuses), counts: countsOut }),
    ),
    municipalities: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        statuses: z.array(municipalStatusEnum.nullable()).describe('Én pr. aftale i samme rækkefølge som agreements; null = ikke sendt til kommunen'),
      }),
    ),
  })
  .meta({ id: 'AgreementMatrix' });

const params = z.object({ id: uuidParam });
const threadParams = z.object({ id: uuidParam, code: municipalityCodeParam });
const statusQuery = z.object({
  status: z
    .enum(['all', 'outstanding', 'signed', 'replaced', 'pending', 'in_dialogue', 'not_signed'])
    .optional()
    .describe('outstanding = ikke underskrevet eller i dialog'),
});

const presentNote = (n: AgreementNote) => ({
  id: n.id,
  municipalityCode: n.municipalityCode,
  authorName: n.authorName,
  fromCentral: n.fromCentral,
  body: n.body,
  createdAt: n.createdAt.toISOString(),
});

const presentCounts = (c: StatusCounts) => ({
  addressed: c.addressed,
  signed: c.signed,
  replaced: c.replaced,
  pending: c.pending,
  in_dialogue: c.in_dialogue,
  not_signed: c.not_signed,
  outstanding: c.outstanding,
});

const presentRow = (r: StatusOverviewRow) => ({
  municipalityCode: r.municipalityCode,
  municipalityName: r.municipalityName,
  status: r.status,
  statusText: statusText(r),
  signature: r.signature
    ? {
        id: r.signature.id,
        versionNumber: r.signature.versionNumber,
        method: r.signature.method,
        state: r.signature.state,
        signerName: r.signature.signerName,
        signerTitle: r.signature.signerTitle,
        signedAt: r.signature.signedAt.toISOString(),
      }
    : null,
  replacedBy: r.replacedBy ? { ...r.replacedBy, from: r.replacedBy.from.toISOString() } : null,
  inDialogue: r.inDialogue,
  dialogueSince: iso(r.dialogueSince),
  lastNote: r.lastNote ? presentNote(r.lastNote) : null,
});

/** Status, outstanding list, notes and dialogue of an agreement, and the matrix, as JSON. */
export function registerAgreementStatusApi(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Aftaler'];

  app.get(
    '/api/v1/agreements/:id/status',
    {
      schema: {
        tags,
        summary: 'Kommunernes status for en aftale',
        description: 'KOMBIT får alle adresserede kommuner og optællingen. En kommunal bruger får kun sin egen kommunes række.',
        params,
        querystring: statusQuery,
        response: { 200: statusOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const a = await loadAgreement(ctx.db, ctx.actor, request.params.id, 'read');
      const central = isCentral(ctx.actor);
      const overview = await statusOverview(ctx.db, a.id, central ? undefined : ctx.actor.municipalityCode!);
      return {
        agreementId: a.id,
        counts: central ? presentCounts(overview.counts) : null,
        rows: applyStatusFilter(overview.rows, request.query.status ?? 'all').map(presentRow),
      };
    },
  );

  app.get(
    '/api/v1/agreements/:id/outstanding',
    {
      schema: {
        tags,
        summary: 'Listen over kommuner, der mangler at underskrive (KOMBIT)',
        description: 'Kommuner med status ikke underskrevet eller i dialog, i dansk alfabetisk orden; dem i dialog markeres med *) i teksten.',
        params,
        response: { 200: outstandingOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      if (!isCentral(ctx.actor)) throw notFound('Aftalen findes ikke.');
      const a = await loadAgreement(ctx.db, ctx.actor, request.params.id, 'read');
      const overview = await statusOverview(ctx.db, a.id);
      return {
        text: outstandingText(overview.rows, overview.organisationName),
        municipalities: outstandingRows(overview.rows).map((r) => ({ code: r.municipalityCode, name: r.municipalityName, status: r.status })),
      };
    },
  );

  app.put(
    '/api/v1/agreements/:id/municipalities/:code/dialogue',
    {
      schema: {
        tags,
        summary: 'Markér at KOMBIT er i dialog med kommunen om aftalen (eller at dialogen er slut)',
        description:
          'Kun KOMBITs administratorer og konsulenter. En kommune i dialog får ikke påmindelser og markeres med *) i listen over manglende. ' +
          'En note tilføjes kommunens tråd i samme transaktion. Samme markering igen ændrer intet (changed false).',
        params: threadParams,
        body: apiBody(dialogueBody),
        response: { 200: dialogueOut, ...errorResponses },
      },
    },
    async (request) => {
      const { code } = request.params;
      const result = await setDialogue(actorCtx(request), request.params.id, code, request.body);
      return {
        municipalityCode: code,
        inDialogue: result.inDialogue,
        dialogueSince: iso(result.dialogueSince),
        changed: result.changed,
        note: result.note ? presentNote(result.note) : null,
      };
    },
  );

  app.get(
    '/api/v1/agreements/:id/municipalities/:code/notes',
    {
      schema: {
        tags,
        summary: 'Noterne mellem KOMBIT og kommunen om aftalen, ældste først',
        description: 'KOMBIT ser alle kommuners noter; en kommunal bruger kun sin egen kommunes.',
        params: threadParams,
        response: { 200: z.object({ notes: z.array(noteOut) }).meta({ id: 'AgreementNotes' }), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const a = await loadThreadAgreement(ctx, request.params.id, request.params.code, 'read');
      return { notes: (await noteThread(ctx.db, a.id, request.params.code)).map(presentNote) };
    },
  );

  app.post(
    '/api/v1/agreements/:id/municipalities/:code/notes',
    {
      schema: {
        tags,
        summary: 'Skriv en note i kommunens tråd om aftalen',
        description:
          'KOMBITs administratorer og konsulenter samt kommunens modtagere af aftalen, programleder og KLIK-administrator. ' +
          'En note fra KOMBIT mailes til kommunens modtagere af aftalen. Samme tekst igen fra samme person lige efter ændrer intet (200 i stedet for 201).',
        params: threadParams,
        body: apiBody(noteBody),
        response: { 200: noteOut, 201: noteOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { changed, note } = await postNote(actorCtx(request), request.params.id, request.params.code, request.body);
      return reply.status(changed ? 201 : 200).send(presentNote(note));
    },
  );

  app.get(
    '/api/v1/agreements/matrix',
    {
      schema: {
        tags,
        summary: 'Overblik: hver kommunes status for hver udsendt aftale (KOMBIT)',
        querystring: z.object({ type: z.enum(agreementTypes).optional() }),
        response: { 200: matrixOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeCentralOverview(ctx.actor);
      const matrix = await agreementMatrix(ctx.db, request.query.type ?? null);
      return {
        agreements: matrix.agreements.map((a) => ({ id: a.id, title: a.title, type: a.type, status: a.status, counts: presentCounts(a.counts) })),
        municipalities: matrix.rows.map((r) => ({ code: r.code, name: r.name, statuses: r.cells })),
      };
    },
  );
}

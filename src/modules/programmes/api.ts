import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiBody, errorResponses, iso, uuidParam } from '../../platform/http/api-schemas.ts';
import { actorCtx } from '../../platform/http/request-context.ts';
import { clientKeyOf } from '../../platform/idempotency/claim-request.ts';
import { danishDay } from '../../platform/views/format.ts';
import { milestoneStates } from '../tasks/index.ts';
import { agreementStatuses, agreementTypes, municipalStatuses } from '../agreements/index.ts';
import { deleteProgrammeFigure } from './delete-programme-figure.ts';
import { deleteProgrammeMilestone } from './delete-programme-milestone.ts';
import { detailsInput, figureInput, milestoneInput, statusInput } from './inputs.ts';
import { listProgrammes, loadProgramme, type Programme, type ProgrammeRow } from './load-programmes.ts';
import { authorizeProgramme } from './policy.ts';
import { saveProgrammeFigure } from './save-programme-figure.ts';
import { saveProgrammeMilestone } from './save-programme-milestone.ts';
import { programmeStatuses } from './schema.ts';
import { setProgrammeStatus } from './set-programme-status.ts';
import { updateProgramme } from './update-programme.ts';

const tags = ['Programmer'];
const key = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'Ukendt program');
const keyParams = z.object({ key });
const milestoneParams = z.object({ key, id: uuidParam });

const responsibleOut = z.object({ id: z.string().uuid(), name: z.string(), title: z.string(), email: z.string() }).nullable();
const statusOut = z.enum(programmeStatuses).describe('groen, gul eller roed');
const rowOut = z
  .object({
    key: z.string(),
    name: z.string(),
    solutionKey: z.string().nullable(),
    solutionName: z.string().nullable(),
    responsible: responsibleOut,
    status: z.object({ status: statusOut, statusOn: z.string() }).nullable().describe('Den nyeste status'),
    nextMilestone: z.object({ title: z.string(), startsOn: z.string() }).nullable().describe('Den næste milepæl, der ikke er nået'),
  })
  .meta({ id: 'ProgrammeRow' });
const programmeOut = rowOut
  .extend({
    description: z.string(),
    statuses: z.array(z.object({ id: z.string().uuid(), status: statusOut, statusOn: z.string(), comment: z.string(), createdAt: z.string() })).describe('Nyeste først'),
    milestones: z.array(
      z.object({
        id: z.string().uuid(),
        title: z.string(),
        description: z.string(),
        startsOn: z.string(),
        endsOn: z.string().nullable(),
        state: z.enum(milestoneStates),
        originalOn: z.string().nullable().describe('Den først planlagte dag for en flyttet milepæl'),
      }),
    ),
    figures: z.array(
      z.object({ id: z.string().uuid(), name: z.string(), unit: z.string(), target: z.number().nullable(), points: z.array(z.object({ on: z.string(), value: z.number() })) }),
    ),
    tasks: z.array(z.object({ id: z.string().uuid(), code: z.string(), title: z.string(), deadline: z.string(), status: z.string() })).describe('De opgaver i programmet, du kan se: de næste frister først, højst 200'),
    tasksTotal: z.number().int().describe('Alle opgaver i programmet, du kan se'),
    agreements: z
      .array(
        z.object({
          id: z.string().uuid(),
          title: z.string(),
          type: z.enum(agreementTypes),
          status: z.enum(agreementStatuses),
          counts: z
            .object({ addressed: z.number().int(), signed: z.number().int(), replaced: z.number().int(), pending: z.number().int(), inDialogue: z.number().int(), notSigned: z.number().int(), outstanding: z.number().int() })
            .nullable()
            .describe('KOMBITs medarbejdere: hvor de modtagende kommuner står; ellers null'),
          ownStatus: z.enum(municipalStatuses as unknown as [string, ...string[]]).nullable().describe('En kommunes brugere: kommunens egen status; ellers null'),
        }),
      )
      .describe('Aftalerne om programmets løsning, som du kan se (en kommune: dem, der er sendt til den)'),
    news: z
      .object({
        items: z.array(z.object({ id: z.string().uuid(), title: z.string(), publishOn: z.string(), url: z.string(), contact: z.object({ name: z.string(), email: z.string() }).nullable() })),
        total: z.number().int(),
      })
      .describe('De nyeste nyheder om programmet, som du kan se, og hvor mange der er i alt'),
  })
  .meta({ id: 'Programme' });

const row = (r: ProgrammeRow) => ({
  key: r.key,
  name: r.name,
  solutionKey: r.solutionKey,
  solutionName: r.solutionName,
  responsible: r.responsible,
  status: r.status,
  nextMilestone: r.nextMilestone,
});
const full = (p: Programme) => ({
  ...row(p),
  description: p.description,
  statuses: p.statuses.map((s) => ({ ...s, createdAt: iso(s.createdAt)! })),
  milestones: p.milestones,
  figures: p.figures,
  tasks: p.tasks,
  tasksTotal: p.tasksTotal,
  agreements: p.agreements.map((a) => ({
    id: a.id,
    title: a.title,
    type: a.type,
    status: a.status,
    counts: a.counts
      ? { addressed: a.counts.addressed, signed: a.counts.signed, replaced: a.counts.replaced, pending: a.counts.pending, inDialogue: a.counts.in_dialogue, notSigned: a.counts.not_signed, outstanding: a.counts.outstanding }
      : null,
    ownStatus: a.ownStatus,
  })),
  news: { items: p.news.items.map((n) => ({ ...n, url: `/nyt/${n.id}` })), total: p.news.total },
});

const EDITORS = 'Kun KOMBITs administratorer og konsulenter. ';
const ONCE = 'Samme anmodning igen (Idempotency-Key eller samme indhold inden for få sekunder) svarer 200 uden at gemme igen. ';

/** Programmes as JSON: every signed-in user reads; central editors write through the same use cases as the pages. */
export function registerProgrammeApi(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const one = async (request: Parameters<typeof actorCtx>[0], k: string) => {
    const ctx = actorCtx(request);
    return full(await loadProgramme(ctx.db, ctx.actor, k, danishDay(ctx.now)));
  };

  app.get(
    '/api/v1/programmes',
    { schema: { tags, summary: 'Alle programmer med status og næste milepæl', response: { 200: z.object({ programmes: z.array(rowOut) }), ...errorResponses } } },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeProgramme(ctx.actor, 'read');
      return { programmes: (await listProgrammes(ctx.db, danishDay(ctx.now))).map(row) };
    },
  );

  app.get(
    '/api/v1/programmes/:key',
    {
      schema: {
        tags,
        summary: 'Et program: statushistorik, milepæle, nøgletal med deres målinger, opgaver, aftaler og nyheder',
        description: 'Siden /programmer/:key viser det samme.',
        params: keyParams,
        response: { 200: programmeOut, ...errorResponses },
      },
    },
    async (request) => {
      authorizeProgramme(actorCtx(request).actor, 'read');
      return one(request, request.params.key);
    },
  );

  app.put(
    '/api/v1/programmes/:key',
    { schema: { tags, summary: 'Ret programmets beskrivelse og ansvarlige', description: EDITORS, params: keyParams, body: apiBody(detailsInput), response: { 200: programmeOut, ...errorResponses } } },
    async (request) => {
      await updateProgramme(actorCtx(request), request.params.key, request.body);
      return one(request, request.params.key);
    },
  );

  app.post(
    '/api/v1/programmes/:key/statuses',
    {
      schema: {
        tags,
        summary: 'Sæt programmets status (grøn, gul, rød) på en dag med en kommentar',
        description: EDITORS + ONCE,
        params: keyParams,
        body: apiBody(statusInput),
        response: { 200: programmeOut, 201: programmeOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { created } = await setProgrammeStatus(actorCtx(request), request.params.key, request.body, clientKeyOf(request));
      return reply.status(created ? 201 : 200).send(await one(request, request.params.key));
    },
  );

  app.post(
    '/api/v1/programmes/:key/milestones',
    {
      schema: { tags, summary: 'Tilføj en milepæl', description: EDITORS + ONCE, params: keyParams, body: apiBody(milestoneInput), response: { 200: programmeOut, 201: programmeOut, ...errorResponses } },
    },
    async (request, reply) => {
      const { created } = await saveProgrammeMilestone(actorCtx(request), request.params.key, null, request.body, clientKeyOf(request));
      return reply.status(created ? 201 : 200).send(await one(request, request.params.key));
    },
  );

  app.put(
    '/api/v1/programmes/:key/milestones/:id',
    {
      schema: {
        tags,
        summary: 'Ret en milepæl',
        description: EDITORS + 'En ny dag gemmer den først planlagte i originalOn og markerer milepælen flyttet, medmindre den markeres nået.',
        params: milestoneParams,
        body: apiBody(milestoneInput),
        response: { 200: programmeOut, ...errorResponses },
      },
    },
    async (request) => {
      await saveProgrammeMilestone(actorCtx(request), request.params.key, request.params.id, request.body, clientKeyOf(request));
      return one(request, request.params.key);
    },
  );

  app.post(
    '/api/v1/programmes/:key/figures',
    {
      schema: {
        tags,
        summary: 'Opret eller ret et nøgletal (efter navn) og tilføj målinger',
        description: EDITORS + ONCE + 'En måling på en dag, der allerede har én, erstatter den. 201 når nøgletallet er nyt.',
        params: keyParams,
        body: apiBody(figureInput),
        response: { 200: programmeOut, 201: programmeOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { created } = await saveProgrammeFigure(actorCtx(request), request.params.key, request.body, clientKeyOf(request));
      return reply.status(created ? 201 : 200).send(await one(request, request.params.key));
    },
  );

  app.delete(
    '/api/v1/programmes/:key/milestones/:id',
    {
      schema: {
        tags,
        summary: 'Slet en milepæl',
        description: EDITORS + 'En milepæl, der allerede er slettet, svarer også 204.',
        params: milestoneParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteProgrammeMilestone(actorCtx(request), request.params.key, request.params.id, clientKeyOf(request));
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/v1/programmes/:key/figures/:id',
    {
      schema: {
        tags,
        summary: 'Slet et nøgletal med alle dets målinger',
        description: EDITORS + 'Et nøgletal, der allerede er slettet, svarer også 204. Revisionsloggen gemmer nøgletallet og alle målingerne.',
        params: milestoneParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteProgrammeFigure(actorCtx(request), request.params.key, request.params.id, clientKeyOf(request));
      return reply.status(204).send(null);
    },
  );
}

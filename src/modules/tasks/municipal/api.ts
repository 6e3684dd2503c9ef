import { deadlineChangeOut, stepOut } from '../api-shapes.ts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../../platform/errors.ts';
import { errorResponses, iso, municipalityCodeParam, uuidParam } from '../../../platform/http/api-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { apiBody } from '../../../platform/http/api-schemas.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { answerStep } from './answer-step.ts';
import { assignPeople } from './assign-people.ts';
import { createLocalTask } from './create-local-task.ts';
import { markNotRelevant, markRelevant } from './mark-not-relevant.ts';
import { rememberUploadNames, uploadErrors, uploadFrom } from './pages.tsx';
import { apiFilter, apiFilterQuery, listMyTasks, type MyTaskRow } from './my-tasks-queries.ts';
import { postMessage } from './post-message.ts';
import { loadTargetTask, type ActorCtx } from '../refresh-target-status.ts';
import { targetStatuses, taskStatuses } from '../schema.ts';
import { isOverdue } from '../status.ts';
import { getTargetView, type TargetView } from '../task-view-queries.ts';

const personRef = z.object({ id: z.string(), name: z.string() }).nullable();

const myTaskOut = z
  .object({
    id: z.string(),
    code: z.string(),
    title: z.string(),
    taskStatus: z.enum(taskStatuses),
    deadline: z.string(),
    critical: z.boolean(),
    crossCutting: z.boolean(),
    optional: z.boolean(),
    local: z.boolean(),
    project: z.object({ key: z.string(), name: z.string() }).nullable(),
    solutionKey: z.string().nullable(),
    status: z.enum(targetStatuses),
    overdue: z.boolean(),
    responsible: personRef,
  })
  .meta({ id: 'MyTask' });

const messageOut = z
  .object({ id: z.string(), authorName: z.string(), fromCentral: z.boolean(), body: z.string(), createdAt: z.string() })
  .meta({ id: 'TaskMessage' });

const targetOut = z
  .object({
    task: z.object({
      id: z.string(),
      code: z.string(),
      title: z.string(),
      description: z.string(),
      consequence: z.string(),
      taskStatus: z.enum(taskStatuses),
      deadline: z.string(),
      critical: z.boolean(),
      crossCutting: z.boolean(),
      optional: z.boolean(),
      local: z.boolean(),
      project: z.object({ key: z.string(), name: z.string() }).nullable(),
      solutionName: z.string().nullable(),
    }),
    municipalityCode: z.string(),
    municipalityName: z.string(),
    status: z.enum(targetStatuses),
    overdue: z.boolean(),
    notRelevantReason: z.string().nullable(),
    solvedAt: z.string().nullable(),
    lastActivityAt: z.string().nullable(),
    responsible: personRef,
    executor: personRef,
    deadlineChanges: z.array(deadlineChangeOut),
    steps: z.array(
      stepOut.extend({
        answer: z
          .object({ value: z.string().nullable(), fileId: z.string().nullable(), completed: z.boolean(), answeredAt: z.string(), answeredBy: z.string().nullable() })
          .nullable(),
      }),
    ),
    files: z.array(
      z.object({
        id: z.string(),
        purpose: z.enum(['attachment', 'answer']),
        municipalityCode: z.string().nullable(),
        filename: z.string(),
        contentType: z.string(),
        size: z.number(),
        uploadedAt: z.string(),
        url: z.string(),
      }),
    ),
    messages: z.array(messageOut),
  })
  .meta({ id: 'TaskForMunicipality' });

const presentRow = (r: MyTaskRow) => ({
  id: r.id,
  code: r.code,
  title: r.title,
  taskStatus: r.taskStatus,
  deadline: r.deadline,
  critical: r.critical,
  crossCutting: r.crossCutting,
  optional: r.optional,
  local: r.local,
  project: r.projectKey && r.projectName ? { key: r.projectKey, name: r.projectName } : null,
  solutionKey: r.solutionKey,
  status: r.status,
  overdue: r.overdue,
  responsible: r.responsiblePersonId && r.responsibleName ? { id: r.responsiblePersonId, name: r.responsibleName } : null,
});

const presentMessage = (m: { id: string; authorName: string; fromCentral: boolean; body: string; createdAt: Date }) => ({ ...m, createdAt: iso(m.createdAt)! });

function presentTarget(v: TargetView, now: Date) {
  const t = v.task;
  return {
    task: {
      id: t.id,
      code: t.code,
      title: t.title,
      description: t.description,
      consequence: t.consequence,
      taskStatus: t.status,
      deadline: t.deadline,
      critical: t.critical,
      crossCutting: t.crossCutting,
      optional: t.optional,
      local: t.localMunicipalityCode !== null,
      project: v.projectKey && v.projectName ? { key: v.projectKey, name: v.projectName } : null,
      solutionName: v.solutionName,
    },
    municipalityCode: v.municipalityCode,
    municipalityName: v.municipalityName,
    status: v.status,
    overdue: isOverdue(t.deadline, v.status, now),
    notRelevantReason: v.notRelevantReason,
    solvedAt: iso(v.solvedAt),
    lastActivityAt: iso(v.lastActivityAt),
    responsible: v.responsiblePersonId && v.responsibleName ? { id: v.responsiblePersonId, name: v.responsibleName } : null,
    executor: v.executorPersonId && v.executorName ? { id: v.executorPersonId, name: v.executorName } : null,
    deadlineChanges: v.deadlineChanges.map((c) => ({ ...c, changedAt: iso(c.changedAt)! })),
    steps: v.steps.map((s) => ({
      id: s.id,
      position: s.position,
      title: s.title,
      instructions: s.instructions,
      answerKind: s.answerKind,
      answerLabel: s.answerLabel,
      answerPattern: s.answerPattern,
      answerHint: s.answerHint,
      answer: s.answer
        ? { value: s.answer.value, fileId: s.answer.fileId, completed: s.answer.completed, answeredAt: iso(s.answer.answeredAt)!, answeredBy: s.answer.answeredByName }
        : null,
    })),
    files: v.files.map((f) => ({ ...f, uploadedAt: iso(f.uploadedAt)!, url: `/opgaver/${t.id}/filer/${f.id}` })),
    messages: v.messages.map(presentMessage),
  };
}

/** The task as one municipality sees it, after the policy (a municipal user: own code only, else 404). */
async function targetFor(ctx: ActorCtx, taskId: string, code: string) {
  return viewOf(ctx, await loadTargetTask(ctx, taskId, code, 'read'), code);
}

async function viewOf(ctx: ActorCtx, t: Awaited<ReturnType<typeof loadTargetTask>>, code: string) {
  const view = await getTargetView(ctx.db, t, code);
  if (!view) throw notFound('Opgaven findes ikke.');
  return presentTarget(view, ctx.now);
}

const targetParams = z.object({ id: uuidParam, code: municipalityCodeParam });

/** The municipality side of tasks as JSON: "Mine opgaver", one municipality's answers and thread, and the writes. */
export function registerMunicipalApi(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Opgaver'];
  const targetResponse = { 200: targetOut, ...errorResponses };

  app.get(
    '/api/v1/my-tasks',
    {
      schema: {
        tags,
        summary: 'Mine opgaver: publicerede og lukkede opgaver til mine roller i kommunen samt kommunens lokale opgaver',
        description: 'Programleder og KLIK-administrator ser alle kommunens opgaver. Kladder og annoncerede opgaver er ikke med. For KOMBIT-medarbejdere er listen tom.',
        querystring: apiFilterQuery,
        response: { 200: z.array(myTaskOut), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      return (await listMyTasks(ctx.db, ctx.actor, apiFilter(request.query), ctx.now)).map(presentRow);
    },
  );

  app.get(
    '/api/v1/tasks/:id/municipalities/:code',
    {
      schema: {
        tags,
        summary: 'En kommunes svar, status, ansvarlige og tråd for en opgave',
        description: 'Kommunens brugere kan kun spørge om egen kommune (ellers 404). KOMBIT kan læse alle adresserede kommuner.',
        params: targetParams,
        response: targetResponse,
      },
    },
    async (request) => targetFor(actorCtx(request), request.params.id, request.params.code),
  );

  app.put(
    '/api/v1/tasks/:id/municipalities/:code/steps/:stepId',
    {
      onRequest: rememberUploadNames,
      errorHandler: uploadErrors(root),
      schema: {
        tags,
        summary: 'Besvar et trin og/eller markér det som udført (samme svar igen ændrer intet)',
        description:
          '`value` fraværende bevarer det gemte svar; `null` eller tom tekst sletter det. Et trin med svarfelt kan kun markeres udført med et gyldigt svar. ' +
          'Fil-svar sendes som multipart/form-data med filen i feltet `fil` (højst 10 MB) og evt. `completed=true`.',
        params: targetParams.extend({ stepId: uuidParam }),
        body: apiBody(z.object({ value: z.string().nullable().optional(), completed: z.boolean() })),
        response: targetResponse,
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const { id, code, stepId } = request.params;
      await answerStep(ctx, id, code, stepId, request.body, uploadFrom(request, request.body));
      return targetFor(ctx, id, code);
    },
  );

  app.put(
    '/api/v1/tasks/:id/municipalities/:code/people',
    {
      schema: {
        tags,
        summary: 'Udpeg ansvarlig og udfører blandt kommunens aktive personer (null fjerner)',
        params: targetParams,
        body: apiBody(z.object({ responsiblePersonId: z.string().nullable(), executorPersonId: z.string().nullable() })),
        response: targetResponse,
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      // Checked before the write: a named executor who names someone else in his place no longer
      // reads the task afterwards, yet his change was made and the answer shows it (not a 404).
      const t = await loadTargetTask(ctx, request.params.id, request.params.code, 'act');
      await assignPeople(ctx, t.id, request.params.code, request.body);
      return viewOf(ctx, t, request.params.code);
    },
  );

  app.post(
    '/api/v1/tasks/:id/municipalities/:code/messages',
    {
      schema: {
        tags,
        summary: 'Skriv i tråden mellem kommunen og KOMBIT om opgaven',
        description:
          'Kommunens brugere stiller spørgsmål (kun i egen kommunes tråd). KOMBIT-medarbejdere svarer; svaret mailes til kommunens ansvarlige for opgaven eller programlederen. ' +
          'Samme tekst igen fra samme person lige efter ændrer intet (200 i stedet for 201).',
        params: targetParams,
        body: apiBody(z.object({ body: z.string() })),
        response: { 200: messageOut, 201: messageOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { changed, message } = await postMessage(actorCtx(request), request.params.id, request.params.code, request.body);
      return reply.status(changed ? 201 : 200).send(presentMessage(message));
    },
  );

  app.post(
    '/api/v1/tasks/:id/municipalities/:code/not-relevant',
    {
      schema: {
        tags,
        summary: 'Markér en valgfri opgave som ikke relevant for kommunen, med begrundelse',
        params: targetParams,
        body: apiBody(z.object({ reason: z.string() })),
        response: targetResponse,
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      await markNotRelevant(ctx, request.params.id, request.params.code, request.body);
      return targetFor(ctx, request.params.id, request.params.code);
    },
  );

  app.delete(
    '/api/v1/tasks/:id/municipalities/:code/not-relevant',
    { schema: { tags, summary: 'Fortryd "ikke relevant"', params: targetParams, response: targetResponse } },
    async (request) => {
      const ctx = actorCtx(request);
      await markRelevant(ctx, request.params.id, request.params.code);
      return targetFor(ctx, request.params.id, request.params.code);
    },
  );

  app.post(
    '/api/v1/local-tasks',
    {
      schema: {
        tags,
        summary: 'Opret en lokal opgave, som kun egen kommune kan se',
        description:
          'Uden `code` får opgaven koden LOKAL-<kommunekode>-<n>. Kun for kommunernes brugere. Samme `Idempotency-Key`-header (eller, uden den, samme indhold inden for 10 sekunder) opretter kun én opgave; gentagelsen får den samme opgave som svar.',
        body: apiBody(z.object({
          code: z.string().optional(),
          title: z.string(),
          description: z.string().optional(),
          deadline: z.string().meta({ description: 'åååå-mm-dd' }),
          steps: z.array(
            z.object({
              title: z.string(),
              instructions: z.string().optional(),
              answerKind: z.enum(['none', 'text', 'date', 'yes_no', 'file']).optional(),
              answerLabel: z.string().optional(),
            }),
          ),
          responsiblePersonId: z.string().optional(),
        })),
        response: { 201: targetOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = actorCtx(request);
      const created = await createLocalTask(ctx, request.body, clientKeyOf(request));
      return reply.status(201).send(await targetFor(ctx, created.id, ctx.actor.municipalityCode!));
    },
  );
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { type Actor, isCentral } from '../../../platform/context.ts';
import { errorResponses, iso, uuidParam } from '../../../platform/http/api-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { authorizeCentralReading, getTaskDefinition, listDrafts, listProjects, listUpcoming, type TaskSummary } from './queries.ts';
import { deadlineChangeOut, presentDeadlineChange, stepOut } from '../api-shapes.ts';
import { apiBody } from '../../../platform/http/api-schemas.ts';
import { changeDeadline } from './change-deadline.ts';
import { announceTask, closeTask, publishTask, type StatusOutcome } from './change-task-status.ts';
import { createProject } from './create-project.ts';
import { createTask } from './create-task.ts';
import { createTaskInput, deadlineInput, projectInput, updateTaskInput } from '../inputs.ts';
import { loadTask } from '../load-task.ts';
import { taskStatuses } from '../schema.ts';
import { addCommonAttachments, addMunicipalityAttachments, registerUploadParser } from './upload-attachments.ts';
import { updateTask } from './update-task.ts';

const projectOut = z
  .object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    description: z.string(),
    solutionKey: z.string().nullable(),
    taskCount: z.number(),
    createdAt: z.string(),
  })
  .meta({ id: 'Project' });


const taskOut = z
  .object({
    id: z.string(),
    code: z.string(),
    title: z.string(),
    description: z.string().describe('Markdown; rå HTML vises ikke'),
    consequence: z.string(),
    status: z.enum(taskStatuses),
    projectId: z.string().nullable(),
    projectName: z.string().nullable(),
    solutionKey: z.string().nullable(),
    audience: z.object({ roleKey: z.string().nullable(), solutionKey: z.string().nullable(), primaryOnly: z.boolean() }),
    critical: z.boolean(),
    crossCutting: z.boolean(),
    optional: z.boolean(),
    announceAt: z.string().nullable(),
    publishAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    deadline: z.string().describe('yyyy-mm-dd; sidste dag opgaven kan løses rettidigt'),
    municipalityCodes: z.array(z.string()).describe('Kommuner opgaven er rettet til (for en kommunes bruger: kun egen)'),
    steps: z.array(stepOut),
    deadlineHistory: z.array(deadlineChangeOut),
    attachments: z.array(z.object({ id: z.string(), municipalityCode: z.string().nullable(), filename: z.string(), contentType: z.string(), size: z.number(), url: z.string() })),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'TaskDefinition' });

const summaryOut = z
  .object({
    id: z.string(),
    code: z.string(),
    title: z.string(),
    description: z.string(),
    status: z.enum(taskStatuses),
    deadline: z.string(),
    announceAt: z.string().nullable(),
    publishAt: z.string().nullable(),
    critical: z.boolean(),
    crossCutting: z.boolean(),
    optional: z.boolean(),
    projectName: z.string().nullable(),
    municipalityCount: z.number(),
    stepCount: z.number(),
    updatedAt: z.string(),
  })
  .meta({ id: 'TaskSummary' });

const statusOut = z
  .object({ id: z.string(), status: z.enum(taskStatuses), changed: z.boolean(), scheduledFor: z.string().nullable() })
  .meta({ id: 'TaskStatusChange' });
const uploadOut = z
  .object({
    added: z.number(),
    replaced: z.number(),
    unchanged: z.number(),
    files: z.array(z.object({ id: z.string(), filename: z.string(), municipalityCode: z.string().nullable() })),
  })
  .meta({ id: 'AttachmentUpload' });

const idParams = z.object({ id: uuidParam });

const presentSummary = (s: TaskSummary) => ({
  id: s.id,
  code: s.code,
  title: s.title,
  description: s.description,
  status: s.status,
  deadline: s.deadline,
  announceAt: iso(s.announceAt),
  publishAt: iso(s.publishAt),
  critical: s.critical,
  crossCutting: s.crossCutting,
  optional: s.optional,
  projectName: s.projectName,
  municipalityCount: s.targetCount,
  stepCount: s.stepCount,
  updatedAt: iso(s.updatedAt)!,
});

/** The full definition; a municipality's user sees only their own municipality and its attachments. */
async function presentTask(db: Db, actor: Actor, id: string) {
  const d = (await getTaskDefinition(db, id))!;
  const own = (code: string | null) => isCentral(actor) || code === null || code === actor.municipalityCode;
  return {
    id: d.id,
    code: d.code,
    title: d.title,
    description: d.description,
    consequence: d.consequence,
    status: d.status,
    projectId: d.projectId,
    projectName: d.projectName,
    solutionKey: d.solutionKey,
    audience: { roleKey: d.audienceRoleKey, solutionKey: d.audienceSolutionKey, primaryOnly: d.audiencePrimaryOnly },
    critical: d.critical,
    crossCutting: d.crossCutting,
    optional: d.optional,
    announceAt: iso(d.announceAt),
    publishAt: iso(d.publishAt),
    publishedAt: iso(d.publishedAt),
    closedAt: iso(d.closedAt),
    deadline: d.deadline,
    municipalityCodes: d.targetCodes.filter(own),
    steps: d.steps.map((s) => ({
      id: s.id,
      position: s.position,
      title: s.title,
      instructions: s.instructions,
      answerKind: s.answerKind,
      answerLabel: s.answerLabel,
      answerPattern: s.answerPattern,
      answerHint: s.answerHint,
    })),
    deadlineHistory: d.deadlineChanges.map(presentDeadlineChange),
    attachments: d.attachments
      .filter((a) => own(a.municipalityCode))
      .map((a) => ({ ...a, uploadedAt: undefined, url: `/opgaver/${d.id}/bilag/${a.id}` })),
    createdAt: iso(d.createdAt)!,
    updatedAt: iso(d.updatedAt)!,
  };
}

const presentStatus = (id: string, r: StatusOutcome) => ({ id, status: r.status, changed: r.changed, scheduledFor: iso(r.scheduledFor) });

/** Authoring and lifecycle of tasks (KLIK-opgaver) for the joint organisation. */
export function registerAuthorApi(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Opgaver'];

  app.get(
    '/api/v1/projects',
    { schema: { tags, summary: 'Projekter (programmer), fx Kontanthjælpsreformen', response: { 200: z.array(projectOut), ...errorResponses } } },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeCentralReading(ctx.actor);
      return (await listProjects(ctx.db)).map((p) => ({
        id: p.id,
        key: p.key,
        name: p.name,
        description: p.description,
        solutionKey: p.solutionKey,
        taskCount: p.taskCount,
        createdAt: iso(p.createdAt)!,
      }));
    },
  );

  app.post(
    '/api/v1/projects',
    { schema: { tags, summary: 'Opret projekt (nøglen dannes af navnet, hvis den udelades)', body: apiBody(projectInput), response: { 201: projectOut, ...errorResponses } } },
    async (request, reply) => {
      const ctx = actorCtx(request);
      const { id } = await createProject(ctx, request.body);
      const p = (await listProjects(ctx.db)).find((x) => x.id === id)!;
      return reply.status(201).send({ ...p, createdAt: iso(p.createdAt)! });
    },
  );

  app.get(
    '/api/v1/tasks/drafts',
    { schema: { tags, summary: 'Kladder (kun KOMBIT)', response: { 200: z.array(summaryOut), ...errorResponses } } },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeCentralReading(ctx.actor);
      return (await listDrafts(ctx.db, ctx.actor)).map(presentSummary);
    },
  );

  app.get(
    '/api/v1/tasks/upcoming',
    {
      schema: {
        tags,
        summary: 'Kommende opgaver: annoncerede opgaver (for en kommunes bruger: dem, der er rettet til kommunen)',
        response: { 200: z.array(summaryOut), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      return (await listUpcoming(ctx.db, ctx.actor)).map(presentSummary);
    },
  );

  app.post(
    '/api/v1/tasks',
    {
      schema: {
        tags,
        summary: 'Opret opgave som kladde',
        description:
          'Kommuner: `targets.mode` er `all`, `region` (med `region`), `kkr` (med `kkr`) eller `list` (med `codes`: koder eller navne, ' +
          'som liste eller som én tekst adskilt af komma, semikolon, mellemrum eller linjeskift). Datoer: `deadline` er yyyy-mm-dd; ' +
          '`announceAt`/`publishAt` er en dato (fra midnat dansk tid) eller et ISO-tidspunkt.',
        body: apiBody(createTaskInput),
        response: { 201: taskOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = actorCtx(request);
      const { id } = await createTask(ctx, request.body);
      return reply.status(201).send(await presentTask(ctx.db, ctx.actor, id));
    },
  );

  app.get(
    '/api/v1/tasks/:id',
    { schema: { tags, summary: 'En opgaves definition med trin, frist-historik og bilag', params: idParams, response: { 200: taskOut, ...errorResponses } } },
    async (request) => {
      const ctx = actorCtx(request);
      await loadTask(ctx.db, ctx.actor, request.params.id, 'read');
      return presentTask(ctx.db, ctx.actor, request.params.id);
    },
  );

  app.put(
    '/api/v1/tasks/:id',
    {
      schema: {
        tags,
        summary: 'Ret en opgave',
        description:
          'En kladde eller annonceret opgave rettes helt (trin og kommuner erstattes); fristen på en annonceret opgave ændres kun med ' +
          '`/deadline`. En publiceret opgave er låst: kun `description` (præciseringer) bruges, resten ignoreres. En lukket opgave kan ikke rettes.',
        params: idParams,
        body: apiBody(updateTaskInput),
        response: { 200: taskOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      await updateTask(ctx, request.params.id, request.body);
      return presentTask(ctx.db, ctx.actor, request.params.id);
    },
  );

  const transition = (path: string, summary: string, run: typeof announceTask) =>
    app.post(
      `/api/v1/tasks/:id/${path}`,
      { schema: { tags, summary, params: idParams, response: { 200: statusOut, ...errorResponses } } },
      async (request) => presentStatus(request.params.id, await run(actorCtx(request), request.params.id)),
    );
  transition('announce', 'Annoncér (vises under Kommende opgaver; ingen mails). Gentagelse er uden virkning', announceTask);
  transition(
    'publish',
    'Publicér og send besked til modtagerne. Med en fremtidig publiceringsdato annonceres opgaven og publiceres på datoen. Gentagelse sender ikke igen',
    publishTask,
  );
  transition('close', 'Luk en publiceret opgave. Gentagelse er uden virkning', closeTask);

  app.post(
    '/api/v1/tasks/:id/deadline',
    {
      schema: {
        tags,
        summary: 'Ændr fristen med begrundelse (historikken gemmes; modtagerne får besked, når opgaven er publiceret)',
        params: idParams,
        body: apiBody(deadlineInput),
        response: { 200: taskOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      await changeDeadline(ctx, request.params.id, request.body);
      return presentTask(ctx.db, ctx.actor, request.params.id);
    },
  );

  // Multipart with several named files is parsed in a scope of its own (see upload-attachments.ts).
  root.register(async (scope) => {
    registerUploadParser(scope);
    const typed = scope.withTypeProvider<ZodTypeProvider>();
    typed.post(
      '/api/v1/tasks/:id/attachments',
      {
        schema: {
          tags,
          summary: 'Tilføj fælles bilag (multipart; en eller flere filer). En fil med samme navn erstatter den tidligere',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 200: uploadOut, ...errorResponses },
        },
      },
      async (request) => addCommonAttachments(actorCtx(request), request.params.id, request.body),
    );
    typed.post(
      '/api/v1/tasks/:id/municipality-attachments',
      {
        schema: {
          tags,
          summary: 'Tilføj bilag pr. kommune (multipart; filnavne begynder med kommunekoden, fx 0320-faxe-udtraek.xlsx)',
          description: 'Højst 100 filer, 10 MB pr. fil og 50 MB i alt pr. forespørgsel. Én fil kan i stedet sendes med feltet `kommunekode`. Én forkert fil, og intet gemmes.',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 200: uploadOut, ...errorResponses },
        },
      },
      async (request) => addMunicipalityAttachments(actorCtx(request), request.params.id, request.body),
    );
  });

}

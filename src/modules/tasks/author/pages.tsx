import { noticeFor } from '../../../platform/views/components.tsx';
import { sendDownload } from '../../../platform/http/send-download.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isCentral } from '../../../platform/context.ts';
import { AppError, type FieldErrors } from '../../../platform/errors.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { formBody, idParams, pageQuery, uploadBody, uuidParam } from '../../../platform/http/page-schemas.ts';
import {
  authoringReference,
  authorizeAuthoring,
  authorizeCentralReading,
  getTaskDefinition,
  listDrafts,
  listProjects,
  listUpcoming,
  type AuthoringReference,
  type TaskDefinition,
} from './queries.ts';
import { DeadlinePage } from './views/deadline.tsx';
import { DraftsPage } from './views/drafts.tsx';
import { EditTaskPage } from './views/edit-task.tsx';
import { NewTaskPage } from './views/new-task.tsx';
import { ProjectsPage } from './views/projects.tsx';
import { AUTHOR_NOTICES } from './views/shared.tsx';
import { UpcomingPage } from './views/upcoming.tsx';
import { changeDeadline } from './change-deadline.ts';
import { announceTask, closeTask, publishTask } from './change-task-status.ts';
import { createProject } from './create-project.ts';
import { createTask } from './create-task.ts';
import { DEFAULT_STEP_ROWS, errorsOnFormRows, MAX_STEP_ROWS, stepRowCount, taskFromForm, type FormBody } from '../inputs.ts';
import { loadTask } from '../load-task.ts';
import { canAuthor } from '../policy.ts';
import { addCommonAttachments, addMunicipalityAttachments, readAttachment, registerUploadParser } from './upload-attachments.ts';
import { updateTask } from './update-task.ts';
import { danishDay } from '../../../platform/views/format.ts';

/** 422 and 409 come back as the same page with the user's input and a Danish error summary. */
function formError(error: unknown): AppError {
  if (error instanceof AppError && (error.status === 422 || error.status === 409)) return error;
  throw error;
}
const errorsOf = (e: AppError): FieldErrors => (Object.keys(e.fieldErrors).length > 0 ? e.fieldErrors : { _: e.message });

/** A stored task as the form's fields. */
export function formValuesOf(t: TaskDefinition, ref: AuthoringReference): FormBody {
  const v: FormBody = {
    code: t.code,
    title: t.title,
    description: t.description,
    consequence: t.consequence,
    projectId: t.projectId ?? '',
    solutionKey: t.solutionKey ?? '',
    audienceRoleKey: t.audienceRoleKey ?? '',
    audienceSolutionKey: t.audienceSolutionKey ?? '',
    audiencePrimaryOnly: t.audiencePrimaryOnly ? 'on' : '',
    critical: t.critical ? 'on' : '',
    crossCutting: t.crossCutting ? 'on' : '',
    optional: t.optional ? 'on' : '',
    announceAt: t.announceAt ? danishDay(t.announceAt) : '',
    publishAt: t.publishAt ? danishDay(t.publishAt) : '',
    deadline: t.deadline,
    antalTrin: String(Math.max(DEFAULT_STEP_ROWS, Math.min(MAX_STEP_ROWS, t.steps.length + 1))),
  };
  // The addressed set as the author most likely chose it: all, one region, or a list.
  const codes = t.targetCodes;
  const inRegion = (region: string) => ref.municipalities.filter((m) => m.region === region).map((m) => m.code);
  const region = [...new Set(ref.municipalities.map((m) => m.region))].find((r) => {
    const members = inRegion(r);
    return members.length === codes.length && members.every((c) => codes.includes(c));
  });
  if (codes.length === ref.municipalities.length) v['targets.mode'] = 'all';
  else if (region) Object.assign(v, { 'targets.mode': 'region', 'targets.region': region });
  else Object.assign(v, { 'targets.mode': 'list', 'targets.codes': codes });
  t.steps.forEach((s, i) => {
    v[`steps.${i}.title`] = s.title;
    v[`steps.${i}.instructions`] = s.instructions;
    v[`steps.${i}.answerKind`] = s.answerKind;
    v[`steps.${i}.answerLabel`] = s.answerLabel;
    v[`steps.${i}.answerPattern`] = s.answerPattern ?? '';
    v[`steps.${i}.answerHint`] = s.answerHint;
  });
  return v;
}

const wantsMoreSteps = (body: FormBody) => body.handling === 'flere-trin';
const moreRows = (body: FormBody) => Math.min(MAX_STEP_ROWS, stepRowCount(body) + 5);

/** The edit page of a task the actor may author, optionally with errors and the submitted values. */
async function editPage(
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  opts: { errors?: FieldErrors; status?: number; values?: FormBody; stepRows?: number; besked?: string } = {},
) {
  const ctx = actorCtx(request);
  await loadTask(ctx.db, ctx.actor, id, 'author');
  const [ref, def] = await Promise.all([authoringReference(ctx.db), getTaskDefinition(ctx.db, id)]);
  const stored = formValuesOf(def!, ref);
  const values = opts.values ?? stored;
  const notice = noticeFor(AUTHOR_NOTICES, opts.besked);
  return sendPage(
    reply,
    <EditTaskPage
      request={request}
      ref={ref}
      task={def!}
      values={values}
      stepRows={opts.stepRows ?? stepRowCount(values)}
      errors={opts.errors}
      notice={opts.errors ? undefined : notice}
      now={ctx.now}
    />,
    opts.status ?? 200,
  );
}

async function deadlinePage(request: FastifyRequest, reply: FastifyReply, id: string, opts: { errors?: FieldErrors; status?: number; values?: FormBody } = {}) {
  const ctx = actorCtx(request);
  const t = await loadTask(ctx.db, ctx.actor, id, 'author');
  if (t.status === 'closed') throw new AppError(409, 'conflict', 'Opgaven er lukket; fristen kan ikke længere ændres.');
  const def = await getTaskDefinition(ctx.db, id);
  return sendPage(reply, <DeadlinePage request={request} task={def!} values={opts.values} errors={opts.errors} />, opts.status ?? 200);
}

async function projectsPage(request: FastifyRequest, reply: FastifyReply, opts: { errors?: FieldErrors; status?: number; values?: FormBody; besked?: string } = {}) {
  const ctx = actorCtx(request);
  authorizeCentralReading(ctx.actor);
  const [projects, ref] = await Promise.all([listProjects(ctx.db), authoringReference(ctx.db)]);
  const notice = noticeFor(AUTHOR_NOTICES, opts.besked);
  return sendPage(
    reply,
    <ProjectsPage
      request={request}
      projects={projects}
      solutions={ref.solutions}
      canAuthor={canAuthor(ctx.actor)}
      values={opts.values}
      errors={opts.errors}
      notice={opts.errors ? undefined : notice}
    />,
    opts.status ?? 200,
  );
}

/** Where an author lands after a change: the overview for published tasks, the edit page otherwise. */
const landing = (id: string, status: string, besked: string) =>
  status === 'published' || status === 'closed' ? `/opgaver/${id}/overblik?besked=${besked}` : `/opgaver/${id}/rediger?besked=${besked}`;

export function registerAuthorPages(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/opgaver/ny', async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeAuthoring(ctx.actor);
    const ref = await authoringReference(ctx.db);
    return sendPage(reply, <NewTaskPage request={request} ref={ref} values={{ 'targets.mode': 'all' }} stepRows={DEFAULT_STEP_ROWS} />);
  });

  app.post('/opgaver', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeAuthoring(ctx.actor);
    const body = request.body;
    if (wantsMoreSteps(body)) {
      const rows = moreRows(body);
      return sendPage(reply, <NewTaskPage request={request} ref={await authoringReference(ctx.db)} values={{ ...body, antalTrin: String(rows) }} stepRows={rows} />);
    }
    const { input, rowOf } = taskFromForm(body);
    try {
      const { id } = await createTask(ctx, input);
      return reply.redirect(`/opgaver/${id}/rediger?besked=oprettet`, 303);
    } catch (error) {
      const e = formError(error);
      const ref = await authoringReference(ctx.db);
      const page = <NewTaskPage request={request} ref={ref} values={body} stepRows={stepRowCount(body)} errors={errorsOnFormRows(errorsOf(e), rowOf)} />;
      return sendPage(reply, page, e.status);
    }
  });

  app.get('/opgaver/kladder', async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeCentralReading(ctx.actor);
    const drafts = await listDrafts(ctx.db, ctx.actor);
    return sendPage(reply, <DraftsPage request={request} drafts={drafts} canAuthor={canAuthor(ctx.actor)} />);
  });

  app.get('/opgaver/kommende', async (request, reply) => {
    const ctx = actorCtx(request);
    const tasks = await listUpcoming(ctx.db, ctx.actor);
    return sendPage(reply, <UpcomingPage request={request} tasks={tasks} central={isCentral(ctx.actor)} canAuthor={canAuthor(ctx.actor)} />);
  });

  app.get('/opgaver/:id/rediger', { schema: { params: idParams, querystring: pageQuery({}) } }, async (request, reply) =>
    editPage(request, reply, request.params.id, { besked: request.query.besked }),
  );

  app.post('/opgaver/:id/rediger', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id } = request.params;
    const current = await loadTask(ctx.db, ctx.actor, id, 'author');
    const body = request.body;
    if (wantsMoreSteps(body) && current.status !== 'published') {
      const rows = moreRows(body);
      return editPage(request, reply, id, { values: { ...body, antalTrin: String(rows) }, stepRows: rows });
    }
    const { input, rowOf } = current.status === 'published' ? { input: { description: typeof body.description === 'string' ? body.description : '' }, rowOf: [] } : taskFromForm(body);
    try {
      const { changed } = await updateTask(ctx, id, input);
      return reply.redirect(`/opgaver/${id}/rediger?besked=${changed ? 'gemt' : 'uaendret'}`, 303);
    } catch (error) {
      const e = formError(error);
      return editPage(request, reply, id, { errors: errorsOnFormRows(errorsOf(e), rowOf), status: e.status, values: body });
    }
  });

  app.post('/opgaver/:id/annoncer', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id } = request.params;
    try {
      const r = await announceTask(ctx, id);
      return reply.redirect(landing(id, r.status, 'annonceret'), 303);
    } catch (error) {
      const e = formError(error);
      return editPage(request, reply, id, { errors: errorsOf(e), status: e.status });
    }
  });

  app.post('/opgaver/:id/publicer', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id } = request.params;
    try {
      const r = await publishTask(ctx, id);
      return reply.redirect(landing(id, r.status, r.scheduledFor ? 'planlagt' : 'publiceret'), 303);
    } catch (error) {
      const e = formError(error);
      return editPage(request, reply, id, { errors: errorsOf(e), status: e.status });
    }
  });

  app.post('/opgaver/:id/luk', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id } = request.params;
    try {
      const r = await closeTask(ctx, id);
      return reply.redirect(landing(id, r.status, 'lukket'), 303);
    } catch (error) {
      const e = formError(error);
      return editPage(request, reply, id, { errors: errorsOf(e), status: e.status });
    }
  });

  app.get('/opgaver/:id/frist', { schema: { params: idParams } }, async (request, reply) => deadlinePage(request, reply, request.params.id));

  app.post('/opgaver/:id/frist', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id } = request.params;
    const body = request.body;
    try {
      const r = await changeDeadline(ctx, id, body);
      const t = await loadTask(ctx.db, ctx.actor, id, 'author');
      return reply.redirect(landing(id, t.status, r.changed ? 'frist-aendret' : 'frist-uaendret'), 303);
    } catch (error) {
      const e = formError(error);
      return deadlinePage(request, reply, id, { errors: errorsOf(e), status: e.status, values: body });
    }
  });

  app.get('/opgaver/:id/bilag/:fileId', { schema: { params: idParams.extend({ fileId: uuidParam }) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id, fileId } = request.params;
    const file = await readAttachment(ctx, id, fileId);
    return sendDownload(reply, file);
  });

  // Uploads parse multipart themselves (several files, with their names) in a scope of their own.
  app.register(async (scope) => {
    registerUploadParser(scope);
    const upload = (path: string, run: typeof addCommonAttachments, errorField: string) =>
      scope.withTypeProvider<ZodTypeProvider>().post(path, { schema: { params: idParams, body: uploadBody } }, async (request, reply) => {
        const ctx = actorCtx(request);
        const { id } = request.params;
        try {
          await run(ctx, id, request.body);
          return reply.redirect(`/opgaver/${id}/rediger?besked=bilag`, 303);
        } catch (error) {
          const e = formError(error);
          const errors = Object.fromEntries(Object.entries(errorsOf(e)).map(([k, v]) => [k === 'filer' || k === '_' ? errorField : k, v]));
          return editPage(request, reply, id, { errors, status: e.status });
        }
      });
    upload('/opgaver/:id/bilag', addCommonAttachments, 'filer');
    upload('/opgaver/:id/bilag-pr-kommune', addMunicipalityAttachments, 'kommunefiler');
  });

  app.get('/projekter', { schema: { querystring: pageQuery({}) } }, async (request, reply) => projectsPage(request, reply, { besked: request.query.besked }));

  app.post('/projekter', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeAuthoring(ctx.actor);
    const body = request.body;
    try {
      await createProject(ctx, body);
      return reply.redirect('/projekter?besked=projekt-oprettet', 303);
    } catch (error) {
      const e = formError(error);
      return projectsPage(request, reply, { errors: errorsOf(e), status: e.status, values: body });
    }
  });
}


import { noticeFor } from '../../../platform/views/components.tsx';
import { sendDownload } from '../../../platform/http/send-download.ts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Multipart } from '@fastify/multipart';
import { isCentral } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formBody, idParams, municipalityCodeParam, multipartBody, pageNumber, pageQuery, uuidParam } from '../../../platform/http/page-schemas.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { answerStep, type Upload } from './answer-step.ts';
import { assignPeople } from './assign-people.ts';
import { authorizeCreateLocal, createLocalTask } from './create-local-task.ts';
import { loadTask } from '../load-task.ts';
import { markNotRelevant, markRelevant } from './mark-not-relevant.ts';
import { filterOptions, listMyTasks, MY_TASKS_PAGE_SIZE, pageFilter } from './my-tasks-queries.ts';
import { LocalTaskForm } from './views/local-task.tsx';
import { MyTasksPage } from './views/my-tasks.tsx';
import { NOTICES, type TaskPageState } from './views/shared.tsx';
import { TaskPage } from './views/task.tsx';
import { can } from '../policy.ts';
import { postMessage } from './post-message.ts';
import { loadTargetTask } from '../refresh-target-status.ts';
import { activePeople, findTaskFile, getTargetView } from '../task-view-queries.ts';

const targetParams = z.object({ id: uuidParam, code: municipalityCodeParam });

// ---------------------------------------------------------------- uploads

/**
 * The app's multipart plugin (attachFieldsToBody: 'keyValues') hands the route only the file's
 * bytes. To keep the name and type the browser sent, this route-level onRequest hook wraps the
 * request's part iterator and notes them per field as the plugin reads the parts.
 */
const uploadMeta = new WeakMap<FastifyRequest, Map<string, { filename: string; mimetype: string }>>();

async function* noting(parts: AsyncIterableIterator<Multipart>, seen: Map<string, { filename: string; mimetype: string }>) {
  for await (const part of parts) {
    if (part.type === 'file') seen.set(part.fieldname, { filename: part.filename, mimetype: part.mimetype });
    yield part;
  }
}

export async function rememberUploadNames(request: FastifyRequest) {
  // isMultipart() is only known once the body parser ran; the header is known now.
  if (!/^multipart\/form-data/i.test(request.headers['content-type'] ?? '')) return;
  const original = request.parts.bind(request);
  const seen = new Map<string, { filename: string; mimetype: string }>();
  uploadMeta.set(request, seen);
  request.parts = (options) => noting(original(options), seen);
}

function cleanFilename(name: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return base.slice(-200) || 'fil';
}

/** The file in multipart field `fil`, or null when none was chosen (browsers then send an empty part). */
export function uploadFrom(request: FastifyRequest, body: Record<string, unknown>): Upload | null {
  const content = body.fil;
  if (!Buffer.isBuffer(content)) return null;
  const meta = uploadMeta.get(request)?.get('fil');
  if (content.length === 0 && !meta?.filename) return null;
  const type = meta?.mimetype && /^[\w.+-]+\/[\w.+-]+$/.test(meta.mimetype) ? meta.mimetype : 'application/octet-stream';
  return { content, filename: cleanFilename(meta?.filename), contentType: type };
}

/** Route-level error handler for upload routes: the plugin's "too large" becomes a Danish 413. */
export function uploadErrors(app: FastifyInstance) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const translated =
      error.code === 'FST_REQ_FILE_TOO_LARGE' ? new AppError(413, 'file_too_large', 'Filen er for stor. Den må højst fylde 10 MB.', { value: 'Filen må højst fylde 10 MB' }) : error;
    return app.errorHandler(translated, request, reply);
  };
}

// ---------------------------------------------------------------- pages

async function renderTask(request: FastifyRequest, reply: FastifyReply, id: string, state: TaskPageState, status = 200) {
  const ctx = actorCtx(request);
  const code = ctx.actor.municipalityCode;
  if (!code) throw notFound('Opgaven findes ikke.');
  const t = await loadTargetTask(ctx, id, code, 'read');
  const view = await getTargetView(ctx.db, t, code);
  if (!view) throw notFound('Opgaven findes ikke.');
  const canAct = can(ctx.actor, 'act', t.facts);
  const people = canAct ? await activePeople(ctx.db, code) : [];
  return sendPage(reply, <TaskPage request={request} view={view} people={people} now={ctx.now} mode={{ kind: 'municipal', canAct }} state={state} />, status);
}

/** Runs a write from a task page form; a 422/409 redraws the page with the errors and the user's input. */
async function taskForm(
  request: FastifyRequest,
  reply: FastifyReply,
  input: { id: string; values: Record<string, unknown> },
  form: NonNullable<TaskPageState['form']>,
  run: () => Promise<{ changed: boolean }>,
  done: { notice: string; anchor: string },
) {
  let changed = false;
  try {
    changed = (await run()).changed;
  } catch (error) {
    if (!(error instanceof AppError) || ![409, 413, 422].includes(error.status)) throw error;
    const errors = Object.keys(error.fieldErrors).length > 0 ? error.fieldErrors : { _: error.message };
    return renderTask(request, reply, input.id, { errors, form, values: input.values }, error.status);
  }
  return reply.redirect(`/opgaver/${input.id}?besked=${changed ? done.notice : 'ingen-aendring'}#${done.anchor}`, 303);
}

const ownCode = (request: FastifyRequest) => actorCtx(request).actor.municipalityCode ?? '';

export function registerMunicipalPages(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/opgaver', { schema: { querystring: pageQuery({ side: pageNumber }) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    if (isCentral(ctx.actor)) return reply.redirect('/overblik', 303);
    const filter = pageFilter(request.query);
    const page = request.query.side;
    // One row more than a page tells whether there is a next page, without counting them all.
    const fetched = await listMyTasks(ctx.db, ctx.actor, filter, ctx.now, page);
    const rows = fetched.slice(0, MY_TASKS_PAGE_SIZE);
    const options = await filterOptions(ctx.db);
    const filtered = Object.values(filter).some((v) => v !== undefined);
    const paging = { page, hasNext: fetched.length > MY_TASKS_PAGE_SIZE, pageSize: MY_TASKS_PAGE_SIZE };
    return sendPage(reply, <MyTasksPage request={request} rows={rows} filter={filter} options={options} filtered={filtered} paging={paging} />);
  });

  app.get('/opgaver/lokal/ny', async (request, reply) => {
    const ctx = actorCtx(request);
    const code = authorizeCreateLocal(ctx.actor);
    return sendPage(reply, <LocalTaskForm request={request} people={await activePeople(ctx.db, code)} />);
  });

  app.post('/opgaver/lokal/ny', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const code = authorizeCreateLocal(ctx.actor);
    try {
      const created = await createLocalTask(ctx, request.body, clientKeyOf(request));
      return reply.redirect(`/opgaver/${created.id}?besked=lokal-oprettet`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 422 && error.status !== 409)) throw error;
      const errors = Object.keys(error.fieldErrors).length > 0 ? error.fieldErrors : { _: error.message };
      const page = <LocalTaskForm request={request} people={await activePeople(ctx.db, code)} values={request.body} errors={errors} />;
      return sendPage(reply, page, error.status);
    }
  });

  app.get('/opgaver/:id', { schema: { params: idParams, querystring: pageQuery({}) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id } = request.params;
    if (isCentral(ctx.actor)) return reply.redirect(`/opgaver/${encodeURIComponent(id)}/overblik`, 303);
    const notice = noticeFor(NOTICES, request.query.besked);
    return renderTask(request, reply, id, { notice });
  });

  app.get('/opgaver/:id/filer/:fileId', { schema: { params: idParams.extend({ fileId: uuidParam }) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id, fileId } = request.params;
    const t = await loadTask(ctx.db, ctx.actor, id, 'read');
    const file = await findTaskFile(ctx.db, t.id, fileId);
    // Common files for everyone who may read the task; a municipality's own files only for it and for central staff.
    const allowed = file && (file.municipalityCode === null || isCentral(ctx.actor) || file.municipalityCode === ctx.actor.municipalityCode);
    if (!file || !allowed) throw notFound('Filen findes ikke.');
    return sendDownload(reply, file);
  });

  const stepSchema = { params: idParams.extend({ stepId: uuidParam }), body: multipartBody };
  app.post('/opgaver/:id/trin/:stepId', { onRequest: rememberUploadNames, errorHandler: uploadErrors(root), schema: stepSchema }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id, stepId } = request.params;
    const values = request.body;
    return taskForm(request, reply, { id, values }, { kind: 'step', stepId }, () => answerStep(ctx, id, ownCode(request), stepId, values, uploadFrom(request, values)), {
      notice: 'trin-gemt',
      anchor: `trin-${stepId}`,
    });
  });

  app.post('/opgaver/:id/personer', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id } = request.params;
    return taskForm(request, reply, { id, values: request.body }, { kind: 'people' }, () => assignPeople(ctx, id, ownCode(request), request.body), {
      notice: 'personer-gemt',
      anchor: 'personer',
    });
  });

  app.post('/opgaver/:id/beskeder', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id } = request.params;
    return taskForm(request, reply, { id, values: request.body }, { kind: 'message' }, () => postMessage(ctx, id, ownCode(request), request.body), {
      notice: 'besked-sendt',
      anchor: 'beskeder',
    });
  });

  app.post('/opgaver/:id/ikke-relevant', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id } = request.params;
    return taskForm(request, reply, { id, values: request.body }, { kind: 'not-relevant' }, () => markNotRelevant(ctx, id, ownCode(request), request.body), {
      notice: 'ikke-relevant',
      anchor: 'ikke-relevant',
    });
  });

  app.post('/opgaver/:id/relevant', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id } = request.params;
    return taskForm(request, reply, { id, values: request.body }, { kind: 'not-relevant' }, () => markRelevant(ctx, id, ownCode(request)), {
      notice: 'relevant',
      anchor: 'ikke-relevant',
    });
  });

  // Central staff: one municipality's answers and thread, and their reply.
  const centralView = async (request: FastifyRequest, reply: FastifyReply, { id, code }: z.output<typeof targetParams>, state: TaskPageState, status = 200) => {
    const ctx = actorCtx(request);
    const t = await loadTargetTask(ctx, id, code, 'read');
    const view = await getTargetView(ctx.db, t, code);
    if (!view) throw notFound('Opgaven findes ikke.');
    return sendPage(reply, <TaskPage request={request} view={view} people={[]} now={ctx.now} mode={{ kind: 'central' }} state={state} />, status);
  };

  app.get('/opgaver/:id/kommuner/:code', { schema: { params: targetParams, querystring: pageQuery({}) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id, code } = request.params;
    if (!isCentral(ctx.actor)) {
      // The municipality's own view of the task, for those who may read it: a task they may not read
      // answers 404 here as on its own page, not a redirect to that 404.
      const t = await loadTargetTask(ctx, id, code, 'read');
      return reply.redirect(`/opgaver/${t.id}`, 303);
    }
    return centralView(request, reply, request.params, { notice: noticeFor(NOTICES, request.query.besked) });
  });

  app.post('/opgaver/:id/kommuner/:code/beskeder', { schema: { params: targetParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id, code } = request.params;
    if (!isCentral(ctx.actor)) throw notFound('Opgaven findes ikke.');
    let changed = false;
    try {
      changed = (await postMessage(ctx, id, code, request.body)).changed;
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 422 && error.status !== 409)) throw error;
      const errors = Object.keys(error.fieldErrors).length > 0 ? error.fieldErrors : { _: error.message };
      return centralView(request, reply, request.params, { errors, form: { kind: 'message' }, values: request.body }, error.status);
    }
    return reply.redirect(`/opgaver/${id}/kommuner/${code}?besked=${changed ? 'besked-sendt' : 'ingen-aendring'}#beskeder`, 303);
  });
}

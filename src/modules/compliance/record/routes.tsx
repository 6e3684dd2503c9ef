import { noticeFor } from '../../../platform/views/components.tsx';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, type FieldErrors } from '../../../platform/errors.ts';
import { formBody, idParams, pageQuery, uuidParam } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { loadChoices } from '../choices.ts';
import { logAccess } from '../delivery/log-access.ts';
import { loadPackage, type PackageRow } from '../load-package.ts';
import { assertDraft, isComplianceAuthor } from '../policy.ts';
import { ActivityFormPage, activityValues, DeleteActivityPage, type FormValues } from './activity-form.tsx';
import { registerRecordApi } from './api.ts';
import { ColumnGPage } from './column-g-page.tsx';
import { deleteActivity } from './delete-activity.ts';
import { loadActivity, loadRecord } from './load-record.ts';
import { activityAnchor, RECORD_NOTICES, RecordPage, recordUrl } from './record-page.tsx';
import { RightsFormPage } from './rights-form.tsx';
import { saveActivity } from './save-activity.ts';
import { columnGFromForm, saveColumnG } from './save-column-g.ts';
import { rightField, rightsFromForm, saveRights } from './save-rights.ts';

/** 422 and 409 come back as the same page with the user's input and a Danish error summary. */
function formError(error: unknown): AppError {
  if (error instanceof AppError && (error.status === 422 || error.status === 409)) return error;
  throw error;
}
const errorsOf = (e: AppError): FieldErrors => (Object.keys(e.fieldErrors).length > 0 ? e.fieldErrors : { _: e.message });
const noticeOf = (besked: string | undefined) => noticeFor(RECORD_NOTICES, besked);
const activityParams = idParams.extend({ activityId: uuidParam });

/** A draft the actor authors: the forms' common check. */
async function draftFor(request: FastifyRequest, id: string): Promise<PackageRow> {
  const ctx = actorCtx(request);
  const pkg = await loadPackage(ctx.db, ctx.actor, id, 'author');
  assertDraft(pkg);
  return pkg;
}

async function activityForm(request: FastifyRequest, reply: FastifyReply, id: string, activityId: string | null, opts: { values?: FormValues; errors?: FieldErrors; status?: number } = {}) {
  const ctx = actorCtx(request);
  const pkg = await draftFor(request, id);
  const activity = activityId === null ? null : await loadActivity(ctx.db, pkg, activityId);
  const values = opts.values ?? (activity ? activityValues(activity) : {});
  const choices = await loadChoices(ctx.db);
  return sendPage(reply, <ActivityFormPage request={request} pkg={pkg} choices={choices} activity={activity} values={values} errors={opts.errors} />, opts.status ?? 200);
}

async function columnGPage(
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  activityId: string,
  opts: { ticked?: string[]; requestKey?: string | string[] | undefined; errors?: FieldErrors; status?: number; notice?: string | undefined } = {},
) {
  const ctx = actorCtx(request);
  const pkg = await loadPackage(ctx.db, ctx.actor, id, 'read');
  await logAccess(ctx.db, ctx.actor, pkg, 'view');
  const activity = await loadActivity(ctx.db, pkg, activityId);
  const choices = await loadChoices(ctx.db);
  const saved = activity.columnG.flatMap((g) => g.dataSubjects.map((s) => `${g.personalData}|${s}`));
  const edit = isComplianceAuthor(ctx.actor) && pkg.status === 'draft';
  return sendPage(
    reply,
    <ColumnGPage
      request={request}
      pkg={pkg}
      activity={activity}
      choices={choices}
      edit={edit}
      ticked={new Set(opts.ticked ?? saved)}
      requestKey={opts.requestKey}
      errors={opts.errors}
      notice={opts.notice}
    />,
    opts.status ?? 200,
  );
}

async function rightsForm(request: FastifyRequest, reply: FastifyReply, id: string, opts: { values?: FormValues; errors?: FieldErrors; status?: number } = {}) {
  const ctx = actorCtx(request);
  const pkg = await draftFor(request, id);
  const choices = await loadChoices(ctx.db);
  let values = opts.values;
  if (!values) {
    const record = await loadRecord(ctx.db, pkg);
    values = { principles: record.principles, securityMeasures: record.securityMeasures };
    for (const r of record.rights) values[rightField(r.right)] = r.handling;
  }
  return sendPage(reply, <RightsFormPage request={request} pkg={pkg} choices={choices} values={values} errors={opts.errors} />, opts.status ?? 200);
}

/** Compliance packages, Skema 1: activities, column G, principles and rights. */
export function registerRecordRoutes(root: FastifyInstance): void {
  registerRecordApi(root);
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/compliance/pakker/:id/fortegnelse', { schema: { params: idParams, querystring: pageQuery({}) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const pkg = await loadPackage(ctx.db, ctx.actor, request.params.id, 'read');
    await logAccess(ctx.db, ctx.actor, pkg, 'view');
    const record = await loadRecord(ctx.db, pkg);
    const choices = await loadChoices(ctx.db);
    const edit = isComplianceAuthor(ctx.actor) && pkg.status === 'draft';
    return sendPage(reply, <RecordPage request={request} pkg={pkg} record={record} choices={choices} edit={edit} notice={noticeOf(request.query.besked)} />);
  });

  app.get('/compliance/pakker/:id/fortegnelse/ny', { schema: { params: idParams } }, async (request, reply) => activityForm(request, reply, request.params.id, null));

  const saved = (id: string, activityId: string) => `${recordUrl(id)}?besked=aktivitet-gemt#${activityAnchor({ id: activityId })}`;

  app.post('/compliance/pakker/:id/fortegnelse/ny', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const { id } = request.params;
    try {
      const r = await saveActivity(actorCtx(request), id, null, request.body, clientKeyOf(request));
      return reply.redirect(saved(id, r.id), 303);
    } catch (error) {
      const e = formError(error);
      return activityForm(request, reply, id, null, { values: request.body, errors: errorsOf(e), status: e.status });
    }
  });

  app.get('/compliance/pakker/:id/fortegnelse/:activityId', { schema: { params: activityParams } }, async (request, reply) =>
    activityForm(request, reply, request.params.id, request.params.activityId),
  );

  app.post('/compliance/pakker/:id/fortegnelse/:activityId', { schema: { params: activityParams, body: formBody } }, async (request, reply) => {
    const { id, activityId } = request.params;
    try {
      await saveActivity(actorCtx(request), id, activityId, request.body, clientKeyOf(request));
      return reply.redirect(saved(id, activityId), 303);
    } catch (error) {
      const e = formError(error);
      return activityForm(request, reply, id, activityId, { values: request.body, errors: errorsOf(e), status: e.status });
    }
  });

  app.get('/compliance/pakker/:id/fortegnelse/:activityId/slet', { schema: { params: activityParams } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const pkg = await draftFor(request, request.params.id);
    const activity = await loadActivity(ctx.db, pkg, request.params.activityId);
    return sendPage(reply, <DeleteActivityPage request={request} pkg={pkg} activity={activity} />);
  });

  app.post('/compliance/pakker/:id/fortegnelse/:activityId/slet', { schema: { params: activityParams, body: formBody } }, async (request, reply) => {
    const { id, activityId } = request.params;
    const r = await deleteActivity(actorCtx(request), id, activityId);
    return reply.redirect(`${recordUrl(id)}?besked=${r.deleted ? 'aktivitet-slettet' : 'allerede-slettet'}`, 303);
  });

  app.get('/compliance/pakker/:id/fortegnelse/:activityId/kolonne-g', { schema: { params: activityParams, querystring: pageQuery({}) } }, async (request, reply) =>
    columnGPage(request, reply, request.params.id, request.params.activityId, { notice: noticeOf(request.query.besked) }),
  );

  app.post('/compliance/pakker/:id/fortegnelse/:activityId/kolonne-g', { schema: { params: activityParams, body: formBody } }, async (request, reply) => {
    const { id, activityId } = request.params;
    try {
      await saveColumnG(actorCtx(request), id, activityId, columnGFromForm(request.body), clientKeyOf(request));
      return reply.redirect(`${recordUrl(id)}/${activityId}/kolonne-g?besked=kolonne-g-gemt`, 303);
    } catch (error) {
      const e = formError(error);
      const ticked = [request.body.cell ?? []].flat();
      return columnGPage(request, reply, id, activityId, { ticked, requestKey: request.body.requestKey, errors: errorsOf(e), status: e.status });
    }
  });

  app.get('/compliance/pakker/:id/principper', { schema: { params: idParams } }, async (request, reply) => rightsForm(request, reply, request.params.id));

  app.post('/compliance/pakker/:id/principper', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id } = request.params;
    const keys = (await loadChoices(ctx.db)).right.map((r) => r.key);
    try {
      await saveRights(ctx, id, rightsFromForm(request.body, keys), clientKeyOf(request));
      return reply.redirect(`${recordUrl(id)}?besked=rettigheder-gemt`, 303);
    } catch (error) {
      const e = formError(error);
      // The use case names a right by its place in the list; the form by its field.
      const errors: FieldErrors = {};
      for (const [k, v] of Object.entries(errorsOf(e))) {
        const m = /^rights\.(\d+)\./.exec(k);
        errors[m ? rightField(keys[Number(m[1])] ?? '') : k] = v;
      }
      return rightsForm(request, reply, id, { values: request.body, errors, status: e.status });
    }
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, type FieldErrors } from '../../../platform/errors.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { fileSlug, sendDownload } from '../../../platform/http/send-download.ts';
import { formBody, pageQuery } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { addDays } from '../../../platform/reminders/schedule.ts';
import { CONTENT_TYPES } from '../../../platform/spreadsheet/formats.ts';
import { danishDay, formatDeadline } from '../../../platform/views/format.ts';
import { canAuthor } from '../../tasks/index.ts';
import { authorizeAulaOverview } from '../policy.ts';
import { registerOverviewApi } from './api.ts';
import { authorizeReadinessTask, createReadinessTask } from './create-readiness-task.ts';
import { loadOverview } from './load-overview.ts';
import { overviewFilterOrFail, parseOverviewQuery } from './overview-filter.ts';
import { OverviewPage } from './overview-page.tsx';
import { overviewWorkbook } from './overview-workbook.ts';
import { chosenMunicipalities, nextReadinessTaskCode, READINESS_TASK_DESCRIPTION, READINESS_TASK_TITLE } from './readiness-task.ts';
import { TaskFormPage, type TaskFormValues } from './task-form-page.tsx';

/** How far ahead the task's deadline is proposed: a month to journalise and confirm. */
const DEADLINE_DAYS = 30;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
const many = (v: string | string[] | undefined) => (v === undefined ? [] : [v].flat());

/**
 * Central staff's landing on /aula: the overview of the 98 with the landing page's links on top
 * (a municipality's users keep the landing page, routes.tsx). A date that cannot be read is said
 * so (422) and today's numbers are shown meanwhile.
 */
export async function sendOverview(request: FastifyRequest, reply: FastifyReply, query: Record<string, unknown>, links: { href: string; label: string }[]) {
  const ctx = actorCtx(request);
  authorizeAulaOverview(ctx.actor);
  const { filter, dateError } = parseOverviewQuery(query, ctx.now);
  const overview = await loadOverview(ctx.db, ctx.actor, filter);
  const typed = typeof query.dato === 'string' ? query.dato : undefined;
  return sendPage(
    reply,
    <OverviewPage request={request} overview={overview} filter={filter} links={links} canCreateTask={canAuthor(ctx.actor)} dateError={dateError} typedDate={dateError ? typed : undefined} />,
    dateError ? 422 : 200,
  );
}

/** Only those who author KLIK tasks get the form; other central staff are told why (403). */
function authorizeTaskAction(request: FastifyRequest) {
  const ctx = actorCtx(request);
  authorizeReadinessTask(ctx.actor);
  return ctx;
}

async function taskForm(request: FastifyRequest, reply: FastifyReply, codes: string[], values: TaskFormValues, filters: string, errors?: FieldErrors, status = 200) {
  const ctx = actorCtx(request);
  const municipalities = await chosenMunicipalities(ctx.db, codes);
  const shown = municipalities.length === 0 && !errors ? { kommuner: 'Vælg mindst én kommune i oversigten' } : errors;
  return sendPage(reply, <TaskFormPage request={request} municipalities={municipalities} values={values} filters={filters} errors={shown} />, shown && !errors ? 422 : status);
}

/** The overview of the 98 (issue #12 point 5): export, the task to the chosen municipalities, the API. */
export function registerCentralRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/aula/oversigt.xlsx', { schema: { querystring: pageQuery({}) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeAulaOverview(ctx.actor);
    const overview = await loadOverview(ctx.db, ctx.actor, overviewFilterOrFail(request.query, ctx.now));
    return sendDownload(reply, { filename: `${fileSlug(`aula-oversigt ${overview.day}`)}.xlsx`, contentType: CONTENT_TYPES.xlsx, content: await overviewWorkbook(overview) });
  });

  // The selection from the overview: every shown municipality when "vælg alle viste" is ticked.
  app.post('/aula/opgave/ny', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = authorizeTaskAction(request);
    const body = request.body;
    const codes = one(body.alleViste) === 'on' ? many(body.viste) : many(body.kommuner);
    const today = danishDay(ctx.now);
    const deadline = addDays(today, DEADLINE_DAYS);
    const values = { code: await nextReadinessTaskCode(ctx.db), title: READINESS_TASK_TITLE, description: READINESS_TASK_DESCRIPTION, deadline: formatDeadline(deadline) };
    return taskForm(request, reply, codes, values, one(body.filtre));
  });

  app.post('/aula/opgave', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = authorizeTaskAction(request);
    const body = request.body;
    const values = { code: one(body.code), title: one(body.title), description: one(body.description), deadline: one(body.deadline), requestKey: one(body.requestKey) };
    const codes = many(body.kommuner);
    try {
      const { id } = await createReadinessTask(ctx, { ...values, municipalityCodes: codes }, clientKeyOf(request));
      return reply.redirect(`/opgaver/${id}/overblik?besked=publiceret`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 422 && error.status !== 409)) throw error;
      const errors = Object.keys(error.fieldErrors).length > 0 ? error.fieldErrors : { _: error.message };
      return taskForm(request, reply, codes, values, one(body.filtre), errors, error.status);
    }
  });

  registerOverviewApi(root);
}

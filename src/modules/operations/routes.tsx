import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, eq } from 'drizzle-orm';
import { AppError, type FieldErrors } from '../../platform/errors.ts';
import { formBody, idParams, pageQuery, queryText } from '../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../platform/http/request-context.ts';
import { clientKeyOf } from '../../platform/idempotency/claim-request.ts';
import { noticeFor } from '../../platform/views/components.tsx';
import { formatDecimal, formatMonthNumeric } from '../../platform/views/format.ts';
import { addMeasure } from './add-measure.ts';
import { addRcaItem } from './add-rca-item.ts';
import { registerOperationsApi } from './api.ts';
import { changeMeasure } from './change-measure.ts';
import { changeRcaState } from './change-rca-state.ts';
import { parseMonth, parseRange } from './inputs.ts';
import { loadMeasures, loadOperations, loadRcaItems, MAX_MONTHS, openIncidents, rangeFor, solutionOptions } from './load-operations.ts';
import { authorizeOperations, canEditOperations } from './policy.ts';
import { recordIncident } from './record-incident.ts';
import { resolveIncident } from './resolve-incident.ts';
import { saveSla } from './save-sla.ts';
import { operationsSla } from './schema.ts';
import { FOLLOW_UP_NOTICES, IncidentsPage, MeasuresPage, RcaPage } from './views/follow-up-pages.tsx';
import { OperationsPage } from './views/operations-page.tsx';
import { SLA_NOTICES, SlaFormPage, type FormState } from './views/sla-form-page.tsx';

/** 422 and 409 come back as the form with the user's input; anything else is the error page's. */
function formError(error: unknown): AppError {
  if (error instanceof AppError && (error.status === 422 || error.status === 409)) return error;
  throw error;
}

/** A form's fields as single texts (a repeated field counts by its first value). */
const texts = (body: Record<string, string | string[]>): Record<string, string> => Object.fromEntries(Object.entries(body).map(([k, v]) => [k, (Array.isArray(v) ? v[0] : v) ?? '']));
const failed = (values: Record<string, string>, e: AppError): FormState => ({ values, errors: { _: e.message, ...e.fieldErrors } as FieldErrors });
const blank: FormState = { values: {}, errors: {} };

type Editor = 'haendelser' | 'rca' | 'tiltag';

async function editorPage(request: FastifyRequest, reply: FastifyReply, which: Editor, state: FormState, notice?: string, status = 200) {
  const ctx = actorCtx(request);
  authorizeOperations(ctx.actor, 'edit');
  const solutions = await solutionOptions(ctx.db);
  const common = { request, state, solutions, notice: noticeFor(FOLLOW_UP_NOTICES, notice) };
  if (which === 'haendelser') return sendPage(reply, <IncidentsPage {...common} open={await openIncidents(ctx.db)} />, status);
  if (which === 'rca') return sendPage(reply, <RcaPage {...common} items={await loadRcaItems(ctx.db)} />, status);
  return sendPage(reply, <MeasuresPage {...common} measures={await loadMeasures(ctx.db)} />, status);
}

async function slaPage(request: FastifyRequest, reply: FastifyReply, state: FormState, notice?: string, status = 200) {
  const ctx = actorCtx(request);
  authorizeOperations(ctx.actor, 'edit');
  return sendPage(reply, <SlaFormPage request={request} state={state} solutions={await solutionOptions(ctx.db)} notice={noticeFor(SLA_NOTICES, notice)} />, status);
}

/**
 * Operations stability (issue #14 point 2): `/drift` for everyone signed in, and the central
 * editors' pages for SLA figures, incidents, RCA items and measures.
 */
export function registerOperations(root: FastifyInstance): void {
  // No menu entry of its own: the main menu must fit a 1366 px screen; /drift is linked from the
  // programmes' list, whose menu entry it lights up.
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/drift', { schema: { querystring: pageQuery({ fra: queryText, til: queryText }) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeOperations(ctx.actor, 'read');
    const { fra, til } = request.query;
    const range = parseRange(fra, til, rangeFor(ctx.now), MAX_MONTHS);
    const rangeError = Object.values(range.errors)[0];
    const ops = await loadOperations(ctx.db, range.from, range.to);
    const typed = rangeError ? { fra: fra ?? '', til: til ?? '' } : { fra: '', til: '' };
    return sendPage(reply, <OperationsPage request={request} ops={ops} canEdit={canEditOperations(ctx.actor)} typed={typed} rangeError={rangeError ? `Perioden kunne ikke læses: ${rangeError}. Viser de seneste 12 måneder.` : undefined} />);
  });

  // ?loesning=aula&maaned=05.2025&maal=Oppetid fills the form with the figure already recorded.
  app.get('/drift/sla', { schema: { querystring: pageQuery({ loesning: queryText, maaned: queryText, maal: queryText }) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeOperations(ctx.actor, 'edit');
    const { loesning, maaned, maal } = request.query;
    const month = maaned ? parseMonth(maaned) : null;
    if (loesning && month) {
      const [row] = await ctx.db
        .select()
        .from(operationsSla)
        .where(and(eq(operationsSla.solutionKey, loesning), eq(operationsSla.month, month), eq(operationsSla.measure, maal || 'Oppetid')));
      if (row) {
        const values = {
          solutionKey: row.solutionKey,
          month: formatMonthNumeric(row.month),
          measure: row.measure,
          unit: row.unit,
          target: formatDecimal(row.target),
          achieved: row.achieved === null ? '' : formatDecimal(row.achieved),
          higherIsBetter: String(row.higherIsBetter),
          note: row.note,
        };
        return slaPage(request, reply, { values, errors: {} }, request.query.besked);
      }
    }
    return slaPage(request, reply, blank, request.query.besked);
  });

  app.post('/drift/sla', { schema: { body: formBody } }, async (request, reply) => {
    const v = texts(request.body);
    try {
      const r = await saveSla(actorCtx(request), v);
      return await reply.redirect(`/drift/sla?besked=${r.changed ? 'gemt' : 'uaendret'}`, 303);
    } catch (error) {
      const e = formError(error);
      return slaPage(request, reply, failed(v, e), undefined, e.status);
    }
  });

  for (const which of ['haendelser', 'rca', 'tiltag'] as const) {
    app.get(`/drift/${which}`, { schema: { querystring: pageQuery({}) } }, async (request, reply) => editorPage(request, reply, which, blank, request.query.besked));
  }

  const create = (which: Editor, run: (request: FastifyRequest, v: Record<string, string>) => Promise<unknown>) =>
    app.post(`/drift/${which}`, { schema: { body: formBody } }, async (request, reply) => {
      const v = texts(request.body);
      try {
        await run(request, v);
        return await reply.redirect(`/drift/${which}?besked=oprettet`, 303);
      } catch (error) {
        const e = formError(error);
        return editorPage(request, reply, which, failed(v, e), undefined, e.status);
      }
    });
  create('haendelser', (request, v) => recordIncident(actorCtx(request), v, clientKeyOf(request)));
  create('rca', (request, v) => addRcaItem(actorCtx(request), v, clientKeyOf(request)));
  create('tiltag', (request, v) => addMeasure(actorCtx(request), v, clientKeyOf(request)));

  const change = (which: Editor, path: string, run: (request: FastifyRequest, id: string, v: Record<string, string>) => Promise<{ changed: boolean }>) =>
    app.post(`/drift/${which}/:id${path}`, { schema: { params: idParams, body: formBody } }, async (request, reply) => {
      const v = texts(request.body);
      try {
        const r = await run(request, request.params.id, v);
        return await reply.redirect(`/drift/${which}?besked=${r.changed ? 'gemt' : 'uaendret'}`, 303);
      } catch (error) {
        const e = formError(error);
        // The row's own fields have no place in the summary's links (they would point at the add form's), so the message stands alone.
        const message = [e.message, ...Object.values(e.fieldErrors)].join(' ');
        return editorPage(request, reply, which, { values: {}, errors: { _: message } }, undefined, e.status);
      }
    });
  change('haendelser', '/loest', (request, id) => resolveIncident(actorCtx(request), id));
  change('rca', '/tilstand', (request, id, v) => changeRcaState(actorCtx(request), id, v));
  change('tiltag', '', (request, id, v) => changeMeasure(actorCtx(request), id, v));

  registerOperationsApi(root);
}

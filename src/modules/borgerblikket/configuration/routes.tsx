import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isCentral } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { codeParams, formBody, municipalityCodeParam, pageNumber, pageQuery } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { noticeFor } from '../../../platform/views/components.tsx';
import { danishDay } from '../../../platform/views/format.ts';
import { loadConfiguration } from '../load-configuration.ts';
import { authorizeBorgerblikketCentral, authorizeBorgerblikketMunicipality, isBorgerblikketKeeper } from '../policy.ts';
import { effectiveSettings } from '../visibility/effective-entry.ts';
import { registerConfigurationApi } from './api.ts';
import { bulkEditEntries } from './bulk-edit-entries.ts';
import { configurationRows, filterQuery, mainGroupsOf, parseFilter } from './configuration-rows.ts';
import { ConfigurationPage } from './configuration-page.tsx';
import { editKleEntry } from './edit-kle-entry.ts';
import { checkReason, parseBulkForm, parseEditForm } from './entry-input.ts';
import { ExpiredPage } from './expired-page.tsx';
import { HistoryPage } from './history-page.tsx';
import { keptTable } from './kept-table.ts';
import { loadConfigurationView, loadMunicipalityRef, loadPlan } from './load-configuration-view.ts';
import { loadHistory, loadNumberHistory } from './load-history.ts';
import { loadMunicipalityCounts } from './load-municipalities.ts';
import { MunicipalitiesPage } from './municipalities-page.tsx';
import { NumberPage } from './number-page.tsx';
import { PlanTable, rowCountText } from './plan-table.tsx';
import { removeExpiredEntries } from './remove-expired-entries.ts';
import { expiredConfiguredEntries } from '../plan/expired-configured-entries.ts';

const NOTICES: Record<string, string> = {
  gemt: 'Indstillingen er gemt.',
  'masse-gemt': 'Masseændringen er gemt.',
  fjernet: 'Indstillingen er fjernet.',
  uaendret: 'Indstillingerne var de samme som i forvejen; intet er ændret.',
};

/** A KLE number in a page address; anything else names nothing (404). */
const numberParams = z.object({ code: municipalityCodeParam, kle: z.string().regex(/^\d{2}(\.\d{2}){0,2}$/) });

type Extra = { notice?: string | undefined; errors?: Record<string, string>; values?: Record<string, unknown> };

const many = (v: unknown): string[] => (v === undefined ? [] : [v].flat().filter((x): x is string => typeof x === 'string'));

const refused = (error: unknown): error is AppError => error instanceof AppError && error.status === 422;

async function configurationPage(request: FastifyRequest, code: string, query: Record<string, unknown>, extra: Extra = {}) {
  const ctx = actorCtx(request);
  authorizeBorgerblikketMunicipality(ctx.actor, code, 'read');
  const view = await loadConfigurationView(ctx.db, code);
  const filter = parseFilter(query);
  const select = isBorgerblikketKeeper(ctx.actor, code);
  // After a refused bulk change the ticked rows stay ticked: that table is the request's own.
  const chosen = new Set(many(extra.values?.kle));
  const render = () => {
    const rows = configurationRows(view.plan, view.entries, filter);
    const caption = `${rowCountText(rows.length, view.plan.length)} med det, der gælder for dem i ${view.municipality.name}`;
    return { html: PlanTable({ rows, code, select: select && rows.length > 0, chosen, caption }), shown: rows.length };
  };
  const table = chosen.size > 0 ? render() : keptTable({ code, plan: view.plan, entries: view.entries, filter: filterQuery(filter), select }, render);
  const expiredEntries = view.plan.filter((n) => n.expiredOn !== null && view.entries.has(n.number)).length;
  return (
    <ConfigurationPage
      request={request}
      municipality={view.municipality}
      table={table}
      mainGroups={mainGroupsOf(view.plan)}
      filter={filter}
      expiredEntries={expiredEntries}
      central={isCentral(ctx.actor)}
      canEdit={select}
      {...extra}
    />
  );
}

async function numberPage(request: FastifyRequest, code: string, kle: string, extra: Extra = {}) {
  const ctx = actorCtx(request);
  authorizeBorgerblikketMunicipality(ctx.actor, code, 'read');
  const [m, plan, entries, history] = await Promise.all([loadMunicipalityRef(ctx.db, code), loadPlan(ctx.db), loadConfiguration(ctx.db, code), loadNumberHistory(ctx.db, code, kle)]);
  const number = plan.find((n) => n.number === kle);
  if (!number) throw notFound('KLE-nummeret findes ikke i planen.');
  const others = new Map(entries);
  others.delete(kle);
  return (
    <NumberPage
      request={request}
      municipality={m}
      number={number}
      entry={entries.get(kle) ?? null}
      effective={effectiveSettings(entries, kle)}
      inherited={effectiveSettings(others, kle)}
      history={history}
      canEdit={isBorgerblikketKeeper(ctx.actor, code)}
      year={danishDay(ctx.now).slice(0, 4)}
      {...extra}
    />
  );
}

async function expiredPage(request: FastifyRequest, code: string, extra: Extra = {}) {
  const ctx = actorCtx(request);
  authorizeBorgerblikketMunicipality(ctx.actor, code, 'read');
  const [m, entries] = await Promise.all([loadMunicipalityRef(ctx.db, code), expiredConfiguredEntries(ctx.db, code)]);
  return <ExpiredPage request={request} municipality={m} entries={entries} canEdit={isBorgerblikketKeeper(ctx.actor, code)} {...extra} />;
}

/** A municipality's KLE configuration (issue #13 point 2): the plan page, one number, bulk change, history, expired numbers, the central list, the API. */
export function registerConfigurationRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/borgerblikket/kommuner', { schema: { querystring: pageQuery({}) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeBorgerblikketCentral(ctx.actor);
    const { rows, topics } = await loadMunicipalityCounts(ctx.db, ctx.actor);
    return sendPage(reply, <MunicipalitiesPage request={request} rows={rows} topics={topics} />);
  });

  app.get('/borgerblikket/kommuner/:code', { schema: { params: codeParams, querystring: pageQuery({}) } }, async (request, reply) =>
    sendPage(reply, await configurationPage(request, request.params.code, request.query, { notice: noticeFor(NOTICES, request.query.besked) })),
  );

  app.post('/borgerblikket/kommuner/:code/masseaendring', { schema: { params: codeParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { code } = request.params;
    authorizeBorgerblikketMunicipality(ctx.actor, code, 'edit');
    const body: Record<string, unknown> = { ...request.body };
    const filters = Object.fromEntries(new URLSearchParams(typeof body.filtre === 'string' ? body.filtre : ''));
    try {
      // "Alle viste": the rows the filter shows now, worked out again rather than trusted from the form.
      if (body.alleViste === 'on') {
        const view = await loadConfigurationView(ctx.db, code);
        body.kle = configurationRows(view.plan, view.entries, parseFilter(filters)).map((r) => r.number);
      }
      const { changed } = await bulkEditEntries(ctx, code, parseBulkForm(body, danishDay(ctx.now)), clientKeyOf(request));
      const query = new URLSearchParams({ ...filters, besked: changed ? 'masse-gemt' : 'uaendret' });
      return reply.redirect(`/borgerblikket/kommuner/${code}?${query.toString()}`, 303);
    } catch (error) {
      if (!refused(error)) throw error;
      return sendPage(reply, await configurationPage(request, code, filters, { errors: error.fieldErrors, values: request.body }), 422);
    }
  });

  app.get('/borgerblikket/kommuner/:code/kle/:kle', { schema: { params: numberParams, querystring: pageQuery({}) } }, async (request, reply) =>
    sendPage(reply, await numberPage(request, request.params.code, request.params.kle, { notice: noticeFor(NOTICES, request.query.besked) })),
  );

  app.post('/borgerblikket/kommuner/:code/kle/:kle', { schema: { params: numberParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { code, kle } = request.params;
    authorizeBorgerblikketMunicipality(ctx.actor, code, 'edit');
    try {
      const basedOn = typeof request.body.grundlag === 'string' ? request.body.grundlag : undefined;
      const { changed } = await editKleEntry(ctx, code, kle, { ...parseEditForm(request.body, danishDay(ctx.now)), basedOn }, clientKeyOf(request));
      return reply.redirect(`/borgerblikket/kommuner/${code}/kle/${kle}?besked=${changed ? 'gemt' : 'uaendret'}`, 303);
    } catch (error) {
      // Changed meanwhile: the form again with what holds now, the reason kept, and why.
      if (error instanceof AppError && error.status === 409) {
        return sendPage(reply, await numberPage(request, code, kle, { errors: { grundlag: error.message }, values: { reason: request.body.reason } }), 409);
      }
      if (!refused(error)) throw error;
      return sendPage(reply, await numberPage(request, code, kle, { errors: error.fieldErrors, values: request.body }), 422);
    }
  });

  app.get('/borgerblikket/kommuner/:code/historik', { schema: { params: codeParams, querystring: pageQuery({ side: pageNumber }) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { code } = request.params;
    authorizeBorgerblikketMunicipality(ctx.actor, code, 'read');
    const [m, history] = await Promise.all([loadMunicipalityRef(ctx.db, code), loadHistory(ctx.db, code, request.query.side)]);
    return sendPage(reply, <HistoryPage request={request} municipality={m} history={history} />);
  });

  app.get('/borgerblikket/kommuner/:code/udgaaede', { schema: { params: codeParams, querystring: pageQuery({}) } }, async (request, reply) =>
    sendPage(reply, await expiredPage(request, request.params.code, { notice: noticeFor(NOTICES, request.query.besked) })),
  );

  app.post('/borgerblikket/kommuner/:code/udgaaede', { schema: { params: codeParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { code } = request.params;
    authorizeBorgerblikketMunicipality(ctx.actor, code, 'edit');
    try {
      const errors: Record<string, string> = {};
      const reason = checkReason(request.body.reason, errors);
      const numbers = [...new Set(many(request.body.kle))].sort();
      if (numbers.length === 0) errors.kle = 'Vælg mindst ét udgået nummer';
      if (Object.keys(errors).length > 0) throw new AppError(422, 'validation_failed', 'Intet er fjernet.', errors);
      const { changed } = await removeExpiredEntries(ctx, code, numbers, reason, clientKeyOf(request));
      return reply.redirect(`/borgerblikket/kommuner/${code}/udgaaede?besked=${changed ? 'fjernet' : 'uaendret'}`, 303);
    } catch (error) {
      if (!refused(error)) throw error;
      return sendPage(reply, await expiredPage(request, code, { errors: error.fieldErrors, values: request.body }), 422);
    }
  });

  registerConfigurationApi(root);
}

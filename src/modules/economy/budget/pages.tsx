import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound, type FieldErrors } from '../../../platform/errors.ts';
import { formBody, pageQuery } from '../../../platform/http/page-schemas.ts';
import { fileSlug, sendDownload } from '../../../platform/http/send-download.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { CONTENT_TYPES } from '../../../platform/spreadsheet/formats.ts';
import { noticeFor } from '../../../platform/views/components.tsx';
import { costBudgetStages } from '../schema.ts';
import { parseActualForm, parseBudgetForm } from './budget-input.ts';
import { BudgetPage } from './budget-page.tsx';
import { loadYearBudget } from './load-budget.ts';
import { OverviewPage } from './overview-page.tsx';
import { solutionParam, yearParam } from './params.ts';
import { overviewWorkbook } from './overview-workbook.ts';
import { authorizeBudget, isEconomyEditor } from './policy.ts';
import { saveCostActual } from './save-cost-actual.ts';
import { saveCostBudget } from './save-cost-budget.ts';
import { SolutionPage } from './solution-page.tsx';
import { loadYearOverview } from './year-overview.ts';

const NOTICES: Record<string, string> = {
  'budget-gemt': 'Budgettet er gemt.',
  'regnskab-gemt': 'Den faktiske omkostning er gemt.',
  uaendret: 'Beløbene var de samme som i forvejen; intet er ændret.',
};

const yearParams = z.object({ year: yearParam });
const solutionParams = z.object({ year: yearParam, solution: solutionParam });
const stageParams = z.object({ year: yearParam, solution: solutionParam, stage: z.enum(costBudgetStages) });

/** The solution's forms, drawn fresh or again after a refused save. */
async function solutionPage(request: FastifyRequest, year: number, key: string, extra: { errors?: FieldErrors; message?: string; values?: Record<string, unknown> } = {}) {
  const ctx = actorCtx(request);
  authorizeBudget(ctx.actor, 'edit');
  const { solutions } = await loadYearBudget(ctx.db, year);
  const solution = solutions.find((s) => s.solutionKey === key);
  if (!solution) throw notFound('Løsningen findes ikke.');
  return <SolutionPage request={request} year={year} solution={solution} {...extra} />;
}

/** A refused save shows the form again with the Danish messages (422); anything else is not the form's to answer. */
function refused(error: unknown): AppError {
  if (error instanceof AppError && error.status === 422) return error;
  throw error;
}

export function registerBudgetPages(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/oekonomi/budget/:year', { schema: { params: yearParams, querystring: pageQuery({}) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeBudget(ctx.actor, 'read');
    const { year } = request.params;
    const { solutions } = await loadYearBudget(ctx.db, year);
    const notice = noticeFor(NOTICES, request.query.besked);
    return sendPage(reply, <BudgetPage request={request} year={year} solutions={solutions} canEdit={isEconomyEditor(ctx.actor)} notice={notice} />);
  });

  app.get('/oekonomi/budget/:year/:solution', { schema: { params: solutionParams } }, async (request, reply) =>
    sendPage(reply, await solutionPage(request, request.params.year, request.params.solution)),
  );

  app.post('/oekonomi/budget/:year/:solution/:stage', { schema: { params: stageParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeBudget(ctx.actor, 'edit');
    const { year, solution, stage } = request.params;
    try {
      const parts = parseBudgetForm(stage, request.body);
      const { changed } = await saveCostBudget(ctx, { year, solutionKey: solution, stage, parts });
      return reply.redirect(`/oekonomi/budget/${year}?besked=${changed ? 'budget-gemt' : 'uaendret'}`, 303);
    } catch (error) {
      const e = refused(error);
      return sendPage(reply, await solutionPage(request, year, solution, { errors: e.fieldErrors, message: e.message, values: request.body }), 422);
    }
  });

  app.post('/oekonomi/budget/:year/:solution/regnskab', { schema: { params: solutionParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeBudget(ctx.actor, 'edit');
    const { year, solution } = request.params;
    try {
      const actualOre = parseActualForm(request.body);
      const { changed } = await saveCostActual(ctx, { year, solutionKey: solution, actualOre });
      return reply.redirect(`/oekonomi/budget/${year}?besked=${changed ? 'regnskab-gemt' : 'uaendret'}`, 303);
    } catch (error) {
      const e = refused(error);
      return sendPage(reply, await solutionPage(request, year, solution, { errors: e.fieldErrors, message: e.message, values: request.body }), 422);
    }
  });

  app.get('/oekonomi/aar/:year', { schema: { params: yearParams } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeBudget(ctx.actor, 'read');
    return sendPage(reply, <OverviewPage request={request} overview={await loadYearOverview(ctx.db, request.params.year)} />);
  });

  app.get('/oekonomi/aar/:year/oversigt.xlsx', { schema: { params: yearParams } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeBudget(ctx.actor, 'read');
    const overview = await loadYearOverview(ctx.db, request.params.year);
    return sendDownload(reply, { filename: `${fileSlug(`årsoversigt ${overview.year}`)}.xlsx`, contentType: CONTENT_TYPES.xlsx, content: await overviewWorkbook(overview) });
  });
}

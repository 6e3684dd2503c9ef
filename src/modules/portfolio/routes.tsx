import { noticeFor } from '../../platform/views/components.tsx';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isCentral, isCentralAdmin } from '../../platform/context.ts';
import { AppError, notFound, type FieldErrors } from '../../platform/errors.ts';
import { formBody, pageQuery, queryText } from '../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../platform/http/request-context.ts';
import { registerMenuEntry } from '../../platform/views/menu.ts';
import { CONTENT_TYPES } from '../../platform/spreadsheet/formats.ts';
import { buildPortfolioXlsx } from './export-portfolio.ts';
import { registerPortfolioApi } from './portfolio-api.ts';
import { loadPortfolio, parsePortfolioFilters } from './portfolio-queries.ts';
import { EditSolutionPage, PORTFOLIO_NOTICES, PortfolioPage, type SolutionFormValues, TASKS_SHOWN } from './portfolio-views.tsx';
import { authorizePortfolioEditing, updateSolution } from './update-solution.ts';

const portfolioQuery = pageQuery({ k98: queryText, fase: queryText });
// A solution's key is looked up as given (as the API does); an unknown one is a 404 from the lookup.
const solutionParams = z.object({ key: z.string().max(100) });

async function editPage(request: FastifyRequest, reply: FastifyReply, key: string, opts: { values?: SolutionFormValues; errors?: FieldErrors; status?: number } = {}) {
  const ctx = actorCtx(request);
  authorizePortfolioEditing(ctx.actor);
  const [s] = await loadPortfolio(ctx.db, ctx.actor, { k98: null, phase: null, key });
  if (!s) throw notFound('Løsningen findes ikke.');
  return sendPage(reply, <EditSolutionPage request={request} solution={s} values={opts.values} errors={opts.errors} />, opts.status ?? 200);
}

/**
 * The portfolio: a shared overview every logged-in user reads (municipalities see aggregate
 * numbers, never which other municipalities signed); central administrators keep phase and
 * product manager up to date.
 */
export function registerPortfolio(root: FastifyInstance) {
  // Everyone reads the portfolio; only its edits are for central administrators.
  registerMenuEntry({ key: 'portefoelje', order: 30, href: '/portefoelje', label: 'Portefølje', visible: () => true });
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/portefoelje', { schema: { querystring: portfolioQuery } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const filters = parsePortfolioFilters(request.query);
    const solutions = await loadPortfolio(ctx.db, ctx.actor, { ...filters, tasksShown: TASKS_SHOWN });
    const notice = noticeFor(PORTFOLIO_NOTICES, request.query.besked);
    const page = (
      <PortfolioPage
        request={request}
        solutions={solutions}
        filters={filters}
        central={isCentral(ctx.actor)}
        canEdit={isCentralAdmin(ctx.actor)}
        notice={notice}
      />
    );
    return sendPage(reply, page);
  });

  app.get('/portefoelje.xlsx', { schema: { querystring: portfolioQuery } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const solutions = await loadPortfolio(ctx.db, ctx.actor, parsePortfolioFilters(request.query));
    return reply
      .type(CONTENT_TYPES.xlsx)
      .header('content-disposition', 'attachment; filename="portefoelje.xlsx"')
      .header('cache-control', 'private, no-store')
      .send(await buildPortfolioXlsx(solutions));
  });

  app.get('/portefoelje/:key', { schema: { params: solutionParams } }, async (request, reply) => editPage(request, reply, request.params.key));

  app.post('/portefoelje/:key', { schema: { params: solutionParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { key } = request.params;
    const body = request.body;
    try {
      const { changed } = await updateSolution(ctx, key, { phase: body.phase, productManager: body.productManager ?? '' });
      return reply.redirect(`/portefoelje?besked=${changed ? 'gemt' : 'uaendret'}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      return editPage(request, reply, key, { values: body, errors: error.fieldErrors, status: 422 });
    }
  });

  registerPortfolioApi(root);
}

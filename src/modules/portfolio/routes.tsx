import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isCentral, isCentralAdmin } from '../../platform/context.ts';
import { AppError, notFound, type FieldErrors } from '../../platform/errors.ts';
import { actorCtx, sendPage } from '../../platform/http/request-context.ts';
import { CONTENT_TYPES } from '../../platform/spreadsheet/formats.ts';
import { buildPortfolioXlsx } from './export-portfolio.ts';
import { registerPortfolioApi } from './portfolio-api.ts';
import { loadPortfolio, parsePortfolioFilters } from './portfolio-queries.ts';
import { EditSolutionPage, PORTFOLIO_NOTICES, PortfolioPage, type SolutionFormValues } from './portfolio-views.tsx';
import { authorizePortfolioEditing, updateSolution } from './update-solution.ts';

type Query = Record<string, string | undefined>;

async function editPage(request: FastifyRequest, reply: FastifyReply, opts: { values?: SolutionFormValues; errors?: FieldErrors; status?: number } = {}) {
  const ctx = actorCtx(request);
  authorizePortfolioEditing(ctx.actor);
  const { key } = request.params as { key: string };
  const [s] = await loadPortfolio(ctx.db, ctx.actor, { k98: null, phase: null, key });
  if (!s) throw notFound('Løsningen findes ikke.');
  return sendPage(reply, <EditSolutionPage request={request} solution={s} values={opts.values} errors={opts.errors} />, opts.status ?? 200);
}

/**
 * The portfolio: a shared overview every logged-in user reads (municipalities see aggregate
 * numbers, never which other municipalities signed); central administrators keep phase and
 * product manager up to date.
 */
export function registerPortfolio(app: FastifyInstance) {
  app.get('/portefoelje', async (request, reply) => {
    const ctx = actorCtx(request);
    const filters = parsePortfolioFilters(request.query as Query);
    const solutions = await loadPortfolio(ctx.db, ctx.actor, filters);
    const notice = PORTFOLIO_NOTICES[String((request.query as Query).besked ?? '')];
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

  app.get('/portefoelje.xlsx', async (request, reply) => {
    const ctx = actorCtx(request);
    const solutions = await loadPortfolio(ctx.db, ctx.actor, parsePortfolioFilters(request.query as Query));
    return reply
      .type(CONTENT_TYPES.xlsx)
      .header('content-disposition', 'attachment; filename="portefoelje.xlsx"')
      .header('cache-control', 'private, no-store')
      .send(await buildPortfolioXlsx(solutions));
  });

  app.get('/portefoelje/:key', async (request, reply) => editPage(request, reply));

  app.post('/portefoelje/:key', async (request, reply) => {
    const ctx = actorCtx(request);
    const { key } = request.params as { key: string };
    const body = (request.body ?? {}) as SolutionFormValues;
    try {
      const { changed } = await updateSolution(ctx, key, { phase: body.phase, productManager: body.productManager ?? '' });
      return reply.redirect(`/portefoelje?besked=${changed ? 'gemt' : 'uaendret'}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      return editPage(request, reply, { values: body, errors: error.fieldErrors, status: 422 });
    }
  });

  registerPortfolioApi(app);
}

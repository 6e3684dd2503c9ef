import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/context.ts';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { apiBody, errorResponses } from '../../platform/http/api-schemas.ts';
import { actorCtx } from '../../platform/http/request-context.ts';
import { agreementStatuses, agreementTypes, municipalStatuses } from '../agreements/index.ts';
import { solutionPhases } from '../../platform/identity/schema.ts';
import { loadPortfolio, type PortfolioFilters, type PortfolioSolution } from './portfolio-queries.ts';
import { updateSolution, updateSolutionInput } from './update-solution.ts';

const countsOut = z
  .object({
    addressed: z.number(),
    signed: z.number(),
    replaced: z.number().describe('Tilslutningsaftaler erstattet af en underskrevet K98-aftale'),
    pending: z.number().describe('Uploadet underskrift, der afventer KOMBITs godkendelse'),
    in_dialogue: z.number(),
    not_signed: z.number(),
    outstanding: z.number().describe('Ikke underskrevet eller i dialog'),
  })
  .meta({ id: 'PortfolioAgreementCounts' });

const agreementOut = z
  .object({
    id: z.string(),
    title: z.string(),
    type: z.enum(agreementTypes),
    status: z.enum(agreementStatuses),
    counts: countsOut.describe('Samlet for alle adresserede kommuner; aldrig hvilke'),
    ownStatus: z.enum(municipalStatuses as [string, ...string[]]).nullable().describe('En kommunes bruger: egen kommunes status, hvis aftalen er sendt til den'),
  })
  .meta({ id: 'PortfolioAgreement' });

const taskOut = z
  .object({ id: z.string(), code: z.string(), title: z.string(), status: z.enum(['announced', 'published']), deadline: z.string() })
  .meta({ id: 'PortfolioTask' });

const solutionOut = z
  .object({
    key: z.string(),
    name: z.string(),
    k98: z.boolean().describe('Omfattet af K98-aftalen'),
    phase: z.enum(solutionPhases),
    productManager: z.string().nullable(),
    agreements: z.array(agreementOut).describe('Aftaler, der ikke er kladder'),
    openTasks: z.array(taskOut).describe('Annoncerede og publicerede opgaver fra KOMBIT om løsningen'),
  })
  .meta({ id: 'PortfolioSolution' });

const present = (s: PortfolioSolution) => ({
  ...s,
  agreements: s.agreements.map((a) => ({ id: a.id, title: a.title, type: a.type, status: a.status, counts: a.counts, ownStatus: a.ownStatus })),
});

async function presentOne(db: Db, actor: Actor, key: string) {
  const [s] = await loadPortfolio(db, actor, { k98: null, phase: null, key });
  if (!s) throw notFound('Løsningen findes ikke.');
  return present(s);
}

export function registerPortfolioApi(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Portefølje'];

  app.get(
    '/api/v1/portfolio',
    {
      schema: {
        tags,
        summary: 'Porteføljen: løsninger med fase, produktchef, aftaler og åbne opgaver',
        description: 'Alle indloggede. Filtrér med `k98=true|false` og `phase`. Aftalernes tal er samlet for alle kommuner.',
        querystring: z.object({
          k98: z.enum(['true', 'false'], { message: 'Skriv true eller false' }).optional(),
          phase: z.enum(solutionPhases, { message: 'Ukendt fase: brug udvikling, indfasning, drift eller udfasning' }).optional(),
        }),
        response: { 200: z.object({ solutions: z.array(solutionOut) }).meta({ id: 'Portfolio' }), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const q = request.query;
      const filters: PortfolioFilters = { k98: q.k98 === undefined ? null : q.k98 === 'true', phase: q.phase ?? null };
      return { solutions: (await loadPortfolio(ctx.db, ctx.actor, filters)).map(present) };
    },
  );

  app.patch(
    '/api/v1/portfolio/:key',
    {
      schema: {
        tags,
        summary: 'Ret en løsnings fase og produktchef (kun KOMBITs administratorer)',
        params: z.object({ key: z.string().max(100) }),
        body: apiBody(updateSolutionInput),
        response: { 200: solutionOut.extend({ changed: z.boolean() }).meta({ id: 'PortfolioSolutionUpdated' }), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const { changed } = await updateSolution(ctx, request.params.key, request.body);
      return { ...(await presentOne(ctx.db, ctx.actor, request.params.key)), changed };
    },
  );
}

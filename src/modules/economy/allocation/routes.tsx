import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../../../platform/errors.ts';
import { errorResponses } from '../../../platform/http/api-schemas.ts';
import { municipalityCodeParam, pageQuery, queryText } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { authorizeEconomy } from '../policy.ts';
import { allSolutions } from '../prices/load-year-prices.ts';
import { apiYear, pageYear, thisYear } from '../prices/year.ts';
import { AllocationPage } from './allocation-page.tsx';
import { loadAllocation, type AllocationView } from './load-allocation.ts';
import { municipalitiesInOrder } from './municipalities.ts';
import { MunicipalityAllocationPage } from './municipality-allocation-page.tsx';


const lineOut = z
  .object({
    solution: z.string().describe('Løsningens nøgle'),
    model: z.string().describe('Prismodellens navn (fakturalinjen)'),
    amountOre: z.number().int(),
    calculation: z.string().describe('Beregningen i ord, fx "150.000 indbyggere × 25,00 kr. + 517.099 indbyggere × 12,50 kr."'),
  })
  .meta({ id: 'EconomyAllocationLine' });
const municipalityOut = z
  .object({
    code: z.string(),
    name: z.string(),
    population: z.number().int(),
    amountOre: z.number().int().describe('Summen af linjerne'),
    calculation: z.string().describe('Én linje: dens beregning; flere: løsningernes eller linjernes beløb lagt sammen'),
    lines: z.array(lineOut).describe('Én linje pr. prismodel'),
  })
  .meta({ id: 'EconomyAllocationMunicipality' });
const allocationOut = z
  .object({
    year: z.number().int(),
    populationPeriod: z.string().describe('Befolkningstallenes periode, fx 2026K1'),
    solution: z.string().nullable().describe('Den løsning, der blev spurgt om, ellers null'),
    totalOre: z.number().int(),
    solutions: z.array(z.object({ key: z.string(), name: z.string(), totalOre: z.number().int() }).meta({ id: 'EconomyAllocationSolutionTotal' })),
    municipalities: z.array(municipalityOut),
  })
  .meta({ id: 'EconomyAllocation' });

/** The 422 of a year without population, as words for the page. */
async function orMissing<T>(work: Promise<T>): Promise<T | { missing: string }> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof AppError) || error.status !== 422) throw error;
    return { missing: [error.message, ...Object.values(error.fieldErrors)].join(' ') };
  }
}

const present = (a: AllocationView) => ({
  year: a.year,
  populationPeriod: a.populationPeriod,
  solution: a.solution?.key ?? null,
  totalOre: a.totalOre,
  solutions: a.solutions,
  municipalities: a.municipalities.map((m) => ({
    code: m.code,
    name: m.name,
    population: m.population,
    amountOre: m.amountOre,
    calculation: m.calculation,
    lines: m.lines.map((l) => ({ solution: l.solution, model: l.model, amountOre: l.amountOre, calculation: l.calculation })),
  })),
});

/** The allocation of a year's prices on the municipalities, as pages and JSON; central staff only. */
export function registerAllocationRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/oekonomi/fordeling', async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeEconomy(ctx.actor, 'read');
    return reply.redirect(`/oekonomi/fordeling/${thisYear(ctx)}`, 303);
  });

  app.get(
    '/oekonomi/fordeling/:year',
    { schema: { params: z.object({ year: pageYear }), querystring: pageQuery({ loesning: queryText }) } },
    async (request, reply) => {
      const ctx = actorCtx(request);
      authorizeEconomy(ctx.actor, 'read');
      const { year } = request.params;
      const chosen = request.query.loesning || undefined;
      const [solutionChoices, allocation] = await Promise.all([allSolutions(ctx.db), orMissing(loadAllocation(ctx.db, year, chosen))]);
      return sendPage(reply, <AllocationPage request={request} year={year} solutionChoices={solutionChoices} chosen={chosen} allocation={allocation} />);
    },
  );

  app.get(
    '/oekonomi/fordeling/:year/kommuner/:code',
    { schema: { params: z.object({ year: pageYear, code: municipalityCodeParam }) } },
    async (request, reply) => {
      const ctx = actorCtx(request);
      authorizeEconomy(ctx.actor, 'read');
      const { year, code } = request.params;
      const municipality = (await municipalitiesInOrder(ctx.db)).find((m) => m.code === code);
      if (!municipality) throw notFound('Kommunen findes ikke.');
      const allocation = await orMissing(loadAllocation(ctx.db, year));
      const share =
        'missing' in allocation ? allocation : { period: allocation.populationPeriod, m: allocation.municipalities.find((m) => m.code === code)! };
      return sendPage(reply, <MunicipalityAllocationPage request={request} year={year} municipality={municipality} share={share} />);
    },
  );

  app.get(
    '/api/v1/economy/years/:year/allocation',
    {
      schema: {
        tags: ['Økonomi'],
        summary: 'Årets fordeling pr. kommune med beregningen pr. linje (?solution=aula for én løsning)',
        description:
          'Én linje pr. prismodel. Uden `solution` alle løsningers linjer, og kommunens beløb er summen. Beløb i hele øre; et samlet beløbs andele giver ' +
          'tilsammen beløbet på øret. Kun KOMBITs medarbejdere. En ukendt løsning giver 404; et år uden befolkningstal 422 (fieldErrors.aar).',
        params: z.object({ year: apiYear }),
        querystring: z.object({ solution: z.string().max(100).optional().describe('Løsningens nøgle, fx infrastruktur') }),
        response: { 200: allocationOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeEconomy(ctx.actor, 'read');
      return present(await loadAllocation(ctx.db, request.params.year, request.query.solution));
    },
  );
}

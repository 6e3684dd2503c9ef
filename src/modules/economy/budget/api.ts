import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiBody, errorResponses, iso } from '../../../platform/http/api-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { costBudgetStages } from '../schema.ts';
import { actualApiBody, budgetApiBody, parseActualApi, parseBudgetApi } from './budget-input.ts';
import { budgeted, stageChange, yearPool, type SolutionBudget, type StageBudget } from './budget-sums.ts';
import { loadYearBudget } from './load-budget.ts';
import { solutionParam, yearParam } from './params.ts';
import { authorizeBudget } from './policy.ts';
import { saveCostActual } from './save-cost-actual.ts';
import { saveCostBudget } from './save-cost-budget.ts';
import { loadYearOverview } from './year-overview.ts';

const tags = ['Økonomi'];
const yearParams = z.object({ year: yearParam });
const solutionParams = z.object({ year: yearParam, solution: solutionParam });

const stageOut = z
  .object({
    stage: z.enum(costBudgetStages),
    operationOre: z.number().int(),
    maintenanceOre: z.number().int(),
    developmentOre: z.number().int(),
    poolOre: z.number().int(),
    totalOre: z.number().int().describe('Summen af de fire dele'),
    updatedAt: z.string(),
  })
  .meta({ id: 'EconomyBudgetStage' });

const solutionBudgetOut = z
  .object({
    solutionKey: z.string(),
    solutionName: z.string(),
    budgets: z.array(stageOut).describe('Det foreløbige og det samlede budget, de der findes'),
    budgetStage: z.enum(costBudgetStages).nullable().describe('Det budget, året regner med: det samlede, ellers det foreløbige'),
    budgetOre: z.number().int().nullable(),
    changeOre: z.number().int().nullable().describe('Samlet minus foreløbigt, når begge findes'),
    actualOre: z.number().int().nullable().describe('Den faktiske omkostning, når den er indtastet'),
  })
  .meta({ id: 'EconomyBudgetSolution' });

const yearBudgetOut = z
  .object({
    year: z.number().int(),
    poolOre: z.number().int().describe('Prioriteringspuljen: puljedelene af det budget, hver løsning regner med'),
    solutions: z.array(solutionBudgetOut),
  })
  .meta({ id: 'EconomyBudgetYear' });

const actualOut = z.object({ year: z.number().int(), solutionKey: z.string(), actualOre: z.number().int() }).meta({ id: 'EconomyBudgetActual' });

const overviewSolutionOut = z
  .object({
    solutionKey: z.string(),
    solutionName: z.string(),
    budgetStage: z.enum(costBudgetStages).nullable(),
    budgetOre: z.number().int().describe('0 når løsningen intet budget har'),
    allocatedOre: z.number().int().nullable().describe('Summen af kommunernes andele; null når fordelingen ikke kan beregnes'),
    differenceOre: z.number().int().nullable().describe('Fordelt minus budget'),
    matches: z.boolean().nullable().describe('Andelene giver budgettet til øren'),
  })
  .meta({ id: 'EconomyOverviewSolution' });

const overviewOut = z
  .object({
    year: z.number().int(),
    populationPeriod: z.string().nullable(),
    allocationError: z.string().nullable().describe('Hvorfor fordelingen ikke kan beregnes (fx ingen befolkningsperiode valgt); null når den kan'),
    solutions: z.array(overviewSolutionOut),
    total: z
      .object({ budgetOre: z.number().int(), allocatedOre: z.number().int().nullable(), differenceOre: z.number().int().nullable(), matches: z.boolean().nullable().describe('Alle løsninger stemmer') })
      .meta({ id: 'EconomyOverviewTotal' }),
    municipalities: z
      .array(
        z
          .object({
            code: z.string(),
            name: z.string(),
            population: z.number().int(),
            totalOre: z.number().int(),
            amounts: z.array(z.object({ solutionKey: z.string(), amountOre: z.number().int() })),
          })
          .meta({ id: 'EconomyOverviewMunicipality' }),
      )
      .describe('De 98 kommuner i dansk alfabetisk orden; tom når fordelingen ikke kan beregnes'),
  })
  .meta({ id: 'EconomyOverviewYear' });

const presentStage = (b: StageBudget): z.infer<typeof stageOut> => ({
  stage: b.stage,
  operationOre: b.operationOre,
  maintenanceOre: b.maintenanceOre,
  developmentOre: b.developmentOre,
  poolOre: b.poolOre,
  totalOre: b.totalOre,
  updatedAt: iso(b.updatedAt)!,
});

function presentSolution(s: SolutionBudget): z.infer<typeof solutionBudgetOut> {
  const b = budgeted(s);
  return {
    solutionKey: s.solutionKey,
    solutionName: s.solutionName,
    budgets: [s.preliminary, s.final].filter((x): x is StageBudget => x !== null).map(presentStage),
    budgetStage: b?.stage ?? null,
    budgetOre: b?.totalOre ?? null,
    changeOre: stageChange(s),
    actualOre: s.actualOre,
  };
}

const WRITE = 'Kun KOMBITs økonomi og administratorer (andre centrale: 403; kommuner: 404). Samme beløb igen ændrer og logger intet.';

export function registerBudgetApi(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/economy/years/:year/cost-budget',
    {
      schema: {
        tags,
        summary: 'Årets omkostningsbudget pr. løsning (foreløbigt og samlet, delt i drift, vedligehold, udvikling og prioriteringspulje) og de faktiske omkostninger',
        description: 'KOMBITs medarbejdere læser; kommuner får 404. Beløb i øre.',
        params: yearParams,
        response: { 200: yearBudgetOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeBudget(ctx.actor, 'read');
      const { solutions } = await loadYearBudget(ctx.db, request.params.year);
      return { year: request.params.year, poolOre: yearPool(solutions), solutions: solutions.map(presentSolution) };
    },
  );

  app.put(
    '/api/v1/economy/years/:year/cost-budget/:solution',
    {
      schema: {
        tags,
        summary: 'Gem en løsnings foreløbige eller samlede budget for året',
        description: `${WRITE} Beløb i hele øre fra 0; fejl giver 422 med fieldErrors pr. felt, og intet ændres.`,
        params: solutionParams,
        body: apiBody(budgetApiBody),
        response: { 200: solutionBudgetOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeBudget(ctx.actor, 'edit');
      const { stage, parts } = parseBudgetApi(request.body);
      const { year, solution } = request.params;
      await saveCostBudget(ctx, { year, solutionKey: solution, stage, parts });
      const { solutions } = await loadYearBudget(ctx.db, year);
      return presentSolution(solutions.find((s) => s.solutionKey === solution)!);
    },
  );

  app.put(
    '/api/v1/economy/years/:year/actual-costs/:solution',
    {
      schema: {
        tags,
        summary: 'Gem en løsnings faktiske omkostning for året (det årsopgørelsen gør op mod)',
        description: `${WRITE} Beløbet i hele øre fra 0.`,
        params: solutionParams,
        body: apiBody(actualApiBody),
        response: { 200: actualOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeBudget(ctx.actor, 'edit');
      const actualOre = parseActualApi(request.body);
      const { year, solution } = request.params;
      await saveCostActual(ctx, { year, solutionKey: solution, actualOre });
      return { year, solutionKey: solution, actualOre };
    },
  );

  app.get(
    '/api/v1/economy/years/:year/overview',
    {
      schema: {
        tags,
        summary: 'Årsoversigten: pr. løsning budget mod kommunernes andele (stemmer de til øren?), pr. kommune befolkning og andele',
        description:
          'KOMBITs medarbejdere læser; kommuner får 404. Kan fordelingen ikke beregnes (ingen befolkningsperiode valgt for året), ' +
          'svarer kaldet stadig med budgettet og grunden i allocationError.',
        params: yearParams,
        response: { 200: overviewOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeBudget(ctx.actor, 'read');
      const o = await loadYearOverview(ctx.db, request.params.year);
      return {
        year: o.year,
        populationPeriod: o.populationPeriod,
        allocationError: o.allocationError,
        solutions: o.solutions,
        total: o.total,
        municipalities: o.municipalities.map((m) => ({
          code: m.code,
          name: m.name,
          population: m.population,
          totalOre: m.totalOre,
          amounts: o.solutions.map((s, i) => ({ solutionKey: s.solutionKey, amountOre: m.amounts[i]! })),
        })),
      };
    },
  );
}

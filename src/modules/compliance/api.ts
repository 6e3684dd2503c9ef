import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiBody, errorResponses } from '../../platform/http/api-schemas.ts';
import { createRiskScale, riskScaleInput } from './create-risk-scale.ts';
import { actorCtx } from '../../platform/http/request-context.ts';
import { riskColourTokens } from './schema.ts';
import { loadRiskScales, type RiskScale } from './risk-scales.ts';

const axisOut = z
  .object({ value: z.number().int(), label: z.string(), definition: z.string().describe('Vises, hvor værdien vælges') })
  .meta({ id: 'RiskAxisLevel' });

const levelOut = z
  .object({ key: z.string(), label: z.string(), rank: z.number().int().describe('1 er laveste niveau'), colour: z.enum(riskColourTokens) })
  .meta({ id: 'RiskLevel' });

const scaleOut = z
  .object({
    key: z.string(),
    name: z.string(),
    description: z.string(),
    likelihoods: z.array(axisOut),
    consequences: z.array(axisOut),
    levels: z.array(levelOut),
    matrix: z.array(z.array(z.string())).describe('Risikoniveauets betegnelse som `matrix[konsekvens-1][sandsynlighed-1]`; niveauet aflæses, det beregnes ikke'),
  })
  .meta({ id: 'RiskScale' });

const present = (s: RiskScale) => ({ ...s, matrix: s.matrix.map((row) => row.map((l) => l.label)) });

export function registerComplianceApi(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/compliance/risk-scales',
    {
      schema: {
        tags: ['Compliance'],
        summary: 'Risikoskalaerne: niveauer, definitioner og matricen',
        description: 'Alle indloggede. Standardskalaen er Datatilsynets 4×4. Siden [/compliance/risikoskalaer](/compliance/risikoskalaer) viser det samme med matricen tegnet.',
        response: { 200: z.object({ scales: z.array(scaleOut) }).meta({ id: 'RiskScales' }), ...errorResponses },
      },
    },
    async (request) => ({ scales: (await loadRiskScales(actorCtx(request).db)).map(present) }),
  );
  app.post(
    '/api/v1/compliance/risk-scales',
    {
      schema: {
        tags: ['Compliance'],
        summary: 'Opret en risikoskala med egne trin, definitioner, niveauer og matrix',
        description:
          'Kun KOMBITs informationssikkerhed. `matrix[konsekvens-1][sandsynlighed-1]` er et niveaus betegnelse. Niveauet må ikke falde, når ' +
          'sandsynlighed eller konsekvens stiger. Nøglen dannes af navnet: samme skala sendt igen svarer 200 med den, der findes; ' +
          'en anden skala under et brugt navn giver 409.',
        body: apiBody(riskScaleInput),
        response: { 200: scaleOut, 201: scaleOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = actorCtx(request);
      const { key, created } = await createRiskScale(ctx, request.body);
      const scale = (await loadRiskScales(ctx.db)).find((s) => s.key === key)!;
      return reply.status(created ? 201 : 200).send(present(scale));
    },
  );
}

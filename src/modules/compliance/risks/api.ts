import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiBody, errorResponses, uuidParam } from '../../../platform/http/api-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import type { ContentRisk } from '../content.ts';
import { loadPackage } from '../load-package.ts';
import type { RiskScale } from '../risk-scales.ts';
import { riskColourTokens, riskTreatments } from '../schema.ts';
import { deleteRisk } from './delete-risk.ts';
import { riskLevels } from './labels.ts';
import { loadPackageRisk, loadPackageScale } from './load-risks.ts';
import { riskBody } from './risk-input.ts';
import { saveRisk } from './save-risk.ts';
import { riskWarningCodes, riskWarnings } from './warnings.ts';

const tags = ['Compliance'];

const levelOut = z.object({ key: z.string(), label: z.string(), rank: z.number().int(), colour: z.enum(riskColourTokens) }).meta({ id: 'ComplianceRiskLevel' });

export const riskOut = z
  .object({
    id: z.string(),
    ref: z.string(),
    threat: z.string(),
    impact: z.string(),
    likelihood: z.number().int(),
    consequence: z.number().int(),
    level: levelOut.describe('Aflæst i skalaens matrix, ikke beregnet'),
    existingMeasures: z.string(),
    measures: z.array(z.object({ id: z.string(), description: z.string(), owner: z.string(), deadline: z.string().nullable().describe('åååå-mm-dd') })),
    residualLikelihood: z.number().int(),
    residualConsequence: z.number().int(),
    residualLevel: levelOut,
    treatment: z.enum(riskTreatments),
    rationale: z.string(),
    warnings: z
      .array(z.object({ code: z.enum(riskWarningCodes), message: z.string() }))
      .describe('Advarsler om vurderingen; de forhindrer ikke at gemme'),
  })
  .meta({ id: 'ComplianceRisk' });

export function presentRisk(risk: ContentRisk, scale: RiskScale): z.infer<typeof riskOut> {
  const { inherent, residual } = riskLevels(scale, risk);
  return { ...risk, level: inherent, residualLevel: residual, warnings: riskWarnings(risk, scale) };
}

const packageParams = z.object({ id: uuidParam });
const riskParams = z.object({ id: uuidParam, riskId: uuidParam });

const WRITE_DESCRIPTION =
  'KOMBITs informationssikkerhed, kun på kladder (ellers 403). Værdier uden for pakkens risikoskala giver 422; ' +
  'uoverensstemmelser i vurderingen gemmes og returneres som `warnings`. Samme kald to gange (samme Idempotency-Key, ' +
  'eller samme indhold inden for få sekunder) gemmer én gang.';

export function registerRiskApi(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  /** The saved risk as it now stands, with its levels and warnings. */
  async function answer(ctx: ReturnType<typeof actorCtx>, packageId: string, riskId: string) {
    const pkg = await loadPackage(ctx.db, ctx.actor, packageId, 'author');
    const scale = await loadPackageScale(ctx.db, pkg);
    return presentRisk(await loadPackageRisk(ctx.db, pkg, riskId), scale);
  }

  app.post(
    '/api/v1/compliance/packages/:id/risks',
    {
      schema: {
        tags,
        summary: 'Opret en risiko i en kladde til en compliancepakke',
        description: WRITE_DESCRIPTION,
        params: packageParams,
        body: apiBody(riskBody),
        response: { 201: riskOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = actorCtx(request);
      const saved = await saveRisk(ctx, request.params.id, null, request.body, clientKeyOf(request));
      return reply.status(201).send(await answer(ctx, request.params.id, saved.id));
    },
  );

  app.put(
    '/api/v1/compliance/packages/:id/risks/:riskId',
    {
      schema: {
        tags,
        summary: 'Ret en risiko i en kladde (de planlagte foranstaltninger erstattes af listen)',
        description: WRITE_DESCRIPTION,
        params: riskParams,
        body: apiBody(riskBody),
        response: { 200: riskOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const saved = await saveRisk(ctx, request.params.id, request.params.riskId, request.body, clientKeyOf(request));
      return answer(ctx, request.params.id, saved.id);
    },
  );

  app.delete(
    '/api/v1/compliance/packages/:id/risks/:riskId',
    {
      schema: {
        tags,
        summary: 'Slet en risiko i en kladde',
        description: 'KOMBITs informationssikkerhed, kun på kladder. Et gentaget kald inden for få sekunder (eller med samme Idempotency-Key) svarer som det første.',
        params: riskParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteRisk(actorCtx(request), request.params.id, request.params.riskId, clientKeyOf(request));
      return reply.status(204).send(null);
    },
  );
}

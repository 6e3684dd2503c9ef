import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isCentral } from '../../../platform/context.ts';
import { notFound } from '../../../platform/errors.ts';
import { apiBody, errorResponses, iso, uuidParam } from '../../../platform/http/api-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { loadPackage } from '../load-package.ts';
import { riskResponses } from '../schema.ts';
import { loadResponseAggregate } from './aggregate-queries.ts';
import { loadRiskResponse, type MunicipalityResponse } from './load-responses.ts';
import { responseBody } from './response-input.ts';
import { loadRespondTarget, packageScale, saveResponse } from './save-response.ts';

const tags = ['Compliance'];
const levelOut = z.object({ key: z.string(), label: z.string(), rank: z.number().int() });

const responseOut = z
  .object({
    riskId: z.string(),
    riskRef: z.string(),
    response: z.enum(riskResponses),
    reason: z.string(),
    residualLikelihood: z.number().int().nullable(),
    residualConsequence: z.number().int().nullable(),
    residualLevel: levelOut.nullable().describe('Aflæst i pakkens risikomatrix ud fra kommunens egne værdier'),
    measures: z.array(z.object({ description: z.string(), owner: z.string(), deadline: z.string().nullable() })),
    updatedAt: z.string(),
    updatedByName: z.string().nullable(),
  })
  .meta({ id: 'RiskResponse' });

const aggregateOut = z
  .object({
    packageId: z.string(),
    status: z.enum(['draft', 'published']),
    delivered: z.number().int().describe('Antal kommuner, pakken er leveret til'),
    risks: z.array(
      z.object({
        riskId: z.string(),
        ref: z.string(),
        threat: z.string(),
        accepted: z.number().int(),
        ownMeasures: z.number().int(),
        notRelevant: z.number().int(),
        noResponse: z.number().int(),
        ownMeasuresMunicipalities: z.array(z.object({ code: z.string(), name: z.string() })),
        ownResidualLevels: z.array(levelOut.extend({ count: z.number().int() })).describe('Kommunernes egne restniveauer, laveste først'),
      }),
    ),
    municipalities: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        answered: z.number().int(),
        accepted: z.number().int(),
        ownMeasures: z.number().int(),
        notRelevant: z.number().int(),
        measures: z.number().int().describe('Kommunens egne foranstaltninger i alt'),
        firstOpenedAt: z.string().nullable(),
        acknowledgedAt: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'RiskResponseAggregate' });

const riskParams = z.object({ id: uuidParam, riskId: uuidParam });

export function registerResponseApi(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  const present = async (ctx: ReturnType<typeof actorCtx>, r: MunicipalityResponse | null, scaleKey: string) => {
    if (!r) return null;
    const scale = await packageScale(ctx, { scaleKey });
    const level = r.residualLikelihood !== null && r.residualConsequence !== null ? (scale.matrix[r.residualConsequence - 1]?.[r.residualLikelihood - 1] ?? null) : null;
    return { ...r, updatedAt: iso(r.updatedAt)!, residualLevel: level && { key: level.key, label: level.label, rank: level.rank } };
  };

  app.get(
    '/api/v1/compliance/packages/:id/risks/:riskId/response',
    {
      schema: {
        tags,
        summary: 'Egen kommunes svar på en risiko',
        description: 'Kun kommunens udpegede modtagere af compliancepakker, for pakker leveret til kommunen. `response` er null, før kommunen har svaret.',
        params: riskParams,
        response: { 200: z.object({ response: responseOut.nullable() }), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const { pkg, risk, municipalityCode } = await loadRespondTarget(ctx, request.params.id, request.params.riskId);
      return { response: await present(ctx, await loadRiskResponse(ctx.db, risk.id, municipalityCode), pkg.scaleKey) };
    },
  );

  app.put(
    '/api/v1/compliance/packages/:id/risks/:riskId/response',
    {
      schema: {
        tags,
        summary: 'Giv eller ret egen kommunes svar på en risiko',
        description:
          'Kun kommunens udpegede modtagere af compliancepakker, for offentliggjorte pakker leveret til kommunen. Erstatter kommunens hidtidige svar og foranstaltninger på risikoen. Samme `Idempotency-Key` (eller, uden den, samme indhold inden for 10 sekunder) gemmer og logger kun én gang.',
        params: riskParams,
        body: apiBody(responseBody),
        response: { 200: z.object({ changed: z.boolean().describe('false, når svaret allerede var gemt sådan'), response: responseOut }), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const { id, riskId } = request.params;
      const saved = await saveResponse(ctx, id, riskId, request.body, clientKeyOf(request));
      const pkg = await loadPackage(ctx.db, ctx.actor, id, 'read');
      const response = await present(ctx, await loadRiskResponse(ctx.db, riskId, ctx.actor.municipalityCode!), pkg.scaleKey);
      return { changed: saved.changed, response: response! };
    },
  );

  app.get(
    '/api/v1/compliance/packages/:id/responses',
    {
      schema: {
        tags,
        summary: 'Kommunernes svar på pakkens risici, samlet',
        description:
          'Kun KOMBITs medarbejdere (for en kommunes bruger findes ressourcen ikke: 404). Pr. risiko antal, der har accepteret, tilføjet egne foranstaltninger, ikke finder den relevant og ikke har svaret, ud af de kommuner pakken er leveret til; pr. kommune antal svar og kvittering. Siden [/compliance/pakker/:id/svar] viser det samme.',
        params: z.object({ id: uuidParam }),
        response: { 200: aggregateOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      if (!isCentral(ctx.actor)) throw notFound('Compliancepakken findes ikke.');
      const pkg = await loadPackage(ctx.db, ctx.actor, request.params.id, 'read');
      const a = await loadResponseAggregate(ctx.db, pkg.id, await packageScale(ctx, pkg));
      const level = (l: { key: string; label: string; rank: number }) => ({ key: l.key, label: l.label, rank: l.rank });
      return {
        packageId: pkg.id,
        status: pkg.status,
        delivered: a.delivered,
        risks: a.risks.map((r) => ({
          riskId: r.riskId,
          ref: r.ref,
          threat: r.threat,
          accepted: r.accepted,
          ownMeasures: r.ownMeasures,
          notRelevant: r.notRelevant,
          noResponse: r.noResponse,
          ownMeasuresMunicipalities: r.ownMeasuresMunicipalities,
          ownResidualLevels: r.ownResidualLevels.map((x) => ({ ...level(x.level), count: x.count })),
        })),
        municipalities: a.municipalities.map((m) => ({ ...m, firstOpenedAt: iso(m.firstOpenedAt), acknowledgedAt: iso(m.acknowledgedAt) })),
      };
    },
  );
}

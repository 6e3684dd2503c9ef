import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, iso, municipalityCodeParam, uuidParam } from '../../../platform/http/api-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { complianceAccessKinds, riskResponses } from '../schema.ts';
import { acknowledgePackage } from './acknowledge-package.ts';
import { MAX_RECIPIENTS } from './delivery-queries.ts';
import { loadMunicipalityDelivery } from './municipality-delivery.ts';
import { publishPackage } from './publish-package.ts';

const tags = ['Compliance'];
const idParams = z.object({ id: uuidParam });

const publishOut = z
  .object({
    packageId: z.string(),
    alreadyPublished: z.boolean().describe('true: pakken var allerede offentliggjort, og der er ikke sendt noget nu'),
    publishedAt: z.string(),
    municipalities: z.number().int().describe('Kommuner pakken er leveret til'),
    municipalitiesWithoutRecipients: z.number().int(),
    recipientsMailed: z.number().int().describe('Modtagere, der fik en mail ved denne anmodning'),
    programLeadersMailed: z.number().int().describe('Programledere i kommuner uden modtager, der blev bedt om at registrere en'),
  })
  .meta({ id: 'CompliancePublishResult' });

const acknowledgeOut = z
  .object({
    packageId: z.string(),
    municipalityCode: z.string(),
    acknowledgedAt: z.string(),
    acknowledgedBy: z.object({ personId: z.string(), name: z.string() }),
    changed: z.boolean().describe('false: kommunen havde allerede kvitteret; den første kvittering står'),
  })
  .meta({ id: 'ComplianceAcknowledgement' });

const personOut = z.object({ personId: z.string(), name: z.string() });

const municipalityOut = z
  .object({
    packageId: z.string(),
    municipalityCode: z.string(),
    municipalityName: z.string(),
    recipients: z.array(personOut.extend({ email: z.string() })).describe(`Kommunens compliancepakke-modtagere (højst ${MAX_RECIPIENTS})`),
    deliveredAt: z.string(),
    opened: z.string().nullable().describe('Første gang en modtager åbnede pakken'),
    acknowledged: z.object({ at: z.string(), by: personOut.nullable() }).nullable(),
    accessLog: z
      .object({
        total: z.number().int(),
        entries: z
          .array(z.object({ at: z.string(), personId: z.string(), name: z.string(), kind: z.enum(complianceAccessKinds), file: z.string().describe("'' for en visning") }))
          .describe('Nyeste først, højst 200'),
      })
      .meta({ id: 'ComplianceAccessLog' }),
    riskResponses: z.array(
      z.object({
        riskId: z.string(),
        riskRef: z.string(),
        response: z.enum(riskResponses),
        reason: z.string(),
        residualLikelihood: z.number().int().nullable(),
        residualConsequence: z.number().int().nullable(),
        measures: z.array(z.object({ description: z.string(), owner: z.string(), deadline: z.string().nullable() })),
        updatedAt: z.string(),
        updatedByName: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'ComplianceMunicipalityDelivery' });

/** Publishing, acknowledging and a municipality's delivery as JSON; the same use cases as the pages. */
export function registerDeliveryApi(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/api/v1/compliance/packages/:id/publish',
    {
      schema: {
        tags,
        summary: 'Offentliggør en kladde: leverer den til kommunerne og sender mails til modtagerne',
        description:
          'Kun KOMBITs informationssikkerhed. Låser indholdet, leverer pakken til alle kommuner, der bruger løsningen, og sender én mail pr. modtager (programledere i kommuner uden modtager bliver bedt om at registrere en). 201, når anmodningen offentliggjorde pakken; 200 med `alreadyPublished: true`, når den allerede var offentliggjort. Samme `Idempotency-Key` igen giver det første svar.',
        params: idParams,
        response: { 200: publishOut, 201: publishOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const r = await publishPackage(actorCtx(request), request.params.id, clientKeyOf(request));
      return reply.status(r.alreadyPublished ? 200 : 201).send(r);
    },
  );

  app.post(
    '/api/v1/compliance/packages/:id/acknowledge',
    {
      schema: {
        tags,
        summary: 'Kvittér for modtagelsen af en pakke (kommunens modtagere)',
        description: 'Én kvittering pr. kommune; en ny kvittering ændrer intet og svarer med den første (`changed: false`).',
        params: idParams,
        response: { 200: acknowledgeOut, ...errorResponses },
      },
    },
    async (request) => acknowledgePackage(actorCtx(request), request.params.id),
  );

  app.get(
    '/api/v1/compliance/packages/:id/municipalities/:code',
    {
      schema: {
        tags,
        summary: 'En kommunes levering: modtagere, åbnet, kvitteret, adgangslog og svar på risici',
        description: 'KOMBIT: alle kommuner. En kommunes modtagere, programleder og KLIK-administrator: kun egen kommune (andre koder svarer 404).',
        params: z.object({ id: uuidParam, code: municipalityCodeParam }),
        response: { 200: municipalityOut, ...errorResponses },
      },
    },
    async (request) => {
      const { pkg, view } = await loadMunicipalityDelivery(actorCtx(request), request.params.id, request.params.code);
      const t = view.target;
      return {
        packageId: pkg.id,
        municipalityCode: t.municipalityCode,
        municipalityName: t.municipalityName,
        recipients: view.recipients,
        deliveredAt: t.deliveredAt.toISOString(),
        opened: iso(t.firstOpenedAt),
        acknowledged: t.acknowledgedAt ? { at: t.acknowledgedAt.toISOString(), by: t.acknowledgedBy } : null,
        accessLog: { total: view.log.total, entries: view.log.entries.map((e) => ({ ...e, at: e.at.toISOString() })) },
        riskResponses: view.responses.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() })),
      };
    },
  );
}

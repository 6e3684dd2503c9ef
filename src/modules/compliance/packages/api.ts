import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../platform/context.ts';
import { apiBody, errorResponses, iso, uuidParam } from '../../../platform/http/api-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import type { Choices } from '../choices.ts';
import { loadChoices } from '../choices.ts';
import { loadPackageContent, type PackageContent } from '../content.ts';
import { logAccess } from '../delivery/log-access.ts';
import { loadPackage, type PackageRow } from '../load-package.ts';
import { riskLevel, type RiskScale } from '../risk-scales.ts';
import { loadRiskScales } from '../risk-scales.ts';
import { complianceChoiceLists, compliancePackageTarget, packageStatuses, riskTreatments, supplierRoles } from '../schema.ts';
import { copyPackage } from './copy-package.ts';
import { createPackage, createPackageInput } from './create-package.ts';
import { listPackages, parsePackageFilter, type PackageListItem } from './list-packages.ts';
import { loadChanges } from './load-changes.ts';

const deliveryOut = z
  .object({ deliveredAt: z.string(), firstOpenedAt: z.string().nullable(), acknowledgedAt: z.string().nullable() })
  .describe('Leveringen til egen kommune; null for KOMBIT')
  .meta({ id: 'CompliancePackageDelivery' });

const summaryShape = {
  id: z.string(),
  title: z.string().describe('"Compliancepakke 2025 – Aula"'),
  solution: z.object({ key: z.string(), name: z.string() }),
  year: z.number().int(),
  status: z.enum(packageStatuses),
  publishedAt: z.string().nullable(),
  copiedFromId: z.string().nullable().describe('Pakken, denne blev startet som kopi af (sidste års)'),
  delivery: deliveryOut.nullable(),
};
const summaryOut = z.object(summaryShape).meta({ id: 'CompliancePackageSummary' });

const levelOut = z.object({ key: z.string(), label: z.string() }).nullable().meta({ id: 'CompliancePackageRiskLevel' });

const activityOut = z
  .object({
    ref: z.string().describe('Stabil nøgle på tværs af år, fx B1'),
    name: z.string(),
    purpose: z.string(),
    legalBases: z.array(z.string()).describe('Nøgler i listen legal-basis'),
    legalBasisNote: z.string(),
    dataSubjects: z.array(z.string()).describe('Nøgler i listen data-subject'),
    personalData: z.array(z.string()).describe('Nøgler i listen personal-data'),
    columnG: z
      .array(z.object({ personalData: z.string(), dataSubjects: z.array(z.string()) }))
      .describe('Kolonne G: for hver kategori af personoplysninger de kategorier af registrerede, den vedrører'),
    recipients: z.string(),
    thirdCountries: z.string(),
    transferBasis: z.string().nullable(),
    retention: z.string().nullable(),
    deletion: z.string(),
  })
  .meta({ id: 'ComplianceActivity' });

const supplierOut = z
  .object({
    id: z.string(),
    name: z.string(),
    cvr: z.string(),
    address: z.string(),
    contractParty: z.string(),
    role: z.enum(supplierRoles),
    processingActivity: z.string(),
    locations: z.string(),
    transferBasis: z.string().nullable(),
    parentId: z.string().nullable(),
    parentName: z.string().nullable(),
  })
  .meta({ id: 'CompliancePackageSupplier' });

const riskOut = z
  .object({
    ref: z.string().describe('Stabil nøgle på tværs af år, fx R3'),
    threat: z.string(),
    impact: z.string(),
    likelihood: z.number().int(),
    consequence: z.number().int(),
    level: levelOut.describe('Iboende risikoniveau, aflæst i skalaens matrix'),
    existingMeasures: z.string(),
    measures: z.array(z.object({ description: z.string(), owner: z.string(), deadline: z.string().nullable().describe('åååå-mm-dd') })),
    residualLikelihood: z.number().int(),
    residualConsequence: z.number().int(),
    residualLevel: levelOut.describe('Restrisikoniveau'),
    treatment: z.enum(riskTreatments),
    rationale: z.string(),
  })
  .meta({ id: 'CompliancePackageRisk' });

const detailOut = z
  .object({
    ...summaryShape,
    scaleKey: z.string().describe('Risikoskalaen, se GET /api/v1/compliance/risk-scales'),
    introduction: z.string(),
    principles: z.string(),
    securityMeasures: z.string(),
    rights: z.array(z.object({ right: z.string(), handling: z.string() })),
    record: z.object({ activities: z.array(activityOut) }).describe('Skema 1: fortegnelsen'),
    suppliers: z.array(supplierOut),
    risks: z.array(riskOut),
    labels: z
      .record(z.enum(complianceChoiceLists), z.record(z.string(), z.string()))
      .describe('Betegnelsen for hver valglistenøgle, der bruges i pakken, pr. liste'),
  })
  .meta({ id: 'CompliancePackage' });

const fieldChangeOut = z.object({ field: z.string(), label: z.string(), from: z.string(), to: z.string() }).meta({ id: 'ComplianceFieldChange' });
const itemChangeOut = z
  .object({ key: z.string(), title: z.string(), kind: z.enum(['added', 'removed', 'changed']), fields: z.array(fieldChangeOut) })
  .meta({ id: 'ComplianceItemChange' });
const changesOut = z
  .object({
    previousYear: z.number().int(),
    previous: z.object({ id: z.string(), year: z.number().int(), title: z.string() }).nullable().describe('null: ingen pakke for løsningen året før'),
    texts: z.array(fieldChangeOut),
    rights: z.array(itemChangeOut),
    activities: z.array(itemChangeOut),
    columnG: z.array(itemChangeOut),
    suppliers: z.array(itemChangeOut),
    risks: z.array(itemChangeOut),
  })
  .meta({ id: 'CompliancePackageChanges' });

const idParams = z.object({ id: uuidParam });
const listQuery = z.object({
  year: z.string().optional().describe('Fx 2025'),
  solution: z.string().optional().describe('Løsningens nøgle, fx aula'),
});

const presentDelivery = (d: PackageListItem['delivery']) =>
  d && { deliveredAt: iso(d.deliveredAt)!, firstOpenedAt: iso(d.firstOpenedAt), acknowledgedAt: iso(d.acknowledgedAt) };

const presentSummary = (p: PackageListItem) => ({
  id: p.id,
  title: p.title,
  solution: { key: p.solutionKey, name: p.solutionName },
  year: p.year,
  status: p.status,
  publishedAt: iso(p.publishedAt),
  copiedFromId: p.copiedFromId,
  delivery: presentDelivery(p.delivery),
});

async function ownDelivery(db: Db, actor: Actor, pkg: PackageRow): Promise<PackageListItem['delivery']> {
  if (actor.municipalityCode === null) return null;
  const [t] = await db
    .select({ deliveredAt: compliancePackageTarget.deliveredAt, firstOpenedAt: compliancePackageTarget.firstOpenedAt, acknowledgedAt: compliancePackageTarget.acknowledgedAt })
    .from(compliancePackageTarget)
    .where(and(eq(compliancePackageTarget.packageId, pkg.id), eq(compliancePackageTarget.municipalityCode, actor.municipalityCode)));
  return t ?? null;
}

const levelOf = (scale: RiskScale | undefined, likelihood: number, consequence: number) => {
  if (!scale) return null;
  try {
    const l = riskLevel(scale, likelihood, consequence);
    return { key: l.key, label: l.label };
  } catch {
    return null;
  }
};

/** The labels of the choice keys the content uses, per list. */
function usedLabels(content: PackageContent, choices: Choices) {
  const out = Object.fromEntries(complianceChoiceLists.map((l) => [l, {} as Record<string, string>])) as Record<(typeof complianceChoiceLists)[number], Record<string, string>>;
  const add = (list: (typeof complianceChoiceLists)[number], key: string | null) => {
    if (key !== null) out[list][key] = choices.label(list, key);
  };
  for (const r of content.rights) add('right', r.right);
  for (const a of content.activities) {
    a.legalBases.forEach((k) => add('legal-basis', k));
    a.dataSubjects.forEach((k) => add('data-subject', k));
    a.personalData.forEach((k) => add('personal-data', k));
    add('transfer-basis', a.transferBasis);
    add('retention', a.retention);
  }
  for (const s of content.suppliers) add('transfer-basis', s.transferBasis);
  return out;
}

async function presentDetail(db: Db, actor: Actor, pkg: PackageRow) {
  const content = await loadPackageContent(db, pkg.id);
  const scale = (await loadRiskScales(db)).find((s) => s.key === pkg.scaleKey);
  const choices = await loadChoices(db);
  const delivery = await ownDelivery(db, actor, pkg);
  return {
    ...presentSummary({ ...pkg, delivery }),
    scaleKey: pkg.scaleKey,
    introduction: pkg.introduction,
    principles: content.principles,
    securityMeasures: content.securityMeasures,
    rights: content.rights,
    record: { activities: content.activities.map(({ id: _id, ...a }) => a) },
    suppliers: content.suppliers,
    risks: content.risks.map(({ id: _id, measures, ...r }) => ({
      ...r,
      level: levelOf(scale, r.likelihood, r.consequence),
      residualLevel: levelOf(scale, r.residualLikelihood, r.residualConsequence),
      measures: measures.map((m) => ({ description: m.description, owner: m.owner, deadline: m.deadline })),
    })),
    labels: usedLabels(content, choices),
  };
}

/** The packages API: the list and a package for those who may see them; creating and copying for central information security. */
export function registerPackageApi(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Compliance'];

  app.get(
    '/api/v1/compliance/packages',
    {
      schema: {
        tags,
        summary: 'Compliancepakker: for KOMBIT alle; for en kommunes modtagere og administratorer de pakker, kommunen har fået leveret',
        description: 'Nyeste år først, løsningerne i dansk alfabetisk orden. For en kommune følger leveringen med (åbnet, kvitteret).',
        querystring: listQuery,
        response: { 200: z.array(summaryOut), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      return (await listPackages(ctx.db, ctx.actor, parsePackageFilter(request.query))).map(presentSummary);
    },
  );

  app.get(
    '/api/v1/compliance/packages/:id',
    {
      schema: {
        tags,
        summary: 'En compliancepakke: fortegnelsen (Skema 1 med kolonne G), rettigheder, leverandører og risici med niveauer',
        description:
          'KOMBIT og kommunens udpegede modtagere. Kommunens programleder og KLIK-administrator får 403 (de ser leveringen, ikke indholdet); ' +
          'en pakke, der ikke er leveret til kommunen, findes ikke (404). En modtagers opslag logges som en visning.',
        params: idParams,
        response: { 200: detailOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const pkg = await loadPackage(ctx.db, ctx.actor, request.params.id, 'read');
      const out = await presentDetail(ctx.db, ctx.actor, pkg);
      await logAccess(ctx.db, ctx.actor, pkg, 'view');
      return out;
    },
  );

  app.get(
    '/api/v1/compliance/packages/:id/changes',
    {
      schema: {
        tags,
        summary: 'Ændringer siden sidste år: tilføjet, fjernet og ændret med før → nu',
        description:
          'Sammenlignet med samme løsnings pakke året før. Aktiviteter og risici parres på `ref`, leverandører på CVR-nummer (ellers navn), ' +
          'kolonne G på (aktivitet, personoplysning, registreret). Værdierne står som tekst med valglisternes betegnelser og risikoniveauer som skalaens betegnelse.',
        params: idParams,
        response: { 200: changesOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const pkg = await loadPackage(ctx.db, ctx.actor, request.params.id, 'read');
      const ch = await loadChanges(ctx.db, ctx.actor, pkg, await loadRiskScales(ctx.db));
      const empty = { texts: [], rights: [], activities: [], columnG: [], suppliers: [], risks: [] };
      return { previousYear: ch.previousYear, previous: ch.previous, ...(ch.diff ?? empty) };
    },
  );

  app.post(
    '/api/v1/compliance/packages',
    {
      schema: {
        tags,
        summary: 'Opret en tom compliancepakke (kladde) for en løsning og et år',
        description:
          'Kun KOMBITs informationssikkerhed. Én pakke pr. løsning og år: findes den, svares 409. Samme `Idempotency-Key` (eller, uden den, samme indhold inden for 10 sekunder) opretter kun én pakke; gentagelsen svarer 200 med den samme.',
        body: apiBody(createPackageInput),
        response: { 200: summaryOut, 201: summaryOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = actorCtx(request);
      const r = await createPackage(ctx, request.body, clientKeyOf(request));
      const pkg = await loadPackage(ctx.db, ctx.actor, r.id, 'read');
      return reply.status(r.created ? 201 : 200).send(presentSummary({ ...pkg, delivery: null }));
    },
  );

  app.post(
    '/api/v1/compliance/packages/:id/copy',
    {
      schema: {
        tags,
        summary: 'Start næste års pakke som kopi af denne',
        description:
          'Kladden får alt med: fortegnelsen med behandlingsgrundlag, kategorier og kolonne G, rettigheder, principper, sikkerhed og introduktion, leverandørerne og risiciene med planlagte foranstaltninger; `ref` bevares. ' +
          'Findes næste års pakke allerede, svares 409. Samme `Idempotency-Key` (eller, uden den, et nyt kald inden for 10 sekunder) giver den samme kopi (200).',
        params: idParams,
        response: { 200: summaryOut, 201: summaryOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = actorCtx(request);
      const r = await copyPackage(ctx, request.params.id, clientKeyOf(request));
      const pkg = await loadPackage(ctx.db, ctx.actor, r.id, 'read');
      return reply.status(r.created ? 201 : 200).send(presentSummary({ ...pkg, delivery: null }));
    },
  );
}

import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import { byDanishName } from '../../../platform/views/format.ts';
import { riskLevel, type RiskLevelDef, type RiskScale } from '../risk-scales.ts';
import { compliancePackageTarget, complianceResponseMeasure, complianceRisk, complianceRiskResponse, type RiskResponse } from '../schema.ts';

export interface RiskAggregate {
  riskId: string;
  ref: string;
  threat: string;
  level: RiskLevelDef;
  residualLevel: RiskLevelDef;
  accepted: number;
  ownMeasures: number;
  notRelevant: number;
  noResponse: number;
  /** The municipalities that added their own measures, in Danish order. */
  ownMeasuresMunicipalities: { code: string; name: string }[];
  /** How many of those put their own residual risk at each level, lowest level first (levels nobody chose left out). */
  ownResidualLevels: { level: RiskLevelDef; count: number }[];
}

export interface MunicipalityAggregate {
  code: string;
  name: string;
  answered: number;
  accepted: number;
  ownMeasures: number;
  notRelevant: number;
  /** The municipality's own measures over all risks. */
  measures: number;
  firstOpenedAt: Date | null;
  acknowledgedAt: Date | null;
}

export interface ResponseAggregate {
  /** How many municipalities the package was delivered to. */
  delivered: number;
  risks: RiskAggregate[];
  /** Every municipality the package was delivered to, in Danish order. */
  municipalities: MunicipalityAggregate[];
}

/**
 * The responses of every municipality a package was delivered to, per risk and per municipality,
 * in three grouped statements however many municipalities and risks (98 × 60 is the bench). Only
 * responses of municipalities the package was delivered to count.
 */
export async function loadResponseAggregate(db: Db, packageId: string, scale: RiskScale): Promise<ResponseAggregate> {
  const r = complianceRiskResponse;
  const t = compliancePackageTarget;
  const risks = await db
    .select({
      id: complianceRisk.id,
      ref: complianceRisk.ref,
      threat: complianceRisk.threat,
      likelihood: complianceRisk.likelihood,
      consequence: complianceRisk.consequence,
      residualLikelihood: complianceRisk.residualLikelihood,
      residualConsequence: complianceRisk.residualConsequence,
    })
    .from(complianceRisk)
    .where(eq(complianceRisk.packageId, packageId))
    .orderBy(asc(complianceRisk.sort), asc(complianceRisk.ref));

  const groups = await db
    .select({
      riskId: r.riskId,
      // grouped by its bytes: the three keys need no language's order, and PGlite sorts them faster
      response: sql<RiskResponse>`${r.response} collate "C"`,
      residualLikelihood: r.residualLikelihood,
      residualConsequence: r.residualConsequence,
      count: sql<number>`count(*)::int`,
      codes: sql<string | null>`string_agg(${r.municipalityCode}::text, ',') filter (where ${r.response} = 'own-measures')`,
    })
    .from(r)
    .innerJoin(t, and(eq(t.packageId, r.packageId), eq(t.municipalityCode, r.municipalityCode)))
    .where(eq(r.packageId, packageId))
    .groupBy(r.riskId, sql`${r.response} collate "C"`, r.residualLikelihood, r.residualConsequence);

  // Responses and measures are counted per municipality first, so the join to the 98 targets is row for row.
  const counted = (kind: RiskResponse) => sql<number>`(count(*) filter (where ${r.response} = ${kind}))::int`;
  const perResponse = db
    .select({
      code: r.municipalityCode,
      answered: sql<number>`count(*)::int`.as('answered'),
      accepted: counted('accepted').as('accepted'),
      ownMeasures: counted('own-measures').as('own_measures'),
      notRelevant: counted('not-relevant').as('not_relevant'),
    })
    .from(r)
    .where(eq(r.packageId, packageId))
    .groupBy(r.municipalityCode)
    .as('per_response');
  const perMeasure = db
    .select({ code: r.municipalityCode, n: sql<number>`count(*)::int`.as('n') })
    .from(complianceResponseMeasure)
    .innerJoin(r, eq(r.id, complianceResponseMeasure.responseId))
    .where(eq(r.packageId, packageId))
    .groupBy(r.municipalityCode)
    .as('per_measure');
  const zero = (column: unknown) => sql<number>`coalesce(${column}, 0)::int`;
  const perMunicipality = await db
    .select({
      code: t.municipalityCode,
      name: municipality.name,
      firstOpenedAt: t.firstOpenedAt,
      acknowledgedAt: t.acknowledgedAt,
      answered: zero(perResponse.answered),
      accepted: zero(perResponse.accepted),
      ownMeasures: zero(perResponse.ownMeasures),
      notRelevant: zero(perResponse.notRelevant),
      measures: zero(perMeasure.n),
    })
    .from(t)
    .innerJoin(municipality, eq(municipality.code, t.municipalityCode))
    .leftJoin(perResponse, eq(perResponse.code, t.municipalityCode))
    .leftJoin(perMeasure, eq(perMeasure.code, t.municipalityCode))
    .where(eq(t.packageId, packageId));

  const municipalities = perMunicipality.map((m) => ({ ...m, code: m.code.trim() })).sort(byDanishName);
  const nameOf = new Map(municipalities.map((m) => [m.code, m.name]));
  const delivered = municipalities.length;
  return {
    delivered,
    municipalities,
    risks: risks.map((risk) => {
      const own = groups.filter((g) => g.riskId === risk.id);
      const count = (kind: RiskResponse) => own.filter((g) => g.response === kind).reduce((n, g) => n + g.count, 0);
      const levels = new Map<string, { level: RiskLevelDef; count: number }>();
      for (const g of own) {
        if (g.response !== 'own-measures' || g.residualLikelihood === null || g.residualConsequence === null) continue;
        const level = riskLevel(scale, g.residualLikelihood, g.residualConsequence);
        const entry = levels.get(level.key) ?? { level, count: 0 };
        entry.count += g.count;
        levels.set(level.key, entry);
      }
      const codes = own.flatMap((g) => (g.codes ? g.codes.split(',') : []));
      const answered = own.reduce((n, g) => n + g.count, 0);
      return {
        riskId: risk.id,
        ref: risk.ref,
        threat: risk.threat,
        level: riskLevel(scale, risk.likelihood, risk.consequence),
        residualLevel: riskLevel(scale, risk.residualLikelihood, risk.residualConsequence),
        accepted: count('accepted'),
        ownMeasures: count('own-measures'),
        notRelevant: count('not-relevant'),
        noResponse: delivered - answered,
        ownMeasuresMunicipalities: codes.map((code) => ({ code, name: nameOf.get(code) ?? code })).sort(byDanishName),
        ownResidualLevels: [...levels.values()].sort((a, b) => a.level.rank - b.level.rank),
      };
    }),
  };
}

/** "12 kommuner har tilføjet egne foranstaltninger til R3". */
export function ownMeasuresSentence(count: number, ref: string): string {
  return `${count} ${count === 1 ? 'kommune har' : 'kommuner har'} tilføjet egne foranstaltninger til ${ref}`;
}

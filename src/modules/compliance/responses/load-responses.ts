import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { person } from '../../../platform/identity/schema.ts';
import { complianceResponseMeasure, complianceRisk, complianceRiskResponse } from '../schema.ts';

export interface MunicipalityResponse {
  riskId: string;
  riskRef: string;
  response: 'accepted' | 'own-measures' | 'not-relevant';
  reason: string;
  residualLikelihood: number | null;
  residualConsequence: number | null;
  measures: { description: string; owner: string; deadline: string | null }[];
  updatedAt: Date;
  updatedByName: string | null;
}

/**
 * Responses with their measures in two statements, however many risks: the responses (with the
 * risk's ref and the updater's name), then every measure of those responses by the same filter.
 */
async function loadResponses(db: Db, where: SQL): Promise<MunicipalityResponse[]> {
  const rows = await db
    .select({
      id: complianceRiskResponse.id,
      riskId: complianceRiskResponse.riskId,
      riskRef: complianceRisk.ref,
      response: complianceRiskResponse.response,
      reason: complianceRiskResponse.reason,
      residualLikelihood: complianceRiskResponse.residualLikelihood,
      residualConsequence: complianceRiskResponse.residualConsequence,
      updatedAt: complianceRiskResponse.updatedAt,
      updatedByName: person.name,
    })
    .from(complianceRiskResponse)
    .innerJoin(complianceRisk, eq(complianceRisk.id, complianceRiskResponse.riskId))
    .leftJoin(person, eq(person.id, complianceRiskResponse.updatedBy))
    .where(where)
    .orderBy(asc(complianceRisk.sort), asc(complianceRisk.ref));
  const measures = await db
    .select({
      responseId: complianceResponseMeasure.responseId,
      description: complianceResponseMeasure.description,
      owner: complianceResponseMeasure.owner,
      deadline: complianceResponseMeasure.deadline,
    })
    .from(complianceResponseMeasure)
    .innerJoin(complianceRiskResponse, eq(complianceRiskResponse.id, complianceResponseMeasure.responseId))
    .where(where)
    .orderBy(asc(complianceResponseMeasure.sort), asc(complianceResponseMeasure.id));
  const byResponse = new Map<string, MunicipalityResponse['measures']>();
  for (const { responseId, ...m } of measures) {
    const own = byResponse.get(responseId) ?? [];
    own.push(m);
    byResponse.set(responseId, own);
  }
  return rows.map(({ id, ...r }) => ({ ...r, measures: byResponse.get(id) ?? [] }));
}

/** One municipality's responses to a package's risks (the caller has checked the policy). */
export async function loadMunicipalityResponses(db: Db, packageId: string, municipalityCode: string): Promise<MunicipalityResponse[]> {
  return loadResponses(db, and(eq(complianceRiskResponse.packageId, packageId), eq(complianceRiskResponse.municipalityCode, municipalityCode))!);
}

/** One municipality's response to one risk, or null (the caller has checked the policy). */
export async function loadRiskResponse(db: Db, riskId: string, municipalityCode: string): Promise<MunicipalityResponse | null> {
  const [found] = await loadResponses(db, and(eq(complianceRiskResponse.riskId, riskId), eq(complianceRiskResponse.municipalityCode, municipalityCode))!);
  return found ?? null;
}

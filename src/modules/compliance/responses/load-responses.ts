import type { Db } from '../../../db/client.ts';

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

/** One municipality's responses to a package's risks (the caller has checked the policy). */
export async function loadMunicipalityResponses(db: Db, packageId: string, municipalityCode: string): Promise<MunicipalityResponse[]> {
  void db;
  void packageId;
  void municipalityCode;
  return [];
}

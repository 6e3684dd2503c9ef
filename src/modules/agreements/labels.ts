import type { AgreementStatus, AgreementType } from './schema.ts';
import type { MunicipalStatus } from './status.ts';

export const TYPE_LABELS: Record<AgreementType, string> = {
  databehandleraftale: 'Databehandleraftale',
  tilslutningsaftale: 'Tilslutningsaftale',
  samarbejdsaftale: 'Samarbejdsaftale',
  k98: 'K98-aftale',
};

export const AGREEMENT_STATUS_LABELS: Record<AgreementStatus, string> = {
  draft: 'Kladde',
  sent: 'Udsendt til underskrift',
  closed: 'Lukket',
};

export const MUNICIPAL_STATUS_LABELS: Record<MunicipalStatus, string> = {
  signed: 'Underskrevet',
  replaced: 'Erstattet af K98-aftalen',
  pending: 'Modtaget – afventer godkendelse',
  in_dialogue: 'I dialog',
  not_signed: 'Ikke underskrevet',
};

/** Plural role names as they read in a sentence: "modtagere var programledere". */
const ROLE_PLURALS: Record<string, string> = {
  programleder: 'programledere',
  'klik-administrator': 'KLIK-administratorer',
  systemansvarlig: 'systemansvarlige',
  superbruger: 'superbrugere',
  'it-chef': 'IT- og digitaliseringschefer',
  'compliancepakke-modtager': 'compliancepakke-modtagere',
  valgsekretariat: 'valgsekretariater',
};

/** "programledere", "systemansvarlige for Byg og Miljø" */
export function rolePlural(roleKey: string, solutionName?: string | null): string {
  const base = ROLE_PLURALS[roleKey] ?? roleKey;
  return solutionName ? `${base} for ${solutionName}` : base;
}

import type { ArchiveKind, ArchiveState, EsdhSystem, IntegrationState, ReadinessItem } from '../schema.ts';

/** The Danish words for a municipality's Aula registration, shared by its page and its form messages. */
export const ESDH_LABEL: Record<EsdhSystem, string> = { sbsys: 'SBSYS', acadre: 'Acadre', edoc: 'eDoc', andet: 'Andet' };
export const INTEGRATION_LABEL: Record<IntegrationState, string> = {
  ikke_startet: 'Ikke startet',
  leverandoer_kontaktet: 'Leverandør kontaktet',
  i_test: 'I test',
  i_drift: 'I drift',
};
export const ARCHIVE_KIND_LABEL: Record<ArchiveKind, string> = { rigsarkivet: 'Rigsarkivet', paragraf7: '§ 7-arkiv' };
export const ARCHIVE_STATE_LABEL: Record<ArchiveState, string> = { ikke_planlagt: 'Ikke planlagt', planlagt: 'Planlagt', i_gang: 'I gang', afleveret: 'Afleveret' };
export const READINESS_LABEL: Record<ReadinessItem, string> = {
  integration_i_drift: 'Integrationen er i drift',
  filer_journaliseret: 'Relevante filer er journaliseret',
  klar_til_sletteregler: 'Klar til de reviderede sletteregler',
};

/** Whether the vendor takes part in the end-to-end test, as the form sends it; null is "Ved ikke". */
export const VENDOR_IN_TEST_VALUE = (v: boolean | null) => (v === true ? 'ja' : v === false ? 'nej' : 'ved-ikke');
export const VENDOR_IN_TEST_LABEL = (v: boolean | null) => (v === true ? 'Ja' : v === false ? 'Nej' : 'Ved ikke');

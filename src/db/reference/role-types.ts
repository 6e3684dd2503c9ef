/** Role types with their Danish labels. Keys are stable identifiers used in code and the API. */
export const roleTypes = [
  { key: 'administrator', labelDa: 'Administrator', scope: 'central', perSolution: false, maxPerMunicipality: null },
  { key: 'konsulent', labelDa: 'Konsulent', scope: 'central', perSolution: false, maxPerMunicipality: null },
  { key: 'oekonomi', labelDa: 'Økonomi', scope: 'central', perSolution: false, maxPerMunicipality: null },
  { key: 'informationssikkerhed', labelDa: 'Informationssikkerhed', scope: 'central', perSolution: false, maxPerMunicipality: null },
  { key: 'drift', labelDa: 'Drift', scope: 'central', perSolution: false, maxPerMunicipality: null },
  { key: 'programleder', labelDa: 'Programleder', scope: 'municipal', perSolution: false, maxPerMunicipality: null },
  { key: 'klik-administrator', labelDa: 'KLIK-administrator', scope: 'municipal', perSolution: false, maxPerMunicipality: null },
  { key: 'systemansvarlig', labelDa: 'Systemansvarlig', scope: 'municipal', perSolution: true, maxPerMunicipality: null },
  { key: 'superbruger', labelDa: 'Superbruger', scope: 'municipal', perSolution: true, maxPerMunicipality: null },
  { key: 'it-chef', labelDa: 'IT- og digitaliseringschef', scope: 'municipal', perSolution: false, maxPerMunicipality: null },
  { key: 'compliancepakke-modtager', labelDa: 'Compliancepakke-modtager', scope: 'municipal', perSolution: false, maxPerMunicipality: 2 },
  { key: 'oekonomikontakt', labelDa: 'Økonomikontakt', scope: 'municipal', perSolution: false, maxPerMunicipality: null },
  { key: 'valgsekretariat', labelDa: 'Valgsekretariat', scope: 'municipal', perSolution: false, maxPerMunicipality: null },
] as const;

export type RoleTypeKey = (typeof roleTypes)[number]['key'];

/** Roles that let a municipal user manage their own municipality's people and roles. */
export const municipalAdminRoles: readonly string[] = ['programleder', 'klik-administrator'];
/** Roles where exactly one holder per solution and municipality is the primary one. */
export const rolesWithPrimary: readonly string[] = ['systemansvarlig'];

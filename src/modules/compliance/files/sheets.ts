import { typedSheet, type KeyedColumn, type TypedSheet } from '../../../platform/spreadsheet/write.ts';
import { formatDeadline } from '../../../platform/views/format.ts';
import type { Choices } from '../choices.ts';
import type { ContentActivity, ContentRisk, ContentSupplier, PackageContent } from '../content.ts';
import { riskLevel, type RiskScale } from '../risk-scales.ts';
import type { RiskTreatment, SupplierRole } from '../schema.ts';

/**
 * The package's workbook: one sheet per table, Danish headers, and a stable key per column (the
 * import finds Skema 1's columns by these keys, so a renamed header does not break it). Keys are
 * part of the file format: change a header freely, never a key.
 */

export const SKEMA1 = { name: 'Skema 1', key: 'skema1' } as const;
export const COLUMN_G = { name: 'Kolonne G', key: 'kolonneG' } as const;

/** The groups of personal data, each its own Skema 1 column (art. 9 and 10 data must stand out). */
export const PERSONAL_DATA_GROUPS: { grp: string; header: string }[] = [
  { grp: 'almindelig', header: 'Almindelige personoplysninger' },
  { grp: 'foelsom', header: 'Følsomme personoplysninger (art. 9)' },
  { grp: 'cpr', header: 'CPR-nummer' },
  { grp: 'strafbare', header: 'Strafbare forhold (art. 10)' },
];
export const personalDataKey = (grp: string) => `personalData.${grp}`;

export const TREATMENT_DA: Record<RiskTreatment, string> = { reduce: 'Reducere', accept: 'Acceptere', avoid: 'Undgå', transfer: 'Overføre' };
export const SUPPLIER_ROLE_DA: Record<SupplierRole, string> = { processor: 'Databehandler', 'sub-processor': 'Underdatabehandler' };

/** Several values in one cell: one per line (labels may hold commas). */
export const joinValues = (values: string[]) => values.join('\n');

type Col<T> = KeyedColumn<T>;

/** The single-valued Skema 1 columns the import reads back, in file order; the list columns are added beside them. */
export function skema1Columns(choices: Choices): Col<ContentActivity>[] {
  const labels = (list: Parameters<Choices['label']>[0], keys: string[]) => joinValues(keys.map((k) => choices.label(list, k)));
  const groupOf = new Map(choices['personal-data'].map((c) => [c.key, c.grp]));
  const groups = [...PERSONAL_DATA_GROUPS];
  for (const c of choices['personal-data']) if (!groups.some((g) => g.grp === c.grp)) groups.push({ grp: c.grp, header: `Personoplysninger (${c.grp || 'øvrige'})` });
  return [
    { key: 'ref', header: 'Ref.', value: (a) => a.ref, width: 8 },
    { key: 'name', header: 'Behandlingsaktivitet', value: (a) => a.name, width: 32 },
    { key: 'purpose', header: 'Formål', value: (a) => a.purpose, width: 40 },
    { key: 'legalBases', header: 'Retsgrundlag', value: (a) => labels('legal-basis', a.legalBases), width: 30 },
    { key: 'legalBasisNote', header: 'National bestemmelse', value: (a) => a.legalBasisNote, width: 30 },
    { key: 'dataSubjects', header: 'Kategorier af registrerede', value: (a) => labels('data-subject', a.dataSubjects), width: 30 },
    ...groups.map(
      (g): Col<ContentActivity> => ({
        key: personalDataKey(g.grp),
        header: g.header,
        value: (a) => labels('personal-data', a.personalData.filter((k) => (groupOf.get(k) ?? '') === g.grp)),
        width: 30,
      }),
    ),
    { key: 'recipients', header: 'Modtagere', value: (a) => a.recipients, width: 30 },
    { key: 'thirdCountries', header: 'Tredjelande', value: (a) => a.thirdCountries, width: 20 },
    { key: 'transferBasis', header: 'Overførselsgrundlag', value: (a) => choices.label('transfer-basis', a.transferBasis), width: 24 },
    { key: 'retention', header: 'Opbevaringsperiode', value: (a) => choices.label('retention', a.retention), width: 24 },
    { key: 'deletion', header: 'Sletning', value: (a) => a.deletion, width: 30 },
  ];
}

export type ColumnGRow = { ref: string; activity: string; personalData: string; dataSubject: string };

export const columnGColumns: Col<ColumnGRow>[] = [
  { key: 'ref', header: 'Ref.', value: (r) => r.ref, width: 8 },
  { key: 'activity', header: 'Behandlingsaktivitet', value: (r) => r.activity, width: 32 },
  { key: 'personalData', header: 'Personoplysninger', value: (r) => r.personalData, width: 40 },
  { key: 'dataSubject', header: 'Kategori af registrerede', value: (r) => r.dataSubject, width: 32 },
];

export function columnGRows(activities: ContentActivity[], choices: Choices): ColumnGRow[] {
  return activities.flatMap((a) =>
    a.columnG.flatMap((g) =>
      g.dataSubjects.map((s) => ({ ref: a.ref, activity: a.name, personalData: choices.label('personal-data', g.personalData), dataSubject: choices.label('data-subject', s) })),
    ),
  );
}

type TextRow = { topic: string; article: string; text: string };
const textColumns: Col<TextRow>[] = [
  { key: 'topic', header: 'Emne', value: (r) => r.topic, width: 36 },
  { key: 'article', header: 'Artikel', value: (r) => r.article, width: 14 },
  { key: 'text', header: 'Beskrivelse', value: (r) => r.text, width: 80 },
];

function textRows(content: PackageContent, choices: Choices): TextRow[] {
  const handling = new Map(content.rights.map((r) => [r.right, r.handling]));
  return [
    { topic: 'Principper for behandlingen', article: 'Art. 5', text: content.principles },
    { topic: 'Generel beskrivelse af sikkerhedsforanstaltninger', article: 'Art. 30, stk. 1, litra g', text: content.securityMeasures },
    ...choices.right.map((r) => ({ topic: r.label, article: r.detail, text: handling.get(r.key) ?? '' })),
  ];
}

const supplierColumns = (choices: Choices): Col<ContentSupplier>[] => [
  { key: 'name', header: 'Leverandør', value: (s) => s.name, width: 30 },
  { key: 'cvr', header: 'CVR-nummer', value: (s) => s.cvr, width: 12 },
  { key: 'address', header: 'Adresse', value: (s) => s.address, width: 30 },
  { key: 'contractParty', header: 'Kontraktpart', value: (s) => s.contractParty, width: 20 },
  { key: 'role', header: 'Rolle', value: (s) => SUPPLIER_ROLE_DA[s.role], width: 20 },
  { key: 'parent', header: 'Underdatabehandler for', value: (s) => s.parentName ?? '', width: 30 },
  { key: 'processingActivity', header: 'Behandlingsaktivitet', value: (s) => s.processingActivity, width: 36 },
  { key: 'locations', header: 'Behandlingssted', value: (s) => s.locations, width: 24 },
  { key: 'transferBasis', header: 'Overførselsgrundlag', value: (s) => choices.label('transfer-basis', s.transferBasis), width: 26 },
];

const riskColumns = (scale: RiskScale): Col<ContentRisk>[] => {
  const axis = (levels: RiskScale['likelihoods'], v: number) => levels.find((l) => l.value === v)?.label ?? '';
  const level = (l: number, c: number) => {
    try {
      return riskLevel(scale, l, c).label;
    } catch {
      return '';
    }
  };
  return [
    { key: 'ref', header: 'Ref.', value: (r) => r.ref, width: 8 },
    { key: 'threat', header: 'Trussel/scenarie', value: (r) => r.threat, width: 40 },
    { key: 'impact', header: 'Konsekvens for de registrerede', value: (r) => r.impact, width: 40 },
    { key: 'likelihood', header: 'Sandsynlighed', value: (r) => r.likelihood, width: 14 },
    { key: 'likelihoodLabel', header: 'Sandsynlighed (betegnelse)', value: (r) => axis(scale.likelihoods, r.likelihood), width: 18 },
    { key: 'consequence', header: 'Konsekvens', value: (r) => r.consequence, width: 12 },
    { key: 'consequenceLabel', header: 'Konsekvens (betegnelse)', value: (r) => axis(scale.consequences, r.consequence), width: 18 },
    { key: 'level', header: 'Risikoniveau', value: (r) => level(r.likelihood, r.consequence), width: 14 },
    { key: 'existingMeasures', header: 'Eksisterende foranstaltninger', value: (r) => r.existingMeasures, width: 40 },
    {
      key: 'plannedMeasures',
      header: 'Planlagte foranstaltninger',
      value: (r) => joinValues(r.measures.map((m) => [m.description, m.owner && `ansvarlig: ${m.owner}`, m.deadline && `frist: ${formatDeadline(m.deadline)}`].filter(Boolean).join(' – '))),
      width: 50,
    },
    { key: 'residualLikelihood', header: 'Restrisiko: sandsynlighed', value: (r) => r.residualLikelihood, width: 14 },
    { key: 'residualConsequence', header: 'Restrisiko: konsekvens', value: (r) => r.residualConsequence, width: 14 },
    { key: 'residualLevel', header: 'Restrisiko: niveau', value: (r) => level(r.residualLikelihood, r.residualConsequence), width: 14 },
    { key: 'treatment', header: 'Håndtering', value: (r) => TREATMENT_DA[r.treatment], width: 14 },
    { key: 'rationale', header: 'Begrundelse', value: (r) => r.rationale, width: 40 },
  ];
};

/** Every sheet of the package's workbook, rows in the package's own order. */
export function packageSheets(content: PackageContent, choices: Choices, scale: RiskScale): TypedSheet[] {
  return [
    typedSheet({ ...SKEMA1, columns: skema1Columns(choices), rows: content.activities }),
    typedSheet({ ...COLUMN_G, columns: columnGColumns, rows: columnGRows(content.activities, choices) }),
    typedSheet({ name: 'Principper og rettigheder', key: 'rettigheder', columns: textColumns, rows: textRows(content, choices) }),
    typedSheet({ name: 'Leverandører', key: 'leverandoerer', columns: supplierColumns(choices), rows: content.suppliers }),
    typedSheet({ name: 'Risici', key: 'risici', columns: riskColumns(scale), rows: content.risks }),
  ];
}

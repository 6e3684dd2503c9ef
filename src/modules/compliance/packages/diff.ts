import type { ComplianceChoiceList, RiskTreatment, SupplierRole } from '../schema.ts';
import type { ContentActivity, ContentRisk, ContentSupplier, PackageContent } from '../content.ts';
import { formatDeadline } from '../../../platform/views/format.ts';
import { riskLevel, type RiskScale } from '../risk-scales.ts';

/** One field that differs, as the reader sees it: old → new. */
export interface FieldChange {
  field: string;
  /** The field's Danish name. */
  label: string;
  from: string;
  to: string;
}

export type ChangeKind = 'added' | 'removed' | 'changed';

/** One thing (an activity, a column G link, a supplier, a risk, a right) added, removed or changed. */
export interface ItemChange {
  /** What pairs the years: the ref, the CVR (or name), the link's three parts, the right's key. */
  key: string;
  /** How the thing is named to the reader ("B1 Elevadministration"). */
  title: string;
  kind: ChangeKind;
  /** For `changed`: every field that differs. Empty for added and removed. */
  fields: FieldChange[];
}

export interface PackageDiff {
  /** Principles and the general description of security measures. */
  texts: FieldChange[];
  rights: ItemChange[];
  activities: ItemChange[];
  columnG: ItemChange[];
  suppliers: ItemChange[];
  risks: ItemChange[];
}

export type DiffSection = keyof PackageDiff;

/**
 * How keys become words. Without it, choice keys show as themselves and risk levels are left out
 * (likelihood and consequence still show as numbers): the diff stays a pure function of its inputs.
 */
export interface DiffLabels {
  choice?: (list: ComplianceChoiceList, key: string | null) => string;
  /** The scale each year's risks are assessed on; a year without one shows no level. */
  previousScale?: RiskScale;
  currentScale?: RiskScale;
}

export const TREATMENT_LABELS: Record<RiskTreatment, string> = { reduce: 'Reducér', accept: 'Acceptér', avoid: 'Undgå', transfer: 'Overfør' };
export const SUPPLIER_ROLE_LABELS: Record<SupplierRole, string> = { processor: 'Databehandler', 'sub-processor': 'Underdatabehandler' };

const NONE = '–';
const text = (s: string | null | undefined) => (s === null || s === undefined || s.trim() === '' ? NONE : s);

type Field<T> = { field: string; label: string; show: (item: T) => string };

function fieldChanges<T>(fields: Field<T>[], a: T, b: T): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of fields) {
    const from = f.show(a);
    const to = f.show(b);
    if (from !== to) out.push({ field: f.field, label: f.label, from, to });
  }
  return out;
}

/** Pairs two lists by a key; the current order first, then what only last year had. */
function pairBy<T>(previous: T[], current: T[], keyOf: (item: T) => string): { key: string; previous?: T; current?: T }[] {
  const before = new Map(previous.map((p) => [keyOf(p), p]));
  const seen = new Set<string>();
  const pairs: { key: string; previous?: T; current?: T }[] = [];
  for (const c of current) {
    const key = keyOf(c);
    seen.add(key);
    pairs.push({ key, previous: before.get(key), current: c });
  }
  for (const p of previous) if (!seen.has(keyOf(p))) pairs.push({ key: keyOf(p), previous: p });
  return pairs;
}

function itemChanges<T>(previous: T[], current: T[], keyOf: (item: T) => string, titleOf: (item: T) => string, fields: Field<T>[]): ItemChange[] {
  const out: ItemChange[] = [];
  for (const pair of pairBy(previous, current, keyOf)) {
    if (!pair.previous) out.push({ key: pair.key, title: titleOf(pair.current!), kind: 'added', fields: [] });
    else if (!pair.current) out.push({ key: pair.key, title: titleOf(pair.previous), kind: 'removed', fields: [] });
    else {
      const changed = fieldChanges(fields, pair.previous, pair.current);
      if (changed.length > 0) out.push({ key: pair.key, title: titleOf(pair.current), kind: 'changed', fields: changed });
    }
  }
  return out;
}

function activityFields(choice: NonNullable<DiffLabels['choice']>): Field<ContentActivity>[] {
  const list = (l: ComplianceChoiceList) => (keys: string[]) => (keys.length === 0 ? NONE : keys.map((k) => choice(l, k)).join(', '));
  return [
    { field: 'name', label: 'Navn', show: (a) => text(a.name) },
    { field: 'purpose', label: 'Formål', show: (a) => text(a.purpose) },
    { field: 'legalBases', label: 'Behandlingsgrundlag', show: (a) => list('legal-basis')(a.legalBases) },
    { field: 'legalBasisNote', label: 'Bemærkning til behandlingsgrundlag', show: (a) => text(a.legalBasisNote) },
    { field: 'dataSubjects', label: 'Kategorier af registrerede', show: (a) => list('data-subject')(a.dataSubjects) },
    { field: 'personalData', label: 'Kategorier af personoplysninger', show: (a) => list('personal-data')(a.personalData) },
    { field: 'recipients', label: 'Modtagere', show: (a) => text(a.recipients) },
    { field: 'thirdCountries', label: 'Overførsel til tredjelande', show: (a) => text(a.thirdCountries) },
    { field: 'transferBasis', label: 'Overførselsgrundlag', show: (a) => text(choice('transfer-basis', a.transferBasis)) },
    { field: 'retention', label: 'Opbevaringsperiode', show: (a) => text(choice('retention', a.retention)) },
    { field: 'deletion', label: 'Sletning', show: (a) => text(a.deletion) },
  ];
}

function supplierFields(choice: NonNullable<DiffLabels['choice']>): Field<ContentSupplier>[] {
  return [
    { field: 'name', label: 'Navn', show: (s) => text(s.name) },
    { field: 'cvr', label: 'CVR-nummer', show: (s) => text(s.cvr) },
    { field: 'address', label: 'Adresse', show: (s) => text(s.address) },
    { field: 'contractParty', label: 'Aftalepart', show: (s) => text(s.contractParty) },
    { field: 'role', label: 'Rolle', show: (s) => SUPPLIER_ROLE_LABELS[s.role] ?? s.role },
    { field: 'parentName', label: 'Underdatabehandler for', show: (s) => text(s.parentName) },
    { field: 'processingActivity', label: 'Behandlingsaktivitet', show: (s) => text(s.processingActivity) },
    { field: 'locations', label: 'Behandlingssted', show: (s) => text(s.locations) },
    { field: 'transferBasis', label: 'Overførselsgrundlag', show: (s) => text(choice('transfer-basis', s.transferBasis)) },
  ];
}

function levelLabel(scale: RiskScale | undefined, likelihood: number, consequence: number): string {
  if (!scale) return NONE;
  try {
    return riskLevel(scale, likelihood, consequence).label;
  } catch {
    return NONE;
  }
}

function riskFields(labels: DiffLabels): Field<{ risk: ContentRisk; scale: RiskScale | undefined }>[] {
  const withLevels = labels.previousScale !== undefined || labels.currentScale !== undefined;
  const measures = (r: ContentRisk) =>
    r.measures.length === 0
      ? NONE
      : r.measures.map((m) => [m.description, m.owner ? `ansvarlig: ${m.owner}` : '', m.deadline ? `frist: ${formatDeadline(m.deadline)}` : ''].filter(Boolean).join(', ')).join('; ');
  type R = { risk: ContentRisk; scale: RiskScale | undefined };
  const fields: Field<R>[] = [
    { field: 'threat', label: 'Trussel', show: ({ risk }) => text(risk.threat) },
    { field: 'impact', label: 'Konsekvens for de registrerede', show: ({ risk }) => text(risk.impact) },
    { field: 'likelihood', label: 'Sandsynlighed', show: ({ risk }) => String(risk.likelihood) },
    { field: 'consequence', label: 'Konsekvens', show: ({ risk }) => String(risk.consequence) },
  ];
  if (withLevels) fields.push({ field: 'level', label: 'Risikoniveau', show: ({ risk, scale }) => levelLabel(scale, risk.likelihood, risk.consequence) });
  fields.push(
    { field: 'existingMeasures', label: 'Eksisterende foranstaltninger', show: ({ risk }) => text(risk.existingMeasures) },
    { field: 'measures', label: 'Planlagte foranstaltninger', show: ({ risk }) => measures(risk) },
    { field: 'residualLikelihood', label: 'Restrisiko: sandsynlighed', show: ({ risk }) => String(risk.residualLikelihood) },
    { field: 'residualConsequence', label: 'Restrisiko: konsekvens', show: ({ risk }) => String(risk.residualConsequence) },
  );
  if (withLevels) {
    fields.push({ field: 'residualLevel', label: 'Restrisikoniveau', show: ({ risk, scale }) => levelLabel(scale, risk.residualLikelihood, risk.residualConsequence) });
  }
  fields.push(
    { field: 'treatment', label: 'Håndtering', show: ({ risk }) => TREATMENT_LABELS[risk.treatment] ?? risk.treatment },
    { field: 'rationale', label: 'Begrundelse', show: ({ risk }) => text(risk.rationale) },
  );
  return fields;
}

/**
 * Suppliers pair by CVR number where both years have one, then by name (ignoring case) — so a
 * supplier that was renamed but kept its CVR is "changed", not removed and added.
 */
function supplierKeys(previous: ContentSupplier[], current: ContentSupplier[]): (s: ContentSupplier) => string {
  const prevCvrs = new Set(previous.map((s) => s.cvr.trim()).filter(Boolean));
  const curCvrs = new Set(current.map((s) => s.cvr.trim()).filter(Boolean));
  return (s) => {
    const cvr = s.cvr.trim();
    if (cvr && prevCvrs.has(cvr) && curCvrs.has(cvr)) return `cvr:${cvr}`;
    // a CVR only one year has, or none: the name decides
    return `navn:${s.name.trim().toLowerCase()}`;
  };
}

type Link = { key: string; activityRef: string; activityName: string; personalData: string; dataSubject: string };
function linksOf(content: PackageContent): Link[] {
  return content.activities.flatMap((a) =>
    a.columnG.flatMap((g) =>
      g.dataSubjects.map((subject) => ({ key: `${a.ref}|${g.personalData}|${subject}`, activityRef: a.ref, activityName: a.name, personalData: g.personalData, dataSubject: subject })),
    ),
  );
}

/**
 * What changed from last year's package to this one: activities and risks paired by their `ref`,
 * suppliers by CVR (or name), column G links by (activity ref, personal data, data subject), rights
 * by their key; each added, removed or changed with old → new per field. A pure function: the
 * page and the API pass the labels.
 */
export function diffPackages(previous: PackageContent, current: PackageContent, labels: DiffLabels = {}): PackageDiff {
  const choice = labels.choice ?? ((_list: ComplianceChoiceList, key: string | null) => key ?? '');
  const texts = fieldChanges<PackageContent>(
    [
      { field: 'principles', label: 'Principper', show: (c) => text(c.principles) },
      { field: 'securityMeasures', label: 'Generel beskrivelse af sikkerhedsforanstaltninger', show: (c) => text(c.securityMeasures) },
    ],
    previous,
    current,
  );
  const rights = itemChanges(
    previous.rights,
    current.rights,
    (r) => r.right,
    (r) => choice('right', r.right),
    [{ field: 'handling', label: 'Håndtering', show: (r) => text(r.handling) }],
  );
  const activities = itemChanges(previous.activities, current.activities, (a) => a.ref, (a) => `${a.ref} ${a.name}`, activityFields(choice));
  const columnG = itemChanges(
    linksOf(previous),
    linksOf(current),
    (l) => l.key,
    (l) => `${l.activityRef} ${l.activityName}: ${choice('personal-data', l.personalData)} om ${choice('data-subject', l.dataSubject)}`,
    [],
  );
  const keyOfSupplier = supplierKeys(previous.suppliers, current.suppliers);
  const suppliers = itemChanges(previous.suppliers, current.suppliers, keyOfSupplier, (s) => s.name, supplierFields(choice));
  const wrap = (risks: ContentRisk[], scale: RiskScale | undefined) => risks.map((risk) => ({ risk, scale }));
  const risks = itemChanges(
    wrap(previous.risks, labels.previousScale ?? labels.currentScale),
    wrap(current.risks, labels.currentScale ?? labels.previousScale),
    (r) => r.risk.ref,
    (r) => `${r.risk.ref} ${r.risk.threat}`,
    riskFields(labels),
  );
  return { texts, rights, activities, columnG, suppliers, risks };
}

/** How many things changed in all (a text counts as one). */
export const diffSize = (d: PackageDiff) =>
  d.texts.length + d.rights.length + d.activities.length + d.columnG.length + d.suppliers.length + d.risks.length;

/** Added, removed and changed per section, for a summary. */
export function diffCounts(items: ItemChange[]): Record<ChangeKind, number> {
  const counts: Record<ChangeKind, number> = { added: 0, removed: 0, changed: 0 };
  for (const i of items) counts[i.kind]++;
  return counts;
}

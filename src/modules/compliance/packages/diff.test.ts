import { describe, expect, it } from 'vitest';
import type { ContentActivity, ContentRisk, ContentSupplier, PackageContent } from '../content.ts';
import type { RiskLevelDef, RiskScale } from '../risk-scales.ts';
import { diffCounts, diffPackages, diffSize } from './diff.ts';

/** The deck's 4×4 (Datatilsynet): enough of a scale to read levels from, built here without a database. */
function datatilsynet(): RiskScale {
  const lvl = (key: string, label: string, rank: number, colour: RiskLevelDef['colour']): RiskLevelDef => ({ key, label, rank, colour });
  const L = lvl('lav', 'Lav', 1, 'groen');
  const M = lvl('mellem', 'Mellem', 2, 'gul');
  const H = lvl('hoej', 'Høj', 3, 'orange');
  const K = lvl('meget-hoej', 'Meget høj', 4, 'roed');
  const axis = [1, 2, 3, 4].map((value) => ({ value, label: `Trin ${value}`, definition: '' }));
  return {
    key: 'dt',
    name: 'Datatilsynet',
    description: '',
    likelihoods: axis,
    consequences: axis,
    levels: [L, M, H, K],
    // matrix[consequence-1][likelihood-1]
    matrix: [
      [L, L, M, H],
      [L, M, H, H],
      [M, H, H, K],
      [H, K, K, K],
    ],
  };
}

const activity = (ref: string, o: Partial<ContentActivity> = {}): ContentActivity => ({
  id: `a-${ref}`,
  ref,
  name: `Aktivitet ${ref}`,
  purpose: 'Formål',
  legalBases: ['art6-1-e'],
  legalBasisNote: '',
  dataSubjects: ['borgere', 'boern'],
  personalData: ['cpr', 'identifikation'],
  columnG: [{ personalData: 'cpr', dataSubjects: ['borgere'] }],
  recipients: '',
  thirdCountries: '',
  transferBasis: null,
  retention: '5-aar',
  deletion: 'Slettes',
  ...o,
});

const supplier = (name: string, cvr: string, o: Partial<ContentSupplier> = {}): ContentSupplier => ({
  id: `s-${name}`,
  name,
  cvr,
  address: 'Vej 1',
  contractParty: 'KOMBIT',
  role: 'processor',
  processingActivity: 'Drift',
  locations: 'Danmark',
  transferBasis: 'eu-eoes',
  parentId: null,
  parentName: null,
  ...o,
});

const risk = (ref: string, o: Partial<ContentRisk> = {}): ContentRisk => ({
  id: `r-${ref}`,
  ref,
  threat: `Trussel ${ref}`,
  impact: 'Tab af fortrolighed',
  likelihood: 2,
  consequence: 2,
  existingMeasures: 'Logning',
  measures: [{ id: 'm1', description: 'Kryptering', owner: 'KOMBIT', deadline: '2026-06-30' }],
  residualLikelihood: 1,
  residualConsequence: 2,
  treatment: 'reduce',
  rationale: '',
  ...o,
});

const content = (o: Partial<PackageContent> = {}): PackageContent => ({
  introduction: 'Intro',
  principles: 'Principper',
  securityMeasures: 'Sikkerhed',
  rights: [{ right: 'indsigt', handling: 'Kommunen svarer' }],
  activities: [activity('B1'), activity('B2')],
  suppliers: [supplier('Netcompany A/S', '14814833')],
  risks: [risk('R1'), risk('R2')],
  ...o,
});

const LABELS: Record<string, string> = { 'legal-basis:art6-1-e': 'Art. 6, stk. 1, litra e', 'legal-basis:art9-2-b': 'Art. 9, stk. 2, litra b', 'personal-data:cpr': 'CPR-nummer', 'data-subject:borgere': 'Borgere', 'data-subject:boern': 'Børn og unge', 'right:indsigt': 'Indsigtsret' };
const choice = (list: string, key: string | null) => (key === null ? '' : (LABELS[`${list}:${key}`] ?? key));

describe('diffPackages: what changed since last year', () => {
  it('finds nothing when the copy is unchanged, whatever the ids and the introduction', () => {
    const prev = content();
    const cur = content({ introduction: 'Ny intro for i år', activities: prev.activities.map((a) => ({ ...a, id: `ny-${a.id}` })) });
    const d = diffPackages(prev, cur, { choice, currentScale: datatilsynet(), previousScale: datatilsynet() });
    expect(diffSize(d)).toBe(0);
  });

  it('pairs activities by ref: added, removed and changed with old → new per field in words', () => {
    const prev = content({ activities: [activity('B1'), activity('B2')] });
    const cur = content({ activities: [activity('B1', { name: 'Elevadministration', legalBases: ['art6-1-e', 'art9-2-b'] }), activity('B3')] });
    const d = diffPackages(prev, cur, { choice });
    expect(d.activities.map((a) => [a.key, a.kind])).toEqual([
      ['B1', 'changed'],
      ['B3', 'added'],
      ['B2', 'removed'],
    ]);
    expect(d.activities[0]!.title).toBe('B1 Elevadministration');
    expect(d.activities[0]!.fields).toEqual([
      { field: 'name', label: 'Navn', from: 'Aktivitet B1', to: 'Elevadministration' },
      { field: 'legalBases', label: 'Behandlingsgrundlag', from: 'Art. 6, stk. 1, litra e', to: 'Art. 6, stk. 1, litra e, Art. 9, stk. 2, litra b' },
    ]);
  });

  it('shows an empty value as a dash and an unknown choice key as itself', () => {
    const prev = content({ activities: [activity('B1', { recipients: '', retention: 'ukendt-periode' })] });
    const cur = content({ activities: [activity('B1', { recipients: 'Skolens lærere', retention: null })] });
    const fields = diffPackages(prev, cur, { choice }).activities[0]!.fields;
    expect(fields).toContainEqual({ field: 'recipients', label: 'Modtagere', from: '–', to: 'Skolens lærere' });
    expect(fields).toContainEqual({ field: 'retention', label: 'Opbevaringsperiode', from: 'ukendt-periode', to: '–' });
  });

  it('pairs column G links by (activity ref, personal data, data subject): added and removed', () => {
    const prev = content({ activities: [activity('B1', { columnG: [{ personalData: 'cpr', dataSubjects: ['borgere'] }] })] });
    const cur = content({ activities: [activity('B1', { columnG: [{ personalData: 'cpr', dataSubjects: ['boern'] }] })] });
    const d = diffPackages(prev, cur, { choice });
    expect(d.columnG).toEqual([
      { key: 'B1|cpr|boern', title: 'B1 Aktivitet B1: CPR-nummer om Børn og unge', kind: 'added', fields: [] },
      { key: 'B1|cpr|borgere', title: 'B1 Aktivitet B1: CPR-nummer om Borgere', kind: 'removed', fields: [] },
    ]);
    // the same link under another activity is another link
    const moved = diffPackages(prev, content({ activities: [activity('B1', { columnG: [] }), activity('B2')] }));
    expect(moved.columnG.map((g) => [g.key, g.kind])).toEqual([
      ['B2|cpr|borgere', 'added'],
      ['B1|cpr|borgere', 'removed'],
    ]);
  });

  it('pairs suppliers by CVR, so a renamed supplier is changed, not removed and added', () => {
    const prev = content({ suppliers: [supplier('Netcompany A/S', '14814833'), supplier('Gammel Hosting ApS', '11111111')] });
    const cur = content({ suppliers: [supplier('Netcompany Denmark A/S', '14814833', { locations: 'Danmark og Sverige' }), supplier('Ny Hosting ApS', '22222222')] });
    const d = diffPackages(prev, cur, { choice });
    expect(d.suppliers.map((s) => [s.title, s.kind])).toEqual([
      ['Netcompany Denmark A/S', 'changed'],
      ['Ny Hosting ApS', 'added'],
      ['Gammel Hosting ApS', 'removed'],
    ]);
    expect(d.suppliers[0]!.fields).toEqual([
      { field: 'name', label: 'Navn', from: 'Netcompany A/S', to: 'Netcompany Denmark A/S' },
      { field: 'locations', label: 'Behandlingssted', from: 'Danmark', to: 'Danmark og Sverige' },
    ]);
  });

  it('falls back to the name (ignoring case) when a CVR is missing in either year', () => {
    const prev = content({ suppliers: [supplier('Microsoft Ireland', '')] });
    const cur = content({ suppliers: [supplier('microsoft ireland', 'IE8256796U', { role: 'sub-processor', parentName: 'Netcompany A/S' })] });
    const d = diffPackages(prev, cur);
    expect(d.suppliers).toHaveLength(1);
    expect(d.suppliers[0]!.kind).toBe('changed');
    expect(d.suppliers[0]!.fields.map((f) => `${f.label}: ${f.from} → ${f.to}`)).toEqual([
      'Navn: Microsoft Ireland → microsoft ireland',
      'CVR-nummer: – → IE8256796U',
      'Rolle: Databehandler → Underdatabehandler',
      'Underdatabehandler for: – → Netcompany A/S',
    ]);
  });

  it('pairs risks by ref and shows the levels as the scale names them (Mellem → Høj), read from the matrix', () => {
    const scale = datatilsynet();
    const prev = content({ risks: [risk('R1', { likelihood: 2, consequence: 2 }), risk('R2')] });
    const cur = content({ risks: [risk('R1', { likelihood: 3, consequence: 2, residualLikelihood: 2 }), risk('R3')] });
    const d = diffPackages(prev, cur, { choice, previousScale: scale, currentScale: scale });
    expect(d.risks.map((r) => [r.key, r.kind])).toEqual([
      ['R1', 'changed'],
      ['R3', 'added'],
      ['R2', 'removed'],
    ]);
    const byField = Object.fromEntries(d.risks[0]!.fields.map((f) => [f.field, `${f.from} → ${f.to}`]));
    expect(byField).toEqual({ likelihood: '2 → 3', level: 'Mellem → Høj', residualLikelihood: '1 → 2', residualLevel: 'Lav → Mellem' });
  });

  it('reads a level from the matrix cell, not a product: 1×4 and 4×1 are both Høj, so a swap is no level change', () => {
    const scale = datatilsynet();
    const d = diffPackages(content({ risks: [risk('R1', { likelihood: 4, consequence: 1 })] }), content({ risks: [risk('R1', { likelihood: 1, consequence: 4 })] }), { currentScale: scale, previousScale: scale });
    expect(d.risks[0]!.fields.map((f) => f.field)).toEqual(['likelihood', 'consequence']);
  });

  it('without a scale it leaves the levels out but still shows likelihood and consequence', () => {
    const d = diffPackages(content({ risks: [risk('R1')] }), content({ risks: [risk('R1', { consequence: 4 })] }));
    expect(d.risks[0]!.fields).toEqual([{ field: 'consequence', label: 'Konsekvens', from: '2', to: '4' }]);
  });

  it('shows changed planned measures, treatment and rationale in words', () => {
    const prev = content({ risks: [risk('R1')] });
    const cur = content({
      risks: [risk('R1', { treatment: 'accept', rationale: 'Lav restrisiko', measures: [{ id: 'x', description: 'Kryptering', owner: 'Leverandøren', deadline: null }] })],
    });
    const fields = diffPackages(prev, cur).risks[0]!.fields;
    expect(fields).toEqual([
      { field: 'measures', label: 'Planlagte foranstaltninger', from: 'Kryptering, ansvarlig: KOMBIT, frist: 30.06.2026', to: 'Kryptering, ansvarlig: Leverandøren' },
      { field: 'treatment', label: 'Håndtering', from: 'Reducér', to: 'Acceptér' },
      { field: 'rationale', label: 'Begrundelse', from: '–', to: 'Lav restrisiko' },
    ]);
  });

  it('compares principles, security measures and the rights, and counts per section', () => {
    const prev = content({ rights: [{ right: 'indsigt', handling: 'A' }, { right: 'sletning', handling: 'B' }] });
    const cur = content({ principles: 'Nye principper', rights: [{ right: 'indsigt', handling: 'A2' }, { right: 'indsigelse', handling: 'C' }] });
    const d = diffPackages(prev, cur, { choice });
    expect(d.texts).toEqual([{ field: 'principles', label: 'Principper', from: 'Principper', to: 'Nye principper' }]);
    expect(d.rights.map((r) => [r.title, r.kind])).toEqual([
      ['Indsigtsret', 'changed'],
      ['indsigelse', 'added'],
      ['sletning', 'removed'],
    ]);
    expect(diffCounts(d.rights)).toEqual({ added: 1, removed: 1, changed: 1 });
    expect(diffSize(d)).toBe(4);
  });

  it('treats everything as added against an empty previous package', () => {
    const empty = content({ rights: [], activities: [], suppliers: [], risks: [] });
    const d = diffPackages(empty, content());
    expect(diffCounts(d.activities)).toEqual({ added: 2, removed: 0, changed: 0 });
    expect(diffCounts(d.columnG)).toEqual({ added: 2, removed: 0, changed: 0 });
    expect(diffCounts(d.suppliers)).toEqual({ added: 1, removed: 0, changed: 0 });
    expect(diffCounts(d.risks)).toEqual({ added: 2, removed: 0, changed: 0 });
  });
});

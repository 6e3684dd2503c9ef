import { describe, expect, it } from 'vitest';
import { complianceChoices } from '../../../db/reference/compliance-choices.ts';
import { riskScales } from '../../../db/reference/risk-scales.ts';
import { toXlsxWorkbook } from '../../../platform/spreadsheet/write.ts';
import type { Choices } from '../choices.ts';
import type { ContentRisk, PackageContent } from '../content.ts';
import type { PackageRow } from '../load-package.ts';
import type { RiskScale } from '../risk-scales.ts';
import type { ComplianceChoiceList } from '../schema.ts';
import { heatmap, packagePdf } from './package-pdf.ts';
import { packageSheets } from './sheets.ts';

/** The default scale and choice lists as the database holds them, without a database. */
const ref = riskScales[0]!;
const axis = (rows: typeof ref.likelihoods) => rows.map((r, i) => ({ value: i + 1, ...r }));
const levels = ref.levels.map((l, i) => ({ ...l, rank: i + 1 }));
const scale: RiskScale = {
  key: ref.key,
  name: ref.name,
  description: ref.description,
  likelihoods: axis(ref.likelihoods),
  consequences: axis(ref.consequences),
  levels,
  matrix: ref.matrix.map((row) => row.map((k) => levels.find((l) => l.key === k)!)),
};
const lists = Object.fromEntries(
  Object.entries(complianceChoices).map(([list, cs]) => [list, cs.map((c) => ({ key: c.key, label: c.label, detail: c.detail ?? '', grp: c.grp ?? '' }))]),
) as Omit<Choices, 'label'>;
const choices: Choices = {
  ...lists,
  label: (list: ComplianceChoiceList, key: string | null) => (key === null ? '' : (lists[list].find((c) => c.key === key)?.label ?? key)),
};

const risk = (i: number): ContentRisk => ({
  id: `r${i}`,
  ref: `R${i}`,
  threat: `Uautoriseret adgang til oplysninger nr. ${i}`,
  impact: 'De registrerede kan blive udsat for identitetstyveri.',
  likelihood: (i % 4) + 1,
  consequence: (Math.floor(i / 4) % 4) + 1,
  existingMeasures: 'Adgangsstyring og logning',
  measures: [{ id: `m${i}`, description: 'Halvårlig gennemgang af adgange', owner: 'KOMBIT', deadline: '2026-06-30' }],
  residualLikelihood: 1,
  residualConsequence: (Math.floor(i / 4) % 4) + 1,
  treatment: 'reduce',
  rationale: '',
});

/** The bench's large package: 200 activities, 50 suppliers, 60 risks. */
const big: PackageContent = {
  introduction: 'Pakken beskriver behandlingen af personoplysninger i løsningen.',
  principles: 'Lovlighed, rimelighed og gennemsigtighed.',
  securityMeasures: 'Kryptering, logning og adgangsstyring.',
  rights: choices.right.map((r) => ({ right: r.key, handling: 'Håndteres af kommunen.' })),
  activities: Array.from({ length: 200 }, (_, i) => ({
    id: `a${i}`,
    ref: `B${i + 1}`,
    name: `Behandlingsaktivitet ${i + 1}`,
    purpose: 'Kommunikation mellem skole, dagtilbud og forældre om barnets hverdag.',
    legalBases: ['art6-1-e', 'art9-2-g'],
    legalBasisNote: 'Folkeskolelovens § 54',
    dataSubjects: ['boern', 'foraeldre'],
    personalData: ['cpr', 'helbred', 'identifikation'],
    columnG: [
      { personalData: 'cpr', dataSubjects: ['boern', 'foraeldre'] },
      { personalData: 'helbred', dataSubjects: ['boern'] },
    ],
    recipients: 'Skolens medarbejdere',
    thirdCountries: '',
    transferBasis: null,
    retention: '5-aar',
    deletion: 'Slettes automatisk, når barnet forlader skolen.',
  })),
  suppliers: Array.from({ length: 50 }, (_, i) => ({
    id: `s${i}`,
    name: `Leverandør ${i + 1} A/S`,
    cvr: String(10000000 + i),
    address: 'Eksempelvej 1, 2300 København S',
    contractParty: 'KOMBIT',
    role: i % 5 === 0 ? 'sub-processor' : 'processor',
    processingActivity: 'Drift',
    locations: 'Danmark',
    transferBasis: 'eu-eoes',
    parentId: i % 5 === 0 ? 's1' : null,
    parentName: i % 5 === 0 ? 'Leverandør 2 A/S' : null,
  })),
  risks: Array.from({ length: 60 }, (_, i) => risk(i)),
};

const pkg = {
  id: '00000000-0000-4000-8000-000000000000',
  year: 2025,
  solutionName: 'Aula',
  title: 'Compliancepakke 2025 – Aula',
  publishedAt: new Date('2025-07-01T08:00:00Z'),
} as PackageRow;

describe('package PDF', () => {
  it('draws a heatmap as a table whose cells name the level and count the risks, with both axes labelled', () => {
    const risks = [risk(3), risk(3), risk(0)]; // two at likelihood 4 / consequence 1 (Høj), one at 1/1 (Lav)
    const text = JSON.stringify(heatmap('Før foranstaltninger', scale, risks, (r) => [r.likelihood, r.consequence]));
    expect(text).toContain('"text":"Høj\\n","fontSize":7},{"text":"2 risici"');
    expect(text).toContain('"text":"Lav\\n","fontSize":7},{"text":"1 risiko"');
    expect(text).toContain('4 Ødelæggende');
    expect(text).toContain('4 Forventet');
    expect(text).toContain('#f8c49a');
  });

  it('renders the large package (200 activities, 50 suppliers, 60 risks) as PDF and XLSX without a slow path', async () => {
    // the first render loads the fonts and warms the layout code, as a server's first download does
    await packagePdf(pkg, big, choices, scale);
    let start = performance.now();
    const pdf = await packagePdf(pkg, big, choices, scale);
    const pdfMs = performance.now() - start;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    start = performance.now();
    const xlsx = await toXlsxWorkbook(packageSheets(big, choices, scale));
    const xlsxMs = performance.now() - start;
    expect(xlsx.length).toBeGreaterThan(10_000);
    // A guard against a slow path, not a benchmark: the test machine may be shared. Warm and
    // unloaded, the PDF took 0.3–0.9 s here (the cold first render about 2.5 s).
    expect(pdfMs).toBeLessThan(10_000);
    expect(xlsxMs).toBeLessThan(10_000);
    console.info(`compliance package files: PDF ${Math.round(pdfMs)} ms, XLSX ${Math.round(xlsxMs)} ms`);
  });
});

import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { renderPdf } from '../../../platform/pdf/render.ts';
import { formatDateLong, formatDeadline } from '../../../platform/views/format.ts';
import type { Choices } from '../choices.ts';
import type { ContentRisk, PackageContent } from '../content.ts';
import type { PackageRow } from '../load-package.ts';
import { riskLevel, type RiskScale } from '../risk-scales.ts';
import type { RiskColourToken } from '../schema.ts';
import { SUPPLIER_ROLE_DA, TREATMENT_DA } from './sheets.ts';

/** The same fills as the risk-scale page; every cell also carries the level's name, never the colour alone. */
const FILL: Record<RiskColourToken, string> = { groen: '#c6e8cf', gul: '#fbe7a1', orange: '#f8c49a', roed: '#f2a7a7' };

const heading = (text: string, pageBreak?: 'before'): Content => ({ text, style: 'h2', ...(pageBreak ? { pageBreak } : {}) });
const labelled = (choices: Choices, list: Parameters<Choices['label']>[0], keys: string[]) => keys.map((k) => choices.label(list, k)).join('; ');

function table(headers: string[], rows: string[][], widths: (string | number)[]): Content {
  return {
    table: { headerRows: 1, widths, body: [headers.map((h) => ({ text: h, bold: true, fillColor: '#eeeeee' })), ...rows] },
    layout: 'lightHorizontalLines',
    fontSize: 8,
    margin: [0, 2, 0, 10],
  };
}

/**
 * A heatmap as a table: consequence from highest (top) to lowest, likelihood left to right, each
 * cell filled with its level's colour and holding the level's name and the count of risks.
 */
export function heatmap(title: string, scale: RiskScale, risks: ContentRisk[], pick: (r: ContentRisk) => [number, number]): Content {
  const count = new Map<string, number>();
  for (const r of risks) {
    const [l, c] = pick(r);
    count.set(`${c}:${l}`, (count.get(`${c}:${l}`) ?? 0) + 1);
  }
  const body: TableCell[][] = [...scale.consequences].reverse().map((c) => [
    { text: `${c.value} ${c.label}`, bold: true, fontSize: 8 },
    ...scale.likelihoods.map((l): TableCell => {
      const level = scale.matrix[c.value - 1]![l.value - 1]!;
      const n = count.get(`${c.value}:${l.value}`) ?? 0;
      return { text: [{ text: `${level.label}\n`, fontSize: 7 }, { text: `${n} ${n === 1 ? 'risiko' : 'risici'}`, bold: n > 0 }], fillColor: FILL[level.colour], alignment: 'center' };
    }),
  ]);
  body.push([{ text: 'Konsekvens ↑ / Sandsynlighed →', fontSize: 7, italics: true }, ...scale.likelihoods.map((l): TableCell => ({ text: `${l.value} ${l.label}`, bold: true, fontSize: 8, alignment: 'center' }))]);
  return {
    stack: [{ text: title, style: 'h3' }, { table: { widths: [90, ...scale.likelihoods.map(() => '*')], body }, fontSize: 9 }],
    unbreakable: true,
    margin: [0, 4, 0, 12],
  };
}

export function packageDocument(pkg: PackageRow, content: PackageContent, choices: Choices, scale: RiskScale): TDocumentDefinitions {
  const level = (l: number, c: number) => {
    try {
      return riskLevel(scale, l, c).label;
    } catch {
      return '–';
    }
  };
  const published = pkg.publishedAt ? formatDateLong(pkg.publishedAt) : 'Ikke offentliggjort (kladde)';
  const title: Content[] = [
    { text: pkg.title, style: 'h1' },
    {
      table: {
        widths: [130, '*'],
        body: [
          [{ text: 'Løsning', bold: true }, pkg.solutionName],
          [{ text: 'År', bold: true }, String(pkg.year)],
          [{ text: 'Offentliggjort', bold: true }, published],
          [{ text: 'Risikoskala', bold: true }, scale.name],
          [{ text: 'Indhold', bold: true }, `${content.activities.length} behandlingsaktiviteter, ${content.suppliers.length} leverandører, ${content.risks.length} risici`],
        ],
      },
      layout: 'noBorders',
      margin: [0, 8, 0, 12],
    },
    ...(content.introduction.trim() ? [{ text: content.introduction, margin: [0, 0, 0, 8] } as Content] : []),
  ];
  const record = [
    heading('Skema 1: Fortegnelse over behandlingsaktiviteter', 'before'),
    table(
      ['Ref.', 'Behandlingsaktivitet og formål', 'Retsgrundlag', 'Registrerede', 'Personoplysninger', 'Kolonne G'],
      content.activities.map((a) => [
        a.ref,
        `${a.name}\n${a.purpose}`,
        [labelled(choices, 'legal-basis', a.legalBases), a.legalBasisNote].filter(Boolean).join('\n'),
        labelled(choices, 'data-subject', a.dataSubjects),
        labelled(choices, 'personal-data', a.personalData),
        a.columnG.map((g) => `${choices.label('personal-data', g.personalData)}: ${labelled(choices, 'data-subject', g.dataSubjects)}`).join('\n'),
      ]),
      [24, '*', 80, 70, 90, 110],
    ),
  ];
  const suppliers = [
    heading('Leverandører'),
    table(
      ['Leverandør', 'CVR', 'Rolle', 'Behandlingssted', 'Overførselsgrundlag'],
      content.suppliers.map((s) => [
        [s.name, s.address].filter(Boolean).join('\n'),
        s.cvr,
        s.parentName ? `${SUPPLIER_ROLE_DA[s.role]} for ${s.parentName}` : SUPPLIER_ROLE_DA[s.role],
        s.locations,
        choices.label('transfer-basis', s.transferBasis),
      ]),
      ['*', 50, 110, 90, 100],
    ),
  ];
  const risks = [
    heading('Risici', 'before'),
    table(
      ['Ref.', 'Trussel og konsekvens', 'Risiko', 'Foranstaltninger', 'Restrisiko', 'Håndtering'],
      content.risks.map((r) => [
        r.ref,
        `${r.threat}\n${r.impact}`,
        `${level(r.likelihood, r.consequence)} (S${r.likelihood}, K${r.consequence})`,
        [r.existingMeasures, ...r.measures.map((m) => `Planlagt: ${m.description}${m.owner ? `, ${m.owner}` : ''}${m.deadline ? `, frist ${formatDeadline(m.deadline)}` : ''}`)].filter(Boolean).join('\n'),
        `${level(r.residualLikelihood, r.residualConsequence)} (S${r.residualLikelihood}, K${r.residualConsequence})`,
        [TREATMENT_DA[r.treatment], r.rationale].filter(Boolean).join(': '),
      ]),
      [24, '*', 60, 150, 60, 70],
    ),
    heading('Risikooverblik'),
    heatmap('Før foranstaltninger (iboende risiko)', scale, content.risks, (r) => [r.likelihood, r.consequence]),
    heatmap('Efter foranstaltninger (restrisiko)', scale, content.risks, (r) => [r.residualLikelihood, r.residualConsequence]),
  ];
  return {
    info: { title: pkg.title, subject: `Compliancepakke for ${pkg.solutionName} ${pkg.year}`, creator: 'Samspil' },
    pageOrientation: 'landscape',
    pageSize: 'A4',
    pageMargins: [36, 36, 36, 40],
    footer: (page, pages) => ({ text: `${pkg.title} – side ${page} af ${pages}`, fontSize: 7, margin: [36, 10, 36, 0], color: '#555555' }),
    content: [...title, ...record, ...suppliers, ...risks],
    styles: { h1: { fontSize: 20, bold: true, margin: [0, 0, 0, 6] }, h2: { fontSize: 14, bold: true, margin: [0, 8, 0, 6] }, h3: { fontSize: 11, bold: true, margin: [0, 4, 0, 4] } },
    defaultStyle: { fontSize: 9 },
  };
}

export const packagePdf = (pkg: PackageRow, content: PackageContent, choices: Choices, scale: RiskScale) => renderPdf(packageDocument(pkg, content, choices, scale));

import { formatKroner, formatNumber } from '../../../platform/views/format.ts';
import { formatPerMille, settlementWord, signed, type DocumentContent, type GuidanceContent, type GuidanceLine, type InvoiceContent, type StatementContent } from './content.ts';

/**
 * A document as a table of Danish text, the one the page and the PDF both draw, so what a
 * municipality reads on screen and on paper cannot differ.
 */
export type TextRow = { cells: string[]; role: 'line' | 'model' | 'total' };
export type TextTable = { caption: string; headers: string[]; numeric: boolean[]; rows: TextRow[] };

/** "Ændring" cells of a guidance line: "ny" for a solution new this year, "–" when the year before is unknown. */
function change(l: Pick<GuidanceLine, 'changeOre' | 'changePerMille' | 'isNew'>): [string, string] {
  if (l.isNew) return ['ny', 'ny'];
  if (l.changeOre === null) return ['–', '–'];
  return [signed(formatKroner(l.changeOre), l.changeOre), l.changePerMille === null ? '–' : formatPerMille(l.changePerMille)];
}

function invoiceTable(c: InvoiceContent): TextTable {
  const rows: TextRow[] = [];
  for (const l of c.lines) {
    rows.push({ role: 'line', cells: [l.solutionName, l.calculation, formatKroner(l.amountOre)] });
    if (l.models.length > 1) for (const m of l.models) rows.push({ role: 'model', cells: [m.model, m.calculation, formatKroner(m.amountOre)] });
  }
  rows.push({ role: 'total', cells: ['I alt', '', formatKroner(c.totalOre)] });
  return { caption: `Betaling pr. løsning ${c.year}`, headers: ['Løsning', 'Beregning', 'Beløb'], numeric: [false, false, true], rows };
}

function guidanceTable(c: GuidanceContent): TextTable {
  const previous = (ore: number | null, isNew: boolean) => (isNew ? 'ny' : ore === null ? '–' : formatKroner(ore));
  const rows: TextRow[] = c.lines.map((l) => ({
    role: 'line',
    cells: [l.solutionName, l.calculation, formatKroner(l.amountOre), previous(l.previousOre, l.isNew), ...change(l)],
  }));
  rows.push({
    role: 'total',
    cells: ['I alt', '', formatKroner(c.totalOre), previous(c.previousTotalOre, false), ...change({ changeOre: c.changeOre, changePerMille: c.changePerMille, isNew: false })],
  });
  return {
    caption: `Forventet betaling ${c.year} pr. løsning sammenlignet med ${c.year - 1}`,
    headers: ['Løsning', `Beregning ${c.year}`, `Beløb ${c.year}`, `Beløb ${c.year - 1}`, 'Ændring i kr.', 'Ændring i %'],
    numeric: [false, false, true, true, true, true],
    rows,
  };
}

function statementTable(c: StatementContent): TextTable {
  const rows: TextRow[] = c.lines.map((l) => ({
    role: 'line',
    cells: [l.solutionName, formatKroner(l.actualOre), formatKroner(l.invoicedTotalOre), formatKroner(l.paidOre), formatKroner(l.shareOre), signed(formatKroner(l.settlementOre), l.settlementOre)],
  }));
  rows.push({ role: 'total', cells: ['I alt', '', '', formatKroner(c.paidTotalOre), formatKroner(c.shareTotalOre), signed(formatKroner(c.totalOre), c.totalOre)] });
  return {
    caption: `Afregning pr. løsning ${c.year}`,
    headers: ['Løsning', 'Faktisk omkostning i alt', 'Faktureret alle kommuner', 'Betalt a conto', 'Kommunens andel', 'Regulering'],
    numeric: [false, true, true, true, true, true],
    rows,
  };
}

export function documentTable(c: DocumentContent): TextTable {
  switch (c.kind) {
    case 'faktura':
      return invoiceTable(c);
    case 'budgetvejledning':
      return guidanceTable(c);
    case 'aarsopgoerelse':
      return statementTable(c);
  }
}

/** The facts above the table: who, how many citizens, the sum in words. */
export function documentFacts(c: DocumentContent): [string, string][] {
  const who: [string, string] = ['Kommune', `${c.municipality.name} Kommune (kommunekode ${c.municipality.code})`];
  const citizens: [string, string] = ['Indbyggere', `${formatNumber(c.municipality.population)}`];
  switch (c.kind) {
    case 'faktura':
      return [who, [citizens[0], `${citizens[1]} (befolkningstal ${c.populationPeriod})`], ['At betale i alt', formatKroner(c.totalOre)]];
    case 'budgetvejledning':
      return [
        who,
        [citizens[0], `${citizens[1]} (befolkningstal ${c.populationPeriod})`],
        [`Forventet betaling ${c.year}`, formatKroner(c.totalOre)],
        [`Betaling ${c.year - 1}`, c.previousTotalOre === null ? 'Kan ikke oplyses' : `${formatKroner(c.previousTotalOre)} (${c.previousSource === 'faktura' ? 'faktureret' : 'beregnet efter årets priser'})`],
      ];
    case 'aarsopgoerelse':
      return [
        who,
        ['Betalt a conto', formatKroner(c.paidTotalOre)],
        ['Kommunens andel af de faktiske omkostninger', formatKroner(c.shareTotalOre)],
        [settlementWord(c.totalOre), formatKroner(Math.abs(c.totalOre))],
      ];
  }
}

/** What a reader needs to know to read the table right. */
export function documentNotes(c: DocumentContent): string[] {
  switch (c.kind) {
    case 'faktura':
      return ['Beløbet for hver løsning er summen af løsningens prismodeller; har en løsning flere, står de under den.'];
    case 'budgetvejledning':
      return [
        `Beløbene for ${c.year} er beregnet efter priserne for ${c.year}, som de var, da vejledningen blev offentliggjort; fakturaen for ${c.year} kan afvige, hvis priserne ændres.`,
        ...(c.previousSource === 'beregnet' ? [`Fakturaerne for ${c.year - 1} er ikke offentliggjort; beløbene for ${c.year - 1} er beregnet efter priserne for ${c.year - 1}.`] : []),
        ...(c.previousNote ? [c.previousNote] : []),
        '"ny" betyder, at løsningen ikke blev faktureret året før.',
      ];
    case 'aarsopgoerelse':
      return [
        'Hver løsnings faktiske omkostning er fordelt på kommunerne i forhold til, hvad de blev faktureret for løsningen; andelene summer præcist til omkostningen.',
        'Regulering = kommunens andel − betalt a conto. Et positivt beløb er en efterbetaling, et negativt en tilbagebetaling.',
      ];
  }
}

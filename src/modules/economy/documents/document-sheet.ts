import { toXlsxWorkbook, typedSheet, type KeyedColumn, type TypedSheet } from '../../../platform/spreadsheet/write.ts';
import { formatDateLong } from '../../../platform/views/format.ts';
import { documentTitle, formatPerMille, type DocumentContent, type GuidanceContent, type InvoiceContent, type StatementContent } from './content.ts';
import { documentFacts } from './document-text.ts';

/**
 * The document as a workbook: its lines with amounts as numbers in kroner (to add up in Excel) and
 * in øre (exact), and a sheet of facts. Whole øre divided by 100 is what Excel shows to the øre.
 */
const kr = (ore: number | null) => (ore === null ? null : ore / 100);

type InvoiceRow = { solution: string; model: string; calculation: string; amountOre: number };
function invoiceSheet(c: InvoiceContent): TypedSheet {
  const rows: InvoiceRow[] = [];
  for (const l of c.lines) {
    rows.push({ solution: l.solutionName, model: '', calculation: l.calculation, amountOre: l.amountOre });
    if (l.models.length > 1) for (const m of l.models) rows.push({ solution: l.solutionName, model: m.model, calculation: m.calculation, amountOre: m.amountOre });
  }
  rows.push({ solution: 'I alt', model: '', calculation: '', amountOre: c.totalOre });
  const columns: KeyedColumn<InvoiceRow>[] = [
    { key: 'loesning', header: 'Løsning', value: (r) => r.solution, width: 28 },
    { key: 'prismodel', header: 'Prismodel (del af løsningens beløb)', value: (r) => r.model, width: 30 },
    { key: 'beregning', header: 'Beregning', value: (r) => r.calculation, width: 60 },
    { key: 'beloeb', header: 'Beløb (kr.)', value: (r) => kr(r.amountOre), width: 16 },
    { key: 'beloeb_oere', header: 'Beløb (øre)', value: (r) => r.amountOre, width: 16 },
  ];
  return typedSheet({ name: 'Faktura', key: 'faktura', columns, rows });
}

type GuidanceRow = GuidanceContent['lines'][number];
function guidanceSheet(c: GuidanceContent): TypedSheet {
  const total: GuidanceRow = {
    solutionKey: '',
    solutionName: 'I alt',
    amountOre: c.totalOre,
    calculation: '',
    previousOre: c.previousTotalOre,
    changeOre: c.changeOre,
    changePerMille: c.changePerMille,
    isNew: false,
    discontinued: false,
  };
  const columns: KeyedColumn<GuidanceRow>[] = [
    { key: 'loesning', header: 'Løsning', value: (r) => r.solutionName, width: 28 },
    { key: 'beregning', header: `Beregning ${c.year}`, value: (r) => r.calculation, width: 60 },
    { key: 'beloeb', header: `Beløb ${c.year} (kr.)`, value: (r) => kr(r.amountOre), width: 16 },
    { key: 'beloeb_foer', header: `Beløb ${c.year - 1} (kr.)`, value: (r) => kr(r.previousOre), width: 16 },
    { key: 'aendring', header: 'Ændring (kr.)', value: (r) => (r.isNew ? 'ny' : kr(r.changeOre)), width: 16 },
    { key: 'aendring_pct', header: 'Ændring (%)', value: (r) => (r.isNew ? 'ny' : r.changePerMille === null ? null : formatPerMille(r.changePerMille)), width: 12 },
    { key: 'beloeb_oere', header: `Beløb ${c.year} (øre)`, value: (r) => r.amountOre, width: 16 },
    { key: 'beloeb_foer_oere', header: `Beløb ${c.year - 1} (øre)`, value: (r) => r.previousOre, width: 16 },
  ];
  return typedSheet({ name: 'Budgetvejledning', key: 'budgetvejledning', columns, rows: [...c.lines, total] });
}

type StatementRow = StatementContent['lines'][number];
function statementSheet(c: StatementContent): TypedSheet {
  const total: StatementRow = { solutionKey: '', solutionName: 'I alt', actualOre: 0, invoicedTotalOre: 0, paidOre: c.paidTotalOre, shareOre: c.shareTotalOre, settlementOre: c.totalOre };
  const isTotal = (r: StatementRow) => r === total;
  const columns: KeyedColumn<StatementRow>[] = [
    { key: 'loesning', header: 'Løsning', value: (r) => r.solutionName, width: 28 },
    { key: 'faktisk', header: 'Faktisk omkostning i alt (kr.)', value: (r) => (isTotal(r) ? null : kr(r.actualOre)), width: 20 },
    { key: 'faktureret', header: 'Faktureret alle kommuner (kr.)', value: (r) => (isTotal(r) ? null : kr(r.invoicedTotalOre)), width: 20 },
    { key: 'betalt', header: 'Betalt a conto (kr.)', value: (r) => kr(r.paidOre), width: 18 },
    { key: 'andel', header: 'Kommunens andel (kr.)', value: (r) => kr(r.shareOre), width: 18 },
    { key: 'regulering', header: 'Regulering (kr.; + efterbetaling, − tilbagebetaling)', value: (r) => kr(r.settlementOre), width: 22 },
    { key: 'regulering_oere', header: 'Regulering (øre)', value: (r) => r.settlementOre, width: 16 },
  ];
  return typedSheet({ name: 'Årsopgørelse', key: 'aarsopgoerelse', columns, rows: [...c.lines, total] });
}

export async function documentXlsx(c: DocumentContent, published: { at: Date } | null): Promise<Buffer> {
  const lines = c.kind === 'faktura' ? invoiceSheet(c) : c.kind === 'budgetvejledning' ? guidanceSheet(c) : statementSheet(c);
  const facts: [string, string][] = [
    ['Dokument', documentTitle(c.kind, c.year)],
    ['Status', published ? `Offentliggjort ${formatDateLong(published.at)}` : 'Udkast – ikke offentliggjort'],
    ...documentFacts(c),
  ];
  const factColumns: KeyedColumn<[string, string]>[] = [
    { key: 'felt', header: 'Oplysning', value: (r) => r[0], width: 40 },
    { key: 'vaerdi', header: 'Værdi', value: (r) => r[1], width: 60 },
  ];
  return toXlsxWorkbook([lines, typedSheet({ name: 'Oplysninger', key: 'oplysninger', columns: factColumns, rows: facts })]);
}

import type { Minutes } from '../governance/minutes.ts';
import { formatNumber } from '../../../platform/views/format.ts';
import type { EconomyDocumentKind } from '../schema.ts';

/**
 * What a yearly document says, as it is frozen into `economy_document.content` when published and
 * as a preview is computed before: every amount whole øre, every calculation its Danish text, so the
 * page, the PDF, the XLSX and the API all show the same thing from the same JSON, and a later price
 * change or population import never rewrites what a municipality was sent.
 */

export type DocumentMunicipality = { code: string; name: string; population: number };

/** A price model's part of a solution's amount: "Infrastruktur: 150.000 indbyggere × 25,00 kr. + …". */
export type ModelLine = { model: string; amountOre: number; calculation: string };

export type InvoiceLine = { solutionKey: string; solutionName: string; amountOre: number; calculation: string; models: ModelLine[] };

export type InvoiceContent = {
  kind: 'faktura';
  year: number;
  municipality: DocumentMunicipality;
  populationPeriod: string;
  lines: InvoiceLine[];
  totalOre: number;
};

/**
 * Where the guidance's amounts for the year before come from: the invoices published for it (what
 * the municipality was actually charged), computed from that year's prices when none were
 * published, or nothing when that year cannot be computed (`previousNote` says why).
 */
export const previousSources = ['faktura', 'beregnet', 'ingen'] as const;
export type PreviousSource = (typeof previousSources)[number];

export type GuidanceLine = {
  solutionKey: string;
  solutionName: string;
  amountOre: number;
  calculation: string;
  /** null: the year before is unknown (source "ingen"), or the solution is new this year. */
  previousOre: number | null;
  changeOre: number | null;
  /** The change in tenths of a percent of the year before (123 = 12,3 %); null when there is nothing to compare with. */
  changePerMille: number | null;
  /** Not charged the year before: shown as "ny". */
  isNew: boolean;
  /** Charged the year before, not this year. */
  discontinued: boolean;
};

export type GuidanceContent = {
  kind: 'budgetvejledning';
  year: number;
  municipality: DocumentMunicipality;
  populationPeriod: string;
  previousSource: PreviousSource;
  previousNote: string | null;
  lines: GuidanceLine[];
  totalOre: number;
  previousTotalOre: number | null;
  changeOre: number | null;
  changePerMille: number | null;
};

export type StatementLine = {
  solutionKey: string;
  solutionName: string;
  /** What the solution actually cost in all (cost_actual). */
  actualOre: number;
  /** What all 98 municipalities were invoiced for it. */
  invoicedTotalOre: number;
  /** What this municipality paid on account: its published invoice's line. */
  paidOre: number;
  /** The actual cost distributed in proportion to what each municipality was invoiced. */
  shareOre: number;
  /** share − paid: positive the municipality pays more (efterbetaling), negative it gets money back (tilbagebetaling). */
  settlementOre: number;
};

export type StatementContent = {
  kind: 'aarsopgoerelse';
  year: number;
  municipality: DocumentMunicipality;
  lines: StatementLine[];
  paidTotalOre: number;
  shareTotalOre: number;
  /** The document's total: the settlement. */
  totalOre: number;
};

export type DocumentContent = InvoiceContent | GuidanceContent | StatementContent;

/** A council meeting of the document's year with minutes, linked from every document. */
/** A held meeting with minutes, as governance lists them (minutesOfYear). */
export type MinutesLink = Pick<Minutes, 'meetingId' | 'council' | 'date' | 'title'>;

export const KIND_LABEL: Record<EconomyDocumentKind, string> = {
  faktura: 'Faktura',
  budgetvejledning: 'Budgetvejledning',
  aarsopgoerelse: 'Årsopgørelse',
};

/** "Faktura 2026", "Budgetvejledning 2027", "Årsopgørelse 2025". */
export const documentTitle = (kind: EconomyDocumentKind, year: number) => `${KIND_LABEL[kind]} ${year}`;

/** What each kind is, in a sentence for the pages. */
export const KIND_PURPOSE: Record<EconomyDocumentKind, string> = {
  faktura: 'Årets betaling pr. løsning med beregningen bag hvert beløb.',
  budgetvejledning: 'Næste års forventede betaling pr. løsning sammenlignet med året før.',
  aarsopgoerelse: 'Årets faktiske omkostninger, hvad kommunen har betalt a conto, og efterbetaling eller tilbagebetaling.',
};

/** The year whose council meetings a document links to: the guidance is made (and decided) the year before it covers. */
export const minutesYear = (kind: EconomyDocumentKind, year: number) => (kind === 'budgetvejledning' ? year - 1 : year);

/** The page of one municipality's document; add ".pdf" or ".xlsx" for the files. */
export const documentPath = (code: string, year: number, kind: EconomyDocumentKind) => `/oekonomi/kommuner/${code}/${year}/${kind}`;

/** The meeting's page, where its minutes are. */
export { meetingHref as meetingPath } from '../governance/queries.ts';

/** Settlement in words: "Efterbetaling", "Tilbagebetaling" or "Ingen regulering". */
export function settlementWord(ore: number): string {
  if (ore > 0) return 'Efterbetaling';
  if (ore < 0) return 'Tilbagebetaling';
  return 'Ingen regulering';
}

/**
 * The change as a share of the year before, in tenths of a percent, rounded half away from zero,
 * exactly (BigInt): 12.345,00 kr. on 100.000,00 kr. is 123 (12,3 %). Null when the year before was 0.
 */
export function changePerMille(changeOre: number, previousOre: number): number | null {
  if (previousOre === 0) return null;
  const num = BigInt(changeOre) * 1000n;
  const den = BigInt(previousOre);
  const negative = num < 0n !== den < 0n;
  const a = num < 0n ? -num : num;
  const b = den < 0n ? -den : den;
  const rounded = (a * 2n + b) / (2n * b);
  return Number(negative ? -rounded : rounded);
}

/** "+12,3 %", "-4,0 %", "0,0 %". */
export function formatPerMille(perMille: number): string {
  const abs = Math.abs(perMille);
  const sign = perMille > 0 ? '+' : perMille < 0 ? '-' : '';
  return `${sign}${formatNumber(Math.floor(abs / 10))},${abs % 10} %`;
}

/** "+12.345,00 kr." style: the sign shown also for an increase. */
export const signed = (text: string, ore: number) => (ore > 0 ? `+${text}` : text);

import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { solution } from '../../../platform/identity/schema.ts';
import { byDanishName } from '../../../platform/views/format.ts';
import { allocateYear, type YearAllocation } from '../allocation/allocate-year.ts';
import { costActual, economyDocument, type EconomyDocumentKind } from '../schema.ts';
import { buildGuidance, type PreviousYear } from './build-guidance.ts';
import { buildInvoices } from './build-invoice.ts';
import { buildStatements } from './build-statement.ts';
import type { DocumentContent, InvoiceContent } from './content.ts';

export type ComputedDocuments = {
  year: number;
  kind: EconomyDocumentKind;
  /** One per municipality in Danish name order; empty when the year cannot be computed. */
  documents: DocumentContent[];
  /** What stops publishing, in Danish (a missing population, no prices, a missing actual cost). */
  problems: string[];
};

/** A 422 from the allocation (no population period, incomplete figures) in one sentence with its detail. */
function problemOf(error: unknown): string {
  if (!(error instanceof AppError) || error.status !== 422) throw error;
  const details = Object.values(error.fieldErrors);
  return [error.message, ...details].join(' ');
}

/**
 * What the documents of a year are computed from, each loaded at most once per request: the
 * documents page computes the three kinds, and the invoice's allocation serves the guidance too.
 */
export function yearSources(db: Db) {
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let p = memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = load();
      memo.set(key, p);
    }
    return p;
  };
  return {
    /** The allocation, or the reason it cannot be made. */
    allocation: (year: number) =>
      once(`allocation:${year}`, async (): Promise<YearAllocation | string> => {
        try {
          const a = await allocateYear(db, year);
          return a.solutions.length === 0 ? `Der er ingen priser for ${year}.` : a;
        } catch (error) {
          return problemOf(error);
        }
      }),
    /** The published documents of a kind, in Danish order of the municipalities' names; empty when not published. */
    published: (year: number, kind: EconomyDocumentKind) =>
      once(`published:${year}:${kind}`, async () => {
        const rows = await db
          .select({ content: economyDocument.content })
          .from(economyDocument)
          .where(and(eq(economyDocument.year, year), eq(economyDocument.kind, kind)));
        return rows.map((r) => r.content as DocumentContent).sort((a, b) => byDanishName(a.municipality, b.municipality));
      }),
    actuals: (year: number) =>
      once(`actuals:${year}`, async () => {
        const rows = await db
          .select({ solutionKey: costActual.solutionKey, solutionName: solution.name, actualOre: costActual.actualOre })
          .from(costActual)
          .innerJoin(solution, eq(solution.key, costActual.solutionKey))
          .where(eq(costActual.year, year));
        return new Map(rows.map((r) => [r.solutionKey, { solutionName: r.solutionName, actualOre: r.actualOre }]));
      }),
  };
}

export type YearSources = ReturnType<typeof yearSources>;

/** The year before as the guidance compares with it: its published invoices, else computed from its prices. */
async function previousYear(sources: YearSources, year: number): Promise<PreviousYear> {
  const amountsOf = (invoices: InvoiceContent[]) =>
    new Map(invoices.map((inv) => [inv.municipality.code, inv.lines.map((l) => ({ solutionKey: l.solutionKey, solutionName: l.solutionName, amountOre: l.amountOre }))]));
  const published = (await sources.published(year, 'faktura')) as InvoiceContent[];
  if (published.length > 0) return { source: 'faktura', note: null, amounts: amountsOf(published) };
  const allocation = await sources.allocation(year);
  if (typeof allocation === 'string') {
    return { source: 'ingen', note: `Beløbene for ${year} kan ikke sammenlignes: ${allocation}`, amounts: new Map() };
  }
  return { source: 'beregnet', note: null, amounts: amountsOf(buildInvoices(allocation)) };
}

/**
 * The documents of one kind for a year as they would be published now, for every municipality,
 * with the reasons they cannot be published. A bounded number of statements whatever the number
 * of municipalities and solutions (the allocation's five, and one or two more).
 */
export async function computeDocuments(db: Db, year: number, kind: EconomyDocumentKind, sources: YearSources = yearSources(db)): Promise<ComputedDocuments> {
  if (kind === 'aarsopgoerelse') {
    const invoices = (await sources.published(year, 'faktura')) as InvoiceContent[];
    if (invoices.length === 0) {
      return { year, kind, documents: [], problems: [`Fakturaerne for ${year} er ikke offentliggjort, og årsopgørelsen afregner det, kommunerne har betalt a conto efter dem.`] };
    }
    const { documents, problems } = buildStatements(year, invoices, await sources.actuals(year));
    return { year, kind, documents, problems };
  }
  const allocation = await sources.allocation(year);
  if (typeof allocation === 'string') return { year, kind, documents: [], problems: [allocation] };
  const invoices = buildInvoices(allocation);
  if (kind === 'faktura') return { year, kind, documents: invoices, problems: [] };
  return { year, kind, documents: buildGuidance(invoices, await previousYear(sources, year - 1)), problems: [] };
}

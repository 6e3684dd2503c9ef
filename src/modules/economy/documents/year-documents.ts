import type { Actor, Ctx } from '../../../platform/context.ts';
import { sumOre } from '../../../platform/money.ts';
import { authorizeEconomy } from '../policy.ts';
import { economyDocumentKinds, type EconomyDocumentKind } from '../schema.ts';
import { computeDocuments, yearSources } from './compute-documents.ts';
import { allMunicipalities, publishedTotals, yearPublications, type Publication } from './queries.ts';

export type KindStatus = {
  kind: EconomyDocumentKind;
  publication: Publication | null;
  /** Why the draft cannot be published (empty once published). */
  problems: string[];
  /** The sum over the municipalities, published or as the draft stands; null when it cannot be computed. */
  totalOre: number | null;
  /** Municipalities that have opened their published document. */
  opened: number;
};

export type YearCell = { totalOre: number; opened: boolean; draft: boolean };
export type YearRow = { code: string; name: string; cells: Record<EconomyDocumentKind, YearCell | null> };

export type YearDocuments = { year: number; kinds: KindStatus[]; rows: YearRow[] };

/**
 * The central overview of a year's three documents: each kind's status (published when and by whom,
 * or a draft computed now with what stops it) and every municipality's totals. A fixed number of
 * statements: the publications, the published totals, one computation per unpublished kind (the
 * allocations shared between them) and the municipalities.
 */
export async function loadYearDocuments(ctx: Ctx & { actor: Actor }, year: number): Promise<YearDocuments> {
  authorizeEconomy(ctx.actor, 'read');
  const publications = await yearPublications(ctx.db, year);
  const totals = publications.size > 0 ? await publishedTotals(ctx.db, year) : [];
  const sources = yearSources(ctx.db);
  const cells = new Map<string, Record<EconomyDocumentKind, YearCell | null>>();
  const cellsOf = (code: string) => {
    let c = cells.get(code);
    if (!c) {
      c = { faktura: null, budgetvejledning: null, aarsopgoerelse: null };
      cells.set(code, c);
    }
    return c;
  };
  const kinds: KindStatus[] = [];
  for (const kind of economyDocumentKinds) {
    const publication = publications.get(kind) ?? null;
    if (publication) {
      const mine = totals.filter((t) => t.kind === kind);
      for (const t of mine) cellsOf(t.code)[kind] = { totalOre: t.totalOre, opened: t.firstOpenedAt !== null, draft: false };
      kinds.push({ kind, publication, problems: [], totalOre: sumOre(mine.map((t) => t.totalOre)), opened: mine.filter((t) => t.firstOpenedAt !== null).length });
      continue;
    }
    const computed = await computeDocuments(ctx.db, year, kind, sources);
    for (const d of computed.documents) {
      cellsOf(d.municipality.code)[kind] = { totalOre: d.totalOre, opened: false, draft: true };
    }
    const computable = computed.documents.length > 0;
    kinds.push({ kind, publication: null, problems: computed.problems, totalOre: computable ? sumOre(computed.documents.map((d) => d.totalOre)) : null, opened: 0 });
  }
  const municipalities = await allMunicipalities(ctx.db);
  const rows = municipalities.map((m) => ({ code: m.code, name: m.name, cells: cells.get(m.code) ?? { faktura: null, budgetvejledning: null, aarsopgoerelse: null } }));
  return { year, kinds, rows };
}

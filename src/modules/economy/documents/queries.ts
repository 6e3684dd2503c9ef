import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { rawRows, type Db } from '../../../db/client.ts';
import { municipality, person, userAccount } from '../../../platform/identity/schema.ts';
import { byDanishName } from '../../../platform/views/format.ts';
import { economyDocument, economyPublication, type EconomyDocumentKind } from '../schema.ts';
import type { DocumentContent } from './content.ts';

export type Publication = { kind: EconomyDocumentKind; publishedAt: Date; publishedBy: string | null };

const publisherName = person.name;

/** The kinds published for a year, with when and by whom. One statement. */
export async function yearPublications(db: Db, year: number): Promise<Map<EconomyDocumentKind, Publication>> {
  const rows = await db
    .select({ kind: economyPublication.kind, publishedAt: economyPublication.publishedAt, publishedBy: publisherName })
    .from(economyPublication)
    .leftJoin(userAccount, eq(userAccount.id, economyPublication.publishedBy))
    .leftJoin(person, eq(person.id, userAccount.personId))
    .where(eq(economyPublication.year, year));
  return new Map(rows.map((r) => [r.kind, r]));
}

export type PublishedTotal = { code: string; kind: EconomyDocumentKind; totalOre: number; firstOpenedAt: Date | null };

/** Each published document's total for a year (at most 3 × 98 rows). One statement. */
export async function publishedTotals(db: Db, year: number): Promise<PublishedTotal[]> {
  return db
    .select({ code: economyDocument.municipalityCode, kind: economyDocument.kind, totalOre: economyDocument.totalOre, firstOpenedAt: economyDocument.firstOpenedAt })
    .from(economyDocument)
    .where(eq(economyDocument.year, year));
}

/** Every municipality, in Danish order of the name. One statement. */
export async function allMunicipalities(db: Db): Promise<{ code: string; name: string }[]> {
  const rows = await db.select({ code: municipality.code, name: municipality.name }).from(municipality);
  return rows.sort(byDanishName);
}

export async function municipalityName(db: Db, code: string): Promise<string | null> {
  const [row] = await db.select({ name: municipality.name }).from(municipality).where(eq(municipality.code, code));
  return row?.name ?? null;
}

export type PublishedDocument = {
  content: DocumentContent;
  publishedAt: Date;
  publishedBy: string | null;
  firstOpenedAt: Date | null;
};

/** One municipality's published document of a kind and year, or null. One statement. */
export async function loadPublishedDocument(db: Db, code: string, year: number, kind: EconomyDocumentKind): Promise<PublishedDocument | null> {
  const [row] = await db
    .select({ content: economyDocument.content, firstOpenedAt: economyDocument.firstOpenedAt, publishedAt: economyPublication.publishedAt, publishedBy: publisherName })
    .from(economyDocument)
    .innerJoin(economyPublication, and(eq(economyPublication.year, economyDocument.year), eq(economyPublication.kind, economyDocument.kind)))
    .leftJoin(userAccount, eq(userAccount.id, economyPublication.publishedBy))
    .leftJoin(person, eq(person.id, userAccount.personId))
    .where(and(eq(economyDocument.municipalityCode, code), eq(economyDocument.year, year), eq(economyDocument.kind, kind)));
  return row ? { ...row, content: row.content as DocumentContent } : null;
}

/** A municipality's first look at its document; later looks change nothing. Not audited: a read marker. */
export async function markOpened(db: Db, code: string, year: number, kind: EconomyDocumentKind, now: Date): Promise<void> {
  await db
    .update(economyDocument)
    .set({ firstOpenedAt: now })
    .where(and(eq(economyDocument.municipalityCode, code), eq(economyDocument.year, year), eq(economyDocument.kind, kind), isNull(economyDocument.firstOpenedAt)));
}

export type MunicipalDocumentRow = { year: number; kind: EconomyDocumentKind; totalOre: number; publishedAt: Date; firstOpenedAt: Date | null };

/** More years than the agreement will ever have, three documents each; a guard, not a page size. */
const MAX_MUNICIPAL_DOCUMENTS = 150;

/** A municipality's published documents, newest year first. One statement. */
export async function municipalDocuments(db: Db, code: string): Promise<MunicipalDocumentRow[]> {
  return db
    .select({
      year: economyDocument.year,
      kind: economyDocument.kind,
      totalOre: economyDocument.totalOre,
      publishedAt: economyPublication.publishedAt,
      firstOpenedAt: economyDocument.firstOpenedAt,
    })
    .from(economyDocument)
    .innerJoin(economyPublication, and(eq(economyPublication.year, economyDocument.year), eq(economyPublication.kind, economyDocument.kind)))
    .where(eq(economyDocument.municipalityCode, code))
    .orderBy(desc(economyDocument.year), economyDocument.kind)
    .limit(MAX_MUNICIPAL_DOCUMENTS);
}

export type EconomyYear = { year: number; published: EconomyDocumentKind[] };

/**
 * The years the economy has anything for (prices, a population period, a cost budget or a
 * publication), newest first, with the kinds published. One statement.
 */
export async function economyYears(db: Db): Promise<EconomyYear[]> {
  const rows = await rawRows<{ year: number; kinds: string | null }>(
    db,
    sql`select y.year::int as year, (select string_agg(p.kind, ',' order by p.kind) from economy_publication p where p.year = y.year) as kinds
      from (select year from price_model union select year from economy_publication union select year from economy_year_setting union select year from cost_budget) y
      order by y.year desc limit 100`,
  );
  return rows.map((r) => ({ year: Number(r.year), published: (r.kinds ? r.kinds.split(',') : []) as EconomyDocumentKind[] }));
}

import { isCentral, type Actor, type Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/errors.ts';
import { authorizeDocument } from '../policy.ts';
import type { EconomyDocumentKind } from '../schema.ts';
import { computeDocuments } from './compute-documents.ts';
import { minutesYear, type DocumentContent, type MinutesLink } from './content.ts';
import { minutesOfYear } from '../governance/minutes.ts';
import { programmesOfYear, type Programme } from '../pool/programmes.ts';
import { loadPublishedDocument, markOpened, municipalityName } from './queries.ts';

export type DocumentView = {
  code: string;
  year: number;
  kind: EconomyDocumentKind;
  municipalityName: string;
  /** null: a draft that cannot be computed yet (see problems). */
  content: DocumentContent | null;
  /** null: not published; central staff see a draft computed now. */
  published: { at: Date; by: string | null } | null;
  problems: string[];
  minutes: MinutesLink[];
  /** The programmes started with money from the year's pool, read now like the minutes. */
  programmes: Programme[];
};

/**
 * One municipality's document as the actor may see it. The municipality's own users see it once
 * published (before, and for another municipality, it does not exist: 404), and their first look
 * is recorded; central staff see every municipality's, and before publishing a draft computed from
 * today's prices and figures. The API reads without recording an opening: an integration fetching
 * the document is not someone in the municipality reading it. A bounded number of statements: the document, the minutes, and for
 * a draft the computation.
 */
export async function openDocument(
  ctx: Ctx & { actor: Actor },
  code: string,
  year: number,
  kind: EconomyDocumentKind,
  opts: { recordOpening?: boolean } = {},
): Promise<DocumentView> {
  authorizeDocument(ctx.actor, code);
  const published = await loadPublishedDocument(ctx.db, code, year, kind);
  const minutes = () => minutesOfYear(ctx.db, minutesYear(kind, year));
  const programmes = () => programmesOfYear(ctx.db, year);
  if (published) {
    if (opts.recordOpening !== false && !isCentral(ctx.actor) && published.firstOpenedAt === null) await markOpened(ctx.db, code, year, kind, ctx.now);
    return {
      code,
      year,
      kind,
      municipalityName: published.content.municipality.name,
      content: published.content,
      published: { at: published.publishedAt, by: published.publishedBy },
      problems: [],
      minutes: await minutes(),
      programmes: await programmes(),
    };
  }
  if (!isCentral(ctx.actor)) throw notFound('Dokumentet findes ikke.');
  const computed = await computeDocuments(ctx.db, year, kind);
  const content = computed.documents.find((d) => d.municipality.code === code) ?? null;
  const name = content?.municipality.name ?? (await municipalityName(ctx.db, code));
  if (name === null) throw notFound('Kommunen findes ikke.');
  return { code, year, kind, municipalityName: name, content, published: null, problems: computed.problems, minutes: await minutes(), programmes: await programmes() };
}

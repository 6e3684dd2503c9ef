import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { AttentionCtx, AttentionItem, AttentionProvider } from '../../../platform/attention/provider.ts';
import { holds, type Actor } from '../../../platform/context.ts';
import { formatDate } from '../../../platform/views/format.ts';
import { canReadDocument } from '../policy.ts';
import { economyDocument, economyPublication } from '../schema.ts';
import { documentPath, documentTitle } from './content.ts';
import { DOCUMENT_RECIPIENT_ROLES } from './recipients.ts';

/** The municipality's IT chiefs and økonomikontakter are the ones the documents are mailed to. */
const isDocumentRecipient = (actor: Actor) => actor.municipalityCode !== null && DOCUMENT_RECIPIENT_ROLES.some((r) => holds(actor, r));

const unopened = (code: string): SQL => and(eq(economyDocument.municipalityCode, code), isNull(economyDocument.firstOpenedAt))!;

/** A guard far above three documents a year; the list is the unread ones only. */
const MAX_ITEMS = 50;

async function unopenedDocuments(ctx: AttentionCtx, code: string): Promise<AttentionItem[]> {
  const rows = await ctx.db
    .select({ year: economyDocument.year, kind: economyDocument.kind, publishedAt: economyPublication.publishedAt })
    .from(economyDocument)
    .innerJoin(economyPublication, and(eq(economyPublication.year, economyDocument.year), eq(economyPublication.kind, economyDocument.kind)))
    .where(unopened(code))
    .orderBy(desc(economyPublication.publishedAt))
    .limit(MAX_ITEMS);
  return rows.map(
    (r): AttentionItem => ({
      kind: 'economy.document',
      severity: 'info',
      label: 'Ny',
      title: `Læs ${documentTitle(r.kind, r.year).toLowerCase()} fra KOMBIT`,
      detail: `Offentliggjort ${formatDate(r.publishedAt)} · ikke åbnet af nogen i kommunen endnu`,
      since: r.publishedAt,
      href: documentPath(code, r.year, r.kind),
    }),
  );
}

/**
 * A published yearly document (invoice, budget guidance, statement) that nobody in the
 * municipality has opened yet, for its IT chiefs and økonomikontakter; one statement. Opening it
 * (page, PDF or spreadsheet) by anyone in the municipality takes it off the list.
 */
export const unopenedDocumentsProvider: AttentionProvider = {
  key: 'economy.documents',
  heading: 'Nye økonomidokumenter',
  order: 40,
  statements: 1,
  menu: 'oekonomi',
  forActor: (ctx) => {
    const code = ctx.actor.municipalityCode;
    if (code === null || !isDocumentRecipient(ctx.actor)) return null;
    return unopenedDocuments(ctx, code);
  },
  // The municipality page and the meeting follow-up: whoever may read the municipality's documents.
  forMunicipality: (ctx, code) => (canReadDocument(ctx.actor, code) ? unopenedDocuments(ctx, code) : null),
  countForActor: (actor) => {
    const code = actor.municipalityCode;
    if (code === null || !isDocumentRecipient(actor)) return null;
    return sql`select count(*) from ${economyDocument} where ${unopened(code)}`;
  },
};

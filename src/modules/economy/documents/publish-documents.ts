import { lockYearInputs } from '../prices/assert-year-open.ts';
import { and, count, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { invalid } from '../../../platform/errors.ts';
import { notifyEach } from '../../../platform/notify/notify.ts';
import { sumOre } from '../../../platform/money.ts';
import { authorizeEconomy } from '../policy.ts';
import { economyDocument, economyDocumentKinds, economyPublication, type EconomyDocumentKind } from '../schema.ts';
import { computeDocuments } from './compute-documents.ts';
import { documentTitle } from './content.ts';
import { loadDocumentRecipients } from './recipients.ts';
import { publishedText } from './publish-text.ts';

export type PublishDocumentsResult = {
  year: number;
  kind: EconomyDocumentKind;
  /** Published before this request (a double click, a twin request): nothing was written or sent now. */
  alreadyPublished: boolean;
  publishedAt: string;
  municipalities: number;
  /** People mailed (or put in their digest) by this request; 0 when already published. */
  recipientsMailed: number;
  totalOre: number;
};

const PUBLISH_MESSAGE = 'Kun KOMBITs økonomi og administratorer kan offentliggøre årets dokumenter.';

/** The kind as a client sent it, or a Danish 422. */
export function parseKind(raw: unknown): EconomyDocumentKind {
  if (typeof raw === 'string' && (economyDocumentKinds as readonly string[]).includes(raw)) return raw as EconomyDocumentKind;
  throw invalid({ kind: 'Vælg faktura, budgetvejledning eller aarsopgoerelse.' }, 'Angiv hvilket dokument der skal offentliggøres.');
}

export function checkYear(year: number): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw invalid({ aar: 'Året skal være mellem 2000 og 2100.' }, 'Ugyldigt år.');
  return year;
}

/**
 * Publishes one kind of document for a year to all 98 municipalities, in one transaction: the
 * publication row (its primary key makes a second publish, a double click or a concurrent twin,
 * wait for the first and then change nothing), the documents frozen as computed now in one insert,
 * a mail to each municipality's IT chiefs and økonomikontakter (each person once) through the
 * outbox, and the audit entry. Refused in Danish, with nothing written, when the documents cannot
 * be computed (no population or prices for the year; for the statement, no published invoices or
 * a missing actual cost). Publishing the invoices is what locks the year's prices.
 */
export async function publishDocuments(ctx: Ctx & { actor: Actor }, year: number, rawKind: unknown): Promise<PublishDocumentsResult> {
  authorizeEconomy(ctx.actor, 'edit', PUBLISH_MESSAGE);
  const kind = parseKind(rawKind);
  checkYear(year);
  return ctx.db.transaction(async (tx) => {
    // The invoices lock the year's prices: wait for a price change in flight, and keep new ones out until this commits.
    if (kind === 'faktura') await lockYearInputs(tx, year);
    const [claimed] = await tx
      .insert(economyPublication)
      .values({ year, kind, publishedAt: ctx.now, publishedBy: ctx.actor.userId })
      .onConflictDoNothing()
      .returning({ publishedAt: economyPublication.publishedAt });
    if (!claimed) {
      // The twin waited on the primary key until the first committed; what it published stands.
      const [existing] = await tx
        .select({ publishedAt: economyPublication.publishedAt, municipalities: count(economyDocument.municipalityCode), totalOre: sql<number>`coalesce(sum(${economyDocument.totalOre}), 0)::bigint` })
        .from(economyPublication)
        .leftJoin(economyDocument, and(eq(economyDocument.year, economyPublication.year), eq(economyDocument.kind, economyPublication.kind)))
        .where(and(eq(economyPublication.year, year), eq(economyPublication.kind, kind)))
        .groupBy(economyPublication.publishedAt);
      return {
        year,
        kind,
        alreadyPublished: true,
        publishedAt: (existing?.publishedAt ?? ctx.now).toISOString(),
        municipalities: existing?.municipalities ?? 0,
        recipientsMailed: 0,
        totalOre: Number(existing?.totalOre ?? 0),
      };
    }

    const computed = await computeDocuments(tx, year, kind);
    if (computed.problems.length > 0 || computed.documents.length === 0) {
      const reasons = computed.problems.length > 0 ? computed.problems : [`Der er ingen dokumenter at offentliggøre for ${year}.`];
      throw invalid({ aar: reasons.join(' ') }, `${documentTitle(kind, year)} kan ikke offentliggøres: ${reasons.join(' ')}`);
    }
    await tx.insert(economyDocument).values(
      computed.documents.map((d) => ({ year, kind, municipalityCode: d.municipality.code, totalOre: d.totalOre, content: d })),
    );

    const names = new Map(computed.documents.map((d) => [d.municipality.code, d]));
    const recipients = (await loadDocumentRecipients(tx)).filter((r) => names.has(r.municipalityCode));
    await notifyEach(
      tx,
      ctx.now,
      recipients.map((r) => {
        const doc = names.get(r.municipalityCode)!;
        return {
          recipient: r,
          notification: {
            ...publishedText({ kind, year, municipalityCode: r.municipalityCode, municipalityName: doc.municipality.name, totalOre: doc.totalOre, publicUrl: ctx.config.publicUrl }),
            kind: 'economy-document',
            dedupeKey: `economy-document:${year}:${kind}:${r.municipalityCode}`,
          },
        };
      }),
    );

    const totalOre = sumOre(computed.documents.map((d) => d.totalOre));
    const result: PublishDocumentsResult = {
      year,
      kind,
      alreadyPublished: false,
      publishedAt: claimed.publishedAt.toISOString(),
      municipalities: computed.documents.length,
      recipientsMailed: new Set(recipients.map((r) => `${r.municipalityCode}:${r.email.toLowerCase()}`)).size,
      totalOre,
    };
    await recordAudit(tx, ctx, {
      action: 'economy.documents_published',
      entityType: 'economy_publication',
      entityId: `${year}:${kind}`,
      after: { year, kind, municipalities: result.municipalities, totalOre, recipientsMailed: result.recipientsMailed },
    });
    return result;
  });
}

import { desc, eq, sql } from 'drizzle-orm';
import { rawRows } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Ctx } from '../../../platform/context.ts';
import { invalid, type FieldErrors } from '../../../platform/errors.ts';
import { fileSha256 } from '../../../platform/files/content-type.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { formatDeadline, formatNumber } from '../../../platform/views/format.ts';
import { authorizeBorgerblikketCommon } from '../policy.ts';
import { klePlanImport, kleNumber } from '../schema.ts';
import { expiredConfiguredEntries, type ExpiredConfiguredEntry } from './expired-configured-entries.ts';
import { parseKlePlan, type ParsedKlePlan } from './parse-kle-xml.ts';

export type KlePlanImportResult = {
  /** 'uaendret': the very same file was imported before; nothing was written. */
  status: 'importeret' | 'uaendret';
  importId: string;
  publishedOn: string;
  filename: string;
  mainGroups: number;
  groups: number;
  topics: number;
  /** Numbers that were in force before this import and are now expired or left out of the plan. */
  newlyExpired: string[];
  /** Every municipality's configuration entries on expired numbers, for review: none is dropped. */
  review: ExpiredConfiguredEntry[];
};

const CHUNK = 1000;
export const EXPIRED_IN_KLE = 'Udgået i KLE';
export const leftOutNote = (publishedOn: string) => `Ikke med i planen af ${formatDeadline(publishedOn)}`;

/** The parser's faults as the platform's per-line field errors ("linje-7"), two faults on one line joined. */
function refusal(errors: { line: number; message: string }[]) {
  const fieldErrors: FieldErrors = {};
  for (const e of errors) {
    const key = `linje-${e.line}`;
    fieldErrors[key] = fieldErrors[key] ? `${fieldErrors[key]}. ${e.message}` : e.message;
  }
  const n = errors.length;
  return invalid(fieldErrors, `KLE-planen er ikke indlæst: filen har ${formatNumber(n)} fejl${n >= 100 ? ' (de første 100 vises)' : ''}. Intet er ændret.`);
}

/**
 * Imports KL's plan (KLE-XML) in one transaction: every number is written (title, dates, parent,
 * level, the import that last listed it); a number the plan marks Historisk gets its UdgaaetDato,
 * and a number the table has but the plan leaves out is marked expired on the plan's date. No
 * number is ever deleted, so no municipality's configuration of it is lost: the entries on expired
 * numbers come back in the result for review. The same file twice is a no-op (its SHA-256), and a
 * plan older than the newest import is refused, since it would bring back what KL has retired.
 *
 * From the command line the actor is null: whoever runs the CLI already has the server.
 */
export async function importKlePlan(ctx: Ctx, file: { filename: string; content: Buffer; clientKey?: string | undefined }): Promise<KlePlanImportResult> {
  if (ctx.actor !== null) authorizeBorgerblikketCommon(ctx.actor, 'edit');
  if (file.content.length === 0) throw invalid({ fil: 'Vælg KLE-planen som XML-fil' }, 'Der er ikke valgt nogen fil, eller filen er tom.');
  // Parsed before the transaction: a few MB of text is no work to hold a connection for.
  const parsed = parseKlePlan(file.content);
  if (!parsed.ok) throw refusal(parsed.errors);
  const plan = parsed.plan;
  const sha256 = fileSha256(file.content);
  const identity = ctx.actor ? requestIdentity('borgerblikket.kle_plan_import', ctx.actor.userId, file.clientKey, { sha256 }) : null;

  return ctx.db.transaction(async (tx) => {
    if (identity) {
      const first = await claimRequest<KlePlanImportResult>(tx, identity, ctx.now);
      if (first) return first;
    }
    // One import at a time: two uploads of the same new file must not both find it new.
    await rawRows(tx, sql`select pg_advisory_xact_lock(hashtext('kle_plan_import'))`);
    const [same] = await tx.select().from(klePlanImport).where(eq(klePlanImport.sha256, sha256)).limit(1);
    if (same) {
      const result: KlePlanImportResult = {
        status: 'uaendret',
        importId: same.id,
        publishedOn: same.publishedOn,
        filename: same.filename,
        mainGroups: same.mainGroups,
        groups: same.groups,
        topics: same.topics,
        newlyExpired: [],
        review: await expiredConfiguredEntries(tx, null),
      };
      return identity ? answerRequest(tx, identity, result) : result;
    }
    const [newest] = await tx.select({ publishedOn: klePlanImport.publishedOn }).from(klePlanImport).orderBy(desc(klePlanImport.publishedOn)).limit(1);
    if (newest && plan.publishedOn < newest.publishedOn) {
      const message = `Planen er udgivet ${formatDeadline(plan.publishedOn)}, men den nyeste indlæste plan er udgivet ${formatDeadline(newest.publishedOn)}. En ældre plan indlæses ikke, da den ville genåbne numre, KL har nedlagt.`;
      throw invalid({ fil: message }, `${message} Intet er ændret.`);
    }

    const before = await tx.select({ number: kleNumber.number, expiredOn: kleNumber.expiredOn }).from(kleNumber);
    const newlyExpired = newlyExpiredNumbers(before, plan);
    const [row] = await tx
      .insert(klePlanImport)
      .values({
        publishedOn: plan.publishedOn,
        filename: file.filename,
        sha256,
        mainGroups: plan.mainGroups,
        groups: plan.groups,
        topics: plan.topics,
        newlyExpired: newlyExpired.length,
        importedAt: ctx.now,
        importedBy: ctx.actor?.userId ?? null,
      })
      .returning({ id: klePlanImport.id });
    const importId = row!.id;
    for (let i = 0; i < plan.numbers.length; i += CHUNK) {
      await tx
        .insert(kleNumber)
        .values(
          plan.numbers.slice(i, i + CHUNK).map((n) => ({
            number: n.number,
            level: n.level,
            parent: n.parent,
            title: n.title,
            createdOn: n.createdOn,
            changedOn: n.changedOn,
            expiredOn: n.expiredOn,
            expiredNote: n.expiredOn ? EXPIRED_IN_KLE : null,
            lastImportId: importId,
          })),
        )
        .onConflictDoUpdate({
          target: kleNumber.number,
          set: {
            level: sql`excluded.level`,
            parent: sql`excluded.parent`,
            title: sql`excluded.title`,
            createdOn: sql`excluded.created_on`,
            changedOn: sql`excluded.changed_on`,
            // A number back in the plan without Historisk is in force again.
            expiredOn: sql`excluded.expired_on`,
            expiredNote: sql`excluded.expired_note`,
            lastImportId: sql`excluded.last_import_id`,
          },
        });
    }
    // Left out of the new plan: expired from the plan's date; one already expired keeps its day and reason.
    await tx
      .update(kleNumber)
      .set({ expiredOn: plan.publishedOn, expiredNote: leftOutNote(plan.publishedOn) })
      .where(sql`${kleNumber.lastImportId} is distinct from ${importId} and ${kleNumber.expiredOn} is null`);
    const review = await expiredConfiguredEntries(tx, null);
    await recordAudit(tx, ctx, {
      action: 'borgerblikket.kle_plan_imported',
      entityType: 'kle_plan_import',
      entityId: importId,
      after: {
        publishedOn: plan.publishedOn,
        filename: file.filename,
        sha256,
        mainGroups: plan.mainGroups,
        groups: plan.groups,
        topics: plan.topics,
        newlyExpired: newlyExpired.slice(0, 100),
        entriesToReview: review.length,
      },
    });
    const result: KlePlanImportResult = { status: 'importeret', importId, publishedOn: plan.publishedOn, filename: file.filename, mainGroups: plan.mainGroups, groups: plan.groups, topics: plan.topics, newlyExpired, review };
    return identity ? answerRequest(tx, identity, result) : result;
  });
}

/** The numbers in force before that the plan retires (Historisk) or leaves out, in number order. */
export function newlyExpiredNumbers(before: readonly { number: string; expiredOn: string | null }[], plan: ParsedKlePlan): string[] {
  const inPlan = new Map(plan.numbers.map((n) => [n.number, n]));
  return before
    .filter((b) => b.expiredOn === null && (inPlan.get(b.number)?.expiredOn ?? (inPlan.has(b.number) ? null : 'gone')) !== null)
    .map((b) => b.number)
    .sort();
}

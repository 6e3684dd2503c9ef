import { getTableColumns } from 'drizzle-orm';
import type { PgColumn, PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import type { Ctx } from '../context.ts';
import type { ReminderLog } from './history.ts';

export type RoundRecipient = { email: string; municipalityCode: string };

/** The property name drizzle knows a column by in its table (taskId, agreementId, …). */
function keyOf(table: PgTable, column: PgColumn): string {
  const found = Object.entries(getTableColumns(table)).find(([, c]) => c === column);
  if (!found) throw new Error(`Column ${column.name} is not in the reminder log table`);
  return found[0];
}

/**
 * Logs one round (slot) of a task's or agreement's reminders in the caller's transaction and
 * answers the recipients this call logged, the only ones to mail. Each row is unique per (subject,
 * slot, e-mail) and inserted with ON CONFLICT DO NOTHING, so a second worker, a retried request or
 * a re-run after a crash finds the rows and gets nobody: with the mail queued in the same
 * transaction, the record and the mail commit together or not at all.
 */
export async function recordRound<R extends RoundRecipient>(
  tx: Db,
  ctx: Ctx,
  log: ReminderLog,
  ownerId: string,
  round: { slot: string; manual: boolean },
  recipients: R[],
): Promise<R[]> {
  if (recipients.length === 0) return [];
  // A stable order keeps concurrent inserters waiting on the same first row instead of deadlocking.
  const sorted = [...recipients].sort((a, b) => (a.email.toLowerCase() < b.email.toLowerCase() ? -1 : 1));
  const k = (c: PgColumn) => keyOf(log.table, c);
  const rows = sorted.map((r) => ({
    [k(log.owner)]: ownerId,
    [k(log.municipalityCode)]: r.municipalityCode,
    [k(log.slot)]: round.slot,
    [k(log.recipientEmail)]: r.email.toLowerCase(),
    [k(log.sentAt)]: ctx.now,
    [k(log.manual)]: round.manual,
    [k(log.sentBy)]: ctx.actor?.userId ?? null,
  })) as PgInsertValue<PgTable>[];
  const inserted = await tx
    .insert(log.table)
    .values(rows)
    .onConflictDoNothing({ target: [log.owner, log.slot, log.recipientEmail] })
    .returning({ email: log.recipientEmail });
  const fresh = new Set(inserted.map((r) => String(r.email)));
  return sorted.filter((r) => fresh.has(r.email.toLowerCase()));
}

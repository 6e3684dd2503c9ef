import type { Db } from '../../db/client.ts';

/**
 * Placeholder until the reminder sweep lands: recomputes the agreement's next_reminder_at after
 * anything that moves its schedule (a dispatch, a new deadline, closing). Call it in the
 * transaction that makes the change.
 */
export async function scheduleNextAgreementReminder(_tx: Db, _agreementId: string, _now: Date): Promise<Date | null> {
  return null;
}

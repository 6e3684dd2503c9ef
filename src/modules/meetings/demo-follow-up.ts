import type { Db } from '../../db/client.ts';

/**
 * The demo seeds no follow-up as sent, on purpose: a row in meeting_follow_up says a mail went to a
 * program leader, and none did. Left unsent, the May 2025 meeting's follow-up is there to preview
 * per municipality and to send from the demo (issue #14 point 10's journey: preview Faxe's, send,
 * and a second click sends nothing more). Sending it in the demo is harmless: the demo's program
 * leaders have @samspil.demo addresses, a domain that does not exist, and without SMTP_URL the
 * mails stay in the outbox, readable under Udgående post.
 */
export async function seedDemoFollowUp(_db: Db, _now: Date): Promise<void> {}

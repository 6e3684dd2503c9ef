import { sql } from 'drizzle-orm';
import { char, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const outboxStatuses = ['pending', 'sending', 'sent', 'failed', 'uncertain'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

export const outboxMail = pgTable(
  'outbox_mail',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    toAddress: text('to_address').notNull(),
    ccAddress: text('cc_address'),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** Which municipality the mail concerns, so its administrators see only their own. */
    municipalityCode: char('municipality_code', { length: 4 }),
    /** Same key twice means the same mail: the second insert is a no-op. */
    dedupeKey: text('dedupe_key'),
    kind: text('kind').notNull(),
    status: text('status', { enum: outboxStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    claimedBy: text('claimed_by'),
    /**
     * Committed just before the worker connects to the SMTP server. A claim whose worker died
     * without it was never attempted and is sent again; with it, the mail may have gone out.
     */
    smtpStartedAt: timestamp('smtp_started_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    messageId: text('message_id'),
    lastError: text('last_error'),
  },
  (t) => [
    check('outbox_status', sql`${t.status} in ('pending','sending','sent','failed','uncertain')`),
    uniqueIndex('outbox_dedupe').on(t.dedupeKey),
    index('outbox_due').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('outbox_created').on(t.createdAt),
  ],
);

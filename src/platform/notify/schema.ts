import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { userAccount } from '../identity/schema.ts';

/** Notifications waiting for a user's daily digest (users who chose a digest over single mails). */
export const pendingNotification = pgTable(
  'pending_notification',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => userAccount.id),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    digestedAt: timestamp('digested_at', { withTimezone: true }),
  },
  (t) => [index('pending_notification_open').on(t.userId).where(sql`${t.digestedAt} is null`)],
);

import { check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Password attempts per key (login or signing, per IP and per IP and account) in a fixed window.
 * In the database so that every app instance and a restart see the same count.
 */
export const authAttempt = pgTable(
  'auth_attempt',
  {
    key: text('key').primaryKey(),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull(),
  },
  (t) => [index('auth_attempt_window').on(t.windowStartedAt), check('auth_attempt_positive', sql`${t.attempts} >= 0`)],
);

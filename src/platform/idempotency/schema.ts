import { jsonb, pgTable, primaryKey, text, timestamp, index } from 'drizzle-orm/pg-core';

/**
 * One row per write request that must not happen twice (a double click, a client's retry). The
 * primary key is what makes parallel requests wait for the first and then find its result.
 */
export const requestKey = pgTable(
  'request_key',
  {
    scope: text('scope').notNull(),
    /** SHA-256 of the actor, the client's key (if any) and the normalised request. */
    keyHash: text('key_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Until this moment a request with the same key is a repeat of this one. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** What the first request answered, so a repeat can answer the same. */
    result: jsonb('result'),
  },
  (t) => [primaryKey({ columns: [t.scope, t.keyHash] }), index('request_key_expires').on(t.expiresAt)],
);

import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { userAccount } from '../identity/schema.ts';

export const loginMethods = ['password', 'context-handler', 'mitid-erhverv'] as const;
export type LoginMethod = (typeof loginMethods)[number];

/** Server-side sessions; the cookie carries a random id, the table only its SHA-256. */
export const session = pgTable(
  'session',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => userAccount.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** How the user logged in: a password, Context Handler (SAML) or MitID Erhverv (the backup). */
    method: text('method', { enum: loginMethods }).notNull().default('password'),
    /** Context Handler's NameID and SessionIndex: what single logout names the session by. */
    samlNameId: text('saml_name_id'),
    samlSessionIndex: text('saml_session_index'),
  },
  (t) => [
    index('session_user').on(t.userId),
    index('session_saml_name_id').on(t.samlNameId).where(sql`${t.samlNameId} is not null`),
    check('session_method', sql`${t.method} in ('password', 'context-handler', 'mitid-erhverv')`),
  ],
);

export const apiToken = pgTable(
  'api_token',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => userAccount.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_token_hash').on(t.tokenHash), index('api_token_user').on(t.userId)],
);

/** One-time links for setting a password, issued by an administrator and sent via the outbox. */
export const passwordReset = pgTable(
  'password_reset',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => userAccount.id),
    tokenHash: text('token_hash').notNull(),
    issuedBy: uuid('issued_by').references(() => userAccount.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('password_reset_token').on(t.tokenHash), index('password_reset_open').on(t.userId).where(sql`${t.usedAt} is null`)],
);

import { sql } from 'drizzle-orm';
import { char, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { person, roleType, solution, userAccount } from '../../platform/identity/schema.ts';

export const ssoProviders = ['context-handler', 'mitid-erhverv'] as const;
export type SsoProvider = (typeof ssoProviders)[number];
export const linkWays = ['login', 'self', 'admin'] as const;
export type LinkWay = (typeof linkWays)[number];

/**
 * Who a login is: Context Handler's NameID, or the MitID Erhverv identifier the backup login
 * gives, tied to a person (a person row is per municipality, so a Context Handler user with
 * privileges in two municipalities has two rows with the same subject). Never matched by name.
 */
export const ssoIdentity = pgTable(
  'sso_identity',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provider: text('provider', { enum: ssoProviders }).notNull(),
    subject: text('subject').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    /**
     * The MitID Erhverv identifier (OIO-SAML 3's professional persistent UUID) when Context Handler
     * sent it: the stable identifier the first backup login is matched by.
     */
    professionalUuid: text('professional_uuid'),
    /** How the link came about: at a login, by the user while logged in, or by an administrator. */
    linkedVia: text('linked_via', { enum: linkWays }).notNull().default('login'),
    linkedBy: uuid('linked_by').references(() => userAccount.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('sso_identity_subject_person').on(t.provider, t.subject, t.personId),
    uniqueIndex('sso_identity_person').on(t.provider, t.personId),
    index('sso_identity_professional_uuid').on(t.professionalUuid).where(sql`${t.professionalUuid} is not null`),
    check('sso_identity_provider', sql`${t.provider} in ('context-handler', 'mitid-erhverv')`),
    check('sso_identity_linked_via', sql`${t.linkedVia} in ('login', 'self', 'admin')`),
  ],
);

/** Which Samspil role (and solution) a Context Handler privilege URI grants; central administrators edit it. */
export const ssoPrivilegeMapping = pgTable(
  'sso_privilege_mapping',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    privilege: text('privilege').notNull(),
    roleTypeKey: text('role_type_key')
      .notNull()
      .references(() => roleType.key),
    solutionKey: text('solution_key').references(() => solution.key),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => userAccount.id),
  },
  // sso_privilege_mapping_unique (privilege, role, solution; NULLS NOT DISTINCT) is hand-written in the migration.
  (t) => [index('sso_privilege_mapping_privilege').on(t.privilege)],
);

/** A privilege that arrived and maps to nothing: logged, shown to central administrators, never granted. */
export const ssoUnmappedPrivilege = pgTable(
  'sso_unmapped_privilege',
  {
    privilege: text('privilege').notNull(),
    /** The privilege group's CVR scope. */
    scopeCvr: char('scope_cvr', { length: 8 }).notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    times: integer('times').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.privilege, t.scopeCvr] })],
);

/**
 * One-time protocol values shared by every app instance: a SAML AuthnRequest's ID until its
 * response arrives (InResponseTo), an assertion's ID until it expires (replay), an OIDC login's
 * state. Keyed by kind and value; deleted when used or expired.
 */
export const ssoOnce = pgTable(
  'sso_once',
  {
    kind: text('kind', { enum: ['authn-request', 'assertion', 'oidc-state', 'choice'] }).notNull(),
    key: text('key').notNull(),
    value: jsonb('value').$type<Record<string, unknown>>().notNull().default({}),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.key] }), index('sso_once_expires').on(t.expiresAt)],
);

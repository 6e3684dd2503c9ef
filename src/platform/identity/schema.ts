import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const municipality = pgTable('municipality', {
  code: char('code', { length: 4 }).primaryKey(),
  name: text('name').notNull(),
  region: text('region').notNull(),
  regionCode: char('region_code', { length: 4 }).notNull(),
  kkr: text('kkr').notNull(),
  population: integer('population').notNull(),
  cvr: char('cvr', { length: 8 }),
  /** Its users log in through Context Handler or MitID Erhverv only; their passwords stop working. */
  ssoOnly: boolean('sso_only').notNull().default(false),
});

/** The joint organisation (KOMBIT); central staff belong to it. */
export const organisation = pgTable('organisation', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
  cvr: char('cvr', { length: 8 }),
});

export const solutionPhases = ['udvikling', 'indfasning', 'drift', 'udfasning'] as const;
export type SolutionPhase = (typeof solutionPhases)[number];

export const solution = pgTable(
  'solution',
  {
    key: text('key').primaryKey(),
    name: text('name').notNull(),
    k98: boolean('k98').notNull().default(false),
    phase: text('phase', { enum: solutionPhases }).notNull().default('drift'),
    /** The responsible product manager (produktchef), as a name shown in the portfolio */
    productManager: text('product_manager'),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [check('solution_phase', sql`${t.phase} in ('udvikling','indfasning','drift','udfasning')`)],
);

export const roleType = pgTable(
  'role_type',
  {
    key: text('key').primaryKey(),
    labelDa: text('label_da').notNull(),
    scope: text('scope', { enum: ['central', 'municipal'] }).notNull(),
    perSolution: boolean('per_solution').notNull().default(false),
    /** Upper bound of active holders per municipality (compliance recipients: 2). */
    maxPerMunicipality: integer('max_per_municipality'),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [check('role_type_scope', sql`${t.scope} in ('central', 'municipal')`)],
);

export const person = pgTable(
  'person',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** null for staff of the joint organisation */
    municipalityCode: char('municipality_code', { length: 4 }).references(() => municipality.code),
    name: text('name').notNull(),
    email: text('email').notNull(),
    title: text('title').notNull().default(''),
    phone: text('phone').notNull().default(''),
    active: boolean('active').notNull().default(true),
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // person_active_email (one active person per e-mail and municipality) lives in 0001_constraints.sql:
    // drizzle-kit cannot express NULLS NOT DISTINCT on an expression index.
    index('person_municipality').on(t.municipalityCode),
  ],
);

export const userAccount = pgTable(
  'user_account',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    email: text('email').notNull(),
    passwordHash: text('password_hash'),
    disabled: boolean('disabled').notNull().default(false),
    digestMode: text('digest_mode').notNull().default('single'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    /**
     * When the user last opened the front page: news there (answers from the joint organisation)
     * is what arrived after it. A read marker, not business data, so its write is not audited.
     */
    frontPageSeenAt: timestamp('front_page_seen_at', { withTimezone: true }),
  },
  (t) => [
    // Only live accounts with a password claim their address: someone re-hired under the same e-mail
    // gets a new login, and a person whose Context Handler privileges cover two municipalities has
    // an account (without a password) in each, as the person row is per municipality.
    uniqueIndex('user_account_email').on(sql`lower(${t.email})`).where(sql`not ${t.disabled} and ${t.passwordHash} is not null`),
    uniqueIndex('user_account_person').on(t.personId),
  ],
);

export const roleAssignment = pgTable(
  'role_assignment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    municipalityCode: char('municipality_code', { length: 4 }).references(() => municipality.code),
    roleTypeKey: text('role_type_key')
      .notNull()
      .references(() => roleType.key),
    solutionKey: text('solution_key').references(() => solution.key),
    isPrimary: boolean('is_primary').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Removal keeps the row so the gallery's history can be read back. */
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [
    // role_assignment_one_primary and role_assignment_no_duplicate live in 0001_constraints.sql for
    // the same reason: a role without a solution must collide with itself (NULLS NOT DISTINCT).
    index('role_assignment_overview').on(t.roleTypeKey, t.solutionKey, t.municipalityCode),
    index('role_assignment_municipality').on(t.municipalityCode),
  ],
);

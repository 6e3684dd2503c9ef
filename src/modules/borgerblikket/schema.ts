import { sql } from 'drizzle-orm';
import { char, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { municipality, userAccount } from '../../platform/identity/schema.ts';
import { task } from '../tasks/index.ts';
import type { KleSettings } from './visibility/effective-entry.ts';

// ---------------------------------------------------------------- the KLE plan (issue #13 point 1)

/**
 * One import of KL's plan (KLE-XML). The plan is licensed: the rows come from the municipality's or
 * KOMBIT's own copy, never from the project. The newest import is the plan in force.
 */
export const klePlanImport = pgTable('kle_plan_import', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** KLE-Emneplan's UdgivelsesDato: the plan's own date. */
  publishedOn: date('published_on', { mode: 'string' }).notNull(),
  filename: text('filename').notNull(),
  sha256: text('sha256').notNull(),
  mainGroups: integer('main_groups').notNull(),
  groups: integer('groups').notNull(),
  topics: integer('topics').notNull(),
  /** Numbers that were in the plan before and are now expired or gone. */
  newlyExpired: integer('newly_expired').notNull().default(0),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  importedBy: uuid('imported_by').references(() => userAccount.id),
});

export const kleLevels = ['hovedgruppe', 'gruppe', 'emne'] as const;

/**
 * A KLE number: main group "27", group "27.12" or topic "27.12.04". Never deleted: a number that a
 * newer plan marks as expired (Historisk/UdgaaetDato) or leaves out keeps its row with expired_on,
 * so a municipality's configuration of it is listed for review instead of dropped.
 */
export const kleNumber = pgTable(
  'kle_number',
  {
    number: text('number').primaryKey(),
    level: text('level', { enum: kleLevels }).notNull(),
    /** The level above ("27.12" for "27.12.04"); null for a main group. */
    parent: text('parent'),
    title: text('title').notNull(),
    createdOn: date('created_on', { mode: 'string' }),
    changedOn: date('changed_on', { mode: 'string' }),
    /** The day the number expired: UdgaaetDato, or the plan date of the first import without it. */
    expiredOn: date('expired_on', { mode: 'string' }),
    /** Why: "Udgået i KLE" or "Ikke med i planen af 01.01.2027". */
    expiredNote: text('expired_note'),
    /** The import that last listed the number. */
    lastImportId: uuid('last_import_id').references(() => klePlanImport.id),
  },
  (t) => [
    check('kle_number_level', sql`${t.level} in ('hovedgruppe','gruppe','emne')`),
    check('kle_number_format', sql`${t.number} ~ '^[0-9]{2}(\\.[0-9]{2}){0,2}$'`),
    index('kle_number_parent').on(t.parent),
  ],
);

// ---------------------------------------------------------------- configuration (point 2)

/**
 * A municipality's setting on one KLE number. `settings` holds only the fields set on this number
 * (a Partial<KleSettings>); a field left out is inherited from the group, then the main group, then
 * the default (closed; shown to 15–17-year-olds). jsonb because "left out" and "set to nothing"
 * (no from-date, every source system) are different things for every field.
 */
export const bbConfigEntry = pgTable(
  'bb_config_entry',
  {
    municipalityCode: char('municipality_code', { length: 4 })
      .notNull()
      .references(() => municipality.code),
    kle: text('kle')
      .notNull()
      .references(() => kleNumber.number),
    settings: jsonb('settings').$type<Partial<KleSettings>>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => userAccount.id),
  },
  (t) => [primaryKey({ columns: [t.municipalityCode, t.kle] })],
);

export const configChangeKinds = ['rediger', 'masseaendring', 'import', 'vurdering', 'gennemgang'] as const;
export type ConfigChangeKind = (typeof configChangeKinds)[number];

/** One saved change of a municipality's configuration: who, when, why and how (a form, a bulk edit, an import, the assessment). */
export const bbConfigChange = pgTable(
  'bb_config_change',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: char('municipality_code', { length: 4 })
      .notNull()
      .references(() => municipality.code),
    kind: text('kind', { enum: configChangeKinds }).notNull(),
    reason: text('reason').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
    changedBy: uuid('changed_by').references(() => userAccount.id),
    /** The name as it was then, so the history reads right after the account is gone. */
    changedByName: text('changed_by_name').notNull(),
    numbers: integer('numbers').notNull(),
  },
  (t) => [
    check('bb_config_change_kind', sql`${t.kind} in ('rediger','masseaendring','import','vurdering','gennemgang')`),
    index('bb_config_change_municipality').on(t.municipalityCode, t.changedAt),
  ],
);

/** What one change did to one number: the entry before and after (null: no entry). */
export const bbConfigChangeEntry = pgTable(
  'bb_config_change_entry',
  {
    changeId: uuid('change_id')
      .notNull()
      .references(() => bbConfigChange.id),
    municipalityCode: char('municipality_code', { length: 4 }).notNull(),
    kle: text('kle').notNull(),
    before: jsonb('before').$type<Partial<KleSettings> | null>(),
    after: jsonb('after').$type<Partial<KleSettings> | null>(),
  },
  (t) => [primaryKey({ columns: [t.changeId, t.kle] }), index('bb_config_change_entry_number').on(t.municipalityCode, t.kle)],
);

/**
 * Borgerblikket-wide settings kept as data: the day KOMBIT opened Mit Overblik to 15–17-year-olds
 * (null: not yet). One row (id = 1).
 */
export const bbSetting = pgTable(
  'bb_setting',
  {
    id: integer('id').primaryKey(),
    youthActivation: date('youth_activation', { mode: 'string' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => userAccount.id),
  },
  (t) => [check('bb_setting_one_row', sql`${t.id} = 1`)],
);

// ---------------------------------------------------------------- the assessment (point 5)

/** The assessment of KLE numbers with youth data, published as one KLIK task. */
export const bbAssessment = pgTable(
  'bb_assessment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => task.id),
    title: text('title').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => userAccount.id),
  },
  (t) => [uniqueIndex('bb_assessment_task').on(t.taskId)],
);

export const assessmentDecisions = ['klar', 'ikke_klar'] as const;
export type AssessmentDecision = (typeof assessmentDecisions)[number];

/** A KLE number from a municipality's extract, and the municipality's decision on it. */
export const bbAssessmentNumber = pgTable(
  'bb_assessment_number',
  {
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => bbAssessment.id),
    municipalityCode: char('municipality_code', { length: 4 })
      .notNull()
      .references(() => municipality.code),
    kle: text('kle').notNull(),
    /** The extract's count of cases with 15–17-year-olds under the number. */
    youthCases: integer('youth_cases').notNull(),
    decision: text('decision', { enum: assessmentDecisions }),
    note: text('note').notNull().default(''),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => userAccount.id),
  },
  (t) => [
    primaryKey({ columns: [t.assessmentId, t.municipalityCode, t.kle] }),
    check('bb_assessment_number_decision', sql`${t.decision} is null or ${t.decision} in ('klar','ikke_klar')`),
    index('bb_assessment_number_decided').on(t.assessmentId, t.decision),
  ],
);

import { sql } from 'drizzle-orm';
import { boolean, char, check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { municipality, userAccount } from '../../platform/identity/schema.ts';
import { categoryCheckList } from './categories.ts';

const categoryCheck = (name: string, column: { name: string }) => check(name, sql.raw(`"${column.name}" in (${categoryCheckList})`));

// ---------------------------------------------------------------- deletion rules (issue #12 point 1)

/**
 * A version of the deletion rules: one rule per category, in force from its activation date until
 * the next version's. The rules in force on a day are those of the latest version activated on or
 * before it, so the revised rules of September 2026 are a second version, not an edit of the first.
 */
export const aulaRuleSet = pgTable(
  'aula_rule_set',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** The Danish day the rules take effect. */
    activationDate: date('activation_date').notNull(),
    description: text('description').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => userAccount.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => userAccount.id),
  },
  (t) => [uniqueIndex('aula_rule_set_activation').on(t.activationDate)],
);

/**
 * What starts a file's deletion period: the child leaving the institution, the file being created,
 * or it being changed last. The inventory carries each file's date of that event (trigger_on).
 */
export const deletionTriggers = ['barnet_fratraeder', 'oprettet', 'sidst_aendret'] as const;
export type DeletionTrigger = (typeof deletionTriggers)[number];

export const aulaDeletionRule = pgTable(
  'aula_deletion_rule',
  {
    ruleSetId: uuid('rule_set_id')
      .notNull()
      .references(() => aulaRuleSet.id, { onDelete: 'cascade' }),
    category: text('category').notNull(),
    trigger: text('trigger', { enum: deletionTriggers }).notNull(),
    /** Months from the trigger until the file is deleted. */
    periodMonths: integer('period_months').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ruleSetId, t.category] }),
    categoryCheck('aula_deletion_rule_category', { name: 'category' }),
    check('aula_deletion_rule_trigger', sql`${t.trigger} in ('barnet_fratraeder','oprettet','sidst_aendret')`),
    check('aula_deletion_rule_period', sql`${t.periodMonths} between 1 and 600`),
  ],
);

// ---------------------------------------------------------------- per municipality (point 2)

export const esdhSystems = ['sbsys', 'acadre', 'edoc', 'andet'] as const;
export type EsdhSystem = (typeof esdhSystems)[number];
export const integrationStates = ['ikke_startet', 'leverandoer_kontaktet', 'i_test', 'i_drift'] as const;
export type IntegrationState = (typeof integrationStates)[number];
export const archiveKinds = ['rigsarkivet', 'paragraf7'] as const;
export type ArchiveKind = (typeof archiveKinds)[number];
export const archiveStates = ['ikke_planlagt', 'planlagt', 'i_gang', 'afleveret'] as const;
export type ArchiveState = (typeof archiveStates)[number];

/** A municipality's ESDH system, its integration with Aula, and its archive delivery. No row: nothing registered yet. */
export const aulaMunicipality = pgTable(
  'aula_municipality',
  {
    municipalityCode: char('municipality_code', { length: 4 })
      .primaryKey()
      .references(() => municipality.code),
    esdhSystem: text('esdh_system', { enum: esdhSystems }),
    /** The system's name when esdh_system is 'andet'. */
    esdhOther: text('esdh_other'),
    /** Does the vendor take part in the end-to-end test of the integration? null: not known. */
    vendorInTest: boolean('vendor_in_test'),
    integrationState: text('integration_state', { enum: integrationStates }).notNull().default('ikke_startet'),
    archiveKind: text('archive_kind', { enum: archiveKinds }),
    /** The § 7 archive's name when archive_kind is 'paragraf7'. */
    archiveName: text('archive_name'),
    archivePlannedOn: date('archive_planned_on'),
    archiveState: text('archive_state', { enum: archiveStates }).notNull().default('ikke_planlagt'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => userAccount.id),
  },
  (t) => [
    check('aula_municipality_esdh', sql`${t.esdhSystem} is null or ${t.esdhSystem} in ('sbsys','acadre','edoc','andet')`),
    check('aula_municipality_esdh_other', sql`(${t.esdhSystem} = 'andet') = (${t.esdhOther} is not null)`),
    check('aula_municipality_integration', sql`${t.integrationState} in ('ikke_startet','leverandoer_kontaktet','i_test','i_drift')`),
    check('aula_municipality_archive', sql`${t.archiveKind} is null or ${t.archiveKind} in ('rigsarkivet','paragraf7')`),
    check('aula_municipality_archive_name', sql`${t.archiveKind} is distinct from 'paragraf7' or ${t.archiveName} is not null`),
    check('aula_municipality_archive_state', sql`${t.archiveState} in ('ikke_planlagt','planlagt','i_gang','afleveret')`),
  ],
);

/** Which categories a municipality journalises; a category without a row uses its default (categories.ts). */
export const aulaRelevantCategory = pgTable(
  'aula_relevant_category',
  {
    municipalityCode: char('municipality_code', { length: 4 })
      .notNull()
      .references(() => municipality.code),
    category: text('category').notNull(),
    relevant: boolean('relevant').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => userAccount.id),
  },
  (t) => [primaryKey({ columns: [t.municipalityCode, t.category] }), categoryCheck('aula_relevant_category_category', { name: 'category' })],
);

export const readinessItems = ['integration_i_drift', 'filer_journaliseret', 'klar_til_sletteregler'] as const;
export type ReadinessItem = (typeof readinessItems)[number];

/**
 * The readiness checklist as its history: every tick and untick is a row, the newest per item is
 * its state. Confirming readiness for the deletion rules names the rule version confirmed.
 */
export const aulaReadinessEvent = pgTable(
  'aula_readiness_event',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: char('municipality_code', { length: 4 })
      .notNull()
      .references(() => municipality.code),
    item: text('item', { enum: readinessItems }).notNull(),
    done: boolean('done').notNull(),
    note: text('note').notNull().default(''),
    ruleSetId: uuid('rule_set_id').references(() => aulaRuleSet.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    by: uuid('by').references(() => userAccount.id),
  },
  (t) => [
    index('aula_readiness_event_latest').on(t.municipalityCode, t.item, t.at),
    check('aula_readiness_event_item', sql`${t.item} in ('integration_i_drift','filer_journaliseret','klar_til_sletteregler')`),
  ],
);

// ---------------------------------------------------------------- the secure-file inventory (point 3)

export const aulaInstitution = pgTable(
  'aula_institution',
  {
    municipalityCode: char('municipality_code', { length: 4 })
      .notNull()
      .references(() => municipality.code),
    /** The institution's number as Aula has it. */
    number: text('number').notNull(),
    name: text('name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.municipalityCode, t.number] })],
);

/**
 * One secure file's metadata, never its content and never a child's name or CPR number. Two million
 * rows at full scale: no foreign keys (the import checks municipality, institution and category
 * itself, and a key check per row would dominate a COPY), the category checked by the table.
 */
export const aulaSecureFile = pgTable(
  'aula_secure_file',
  {
    municipalityCode: char('municipality_code', { length: 4 }).notNull(),
    fileId: text('file_id').notNull(),
    institutionNumber: text('institution_number').notNull(),
    category: text('category').notNull(),
    createdOn: date('created_on').notNull(),
    /** The day of the event that starts the category's deletion period; null while it has not happened (the child is still there). */
    triggerOn: date('trigger_on'),
    journalised: boolean('journalised').notNull().default(false),
    esdhReference: text('esdh_reference'),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityCode, t.fileId] }),
    categoryCheck('aula_secure_file_category', { name: 'category' }),
    // The deletion preview: a municipality's files of a category whose trigger date is on or before
    // the category's cutoff, counted by institution and journalised. The included columns let the
    // counts come from the index alone (INCLUDE is written into the migration by hand: drizzle has
    // no words for it); the same index serves all 98.
    index('aula_secure_file_due').on(t.municipalityCode, t.category, t.triggerOn),
  ],
);

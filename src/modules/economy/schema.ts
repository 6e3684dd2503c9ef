import { sql } from 'drizzle-orm';
import { char, check, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { municipality, userAccount } from '../../platform/identity/schema.ts';

/**
 * Population per municipality per quarter, as Danmarks Statistik publishes it (FOLK1A). Kept per
 * period rather than overwritten, so a year's invoices can always be recomputed from the figures
 * they were made with.
 */
export const population = pgTable(
  'population',
  {
    municipalityCode: char('municipality_code', { length: 4 })
      .notNull()
      .references(() => municipality.code),
    period: text('period').notNull(),
    population: integer('population').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
    /** null when imported from the command line */
    importedBy: uuid('imported_by').references(() => userAccount.id),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityCode, t.period] }),
    check('population_period_format', sql`${t.period} ~ '^[0-9]{4}K[1-4]$'`),
    check('population_non_negative', sql`${t.population} >= 0`),
  ],
);

/** Which population period a budget year's allocation uses; a setting, because it is decided, not derived. */
export const economyYearSetting = pgTable('economy_year_setting', {
  year: integer('year').primaryKey(),
  populationPeriod: text('population_period').notNull(),
});

import { check, foreignKey, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Risk scales are data: a scale names its likelihood and consequence levels (1..n, each with the
 * definition shown wherever a value is chosen), its risk levels, and the matrix that maps a
 * (consequence, likelihood) pair to a risk level. The level of a risk is always that cell, never a
 * product of the two numbers, so a scale like Datatilsynet's (where 1×4 and 4×1 are both Høj) is
 * represented exactly.
 */
export const riskScale = pgTable('risk_scale', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  sort: integer('sort').notNull().default(0),
});

/** The colour a risk level is drawn with; the view maps the token to a colour, and always shows the label as well. */
export const riskColourTokens = ['groen', 'gul', 'orange', 'roed'] as const;
export type RiskColourToken = (typeof riskColourTokens)[number];

const axisColumns = {
  scaleKey: text('scale_key')
    .notNull()
    .references(() => riskScale.key, { onDelete: 'cascade' }),
  value: integer('value').notNull(),
  label: text('label').notNull(),
  definition: text('definition').notNull(),
};

export const riskScaleLikelihood = pgTable('risk_scale_likelihood', axisColumns, (t) => [
  primaryKey({ columns: [t.scaleKey, t.value] }),
  check('risk_scale_likelihood_value', sql`${t.value} >= 1`),
]);

export const riskScaleConsequence = pgTable('risk_scale_consequence', axisColumns, (t) => [
  primaryKey({ columns: [t.scaleKey, t.value] }),
  check('risk_scale_consequence_value', sql`${t.value} >= 1`),
]);

export const riskScaleLevel = pgTable(
  'risk_scale_level',
  {
    scaleKey: text('scale_key')
      .notNull()
      .references(() => riskScale.key, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    label: text('label').notNull(),
    /** 1 is the lowest level; a higher rank is a more serious risk. */
    rank: integer('rank').notNull(),
    colour: text('colour', { enum: riskColourTokens }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scaleKey, t.key] })],
);

/** One cell per (consequence, likelihood) of the scale; the composite keys make a cell outside the scale impossible. */
export const riskMatrixCell = pgTable(
  'risk_matrix_cell',
  {
    scaleKey: text('scale_key').notNull(),
    consequence: integer('consequence').notNull(),
    likelihood: integer('likelihood').notNull(),
    levelKey: text('level_key').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scaleKey, t.consequence, t.likelihood] }),
    foreignKey({ columns: [t.scaleKey, t.consequence], foreignColumns: [riskScaleConsequence.scaleKey, riskScaleConsequence.value] }).onDelete('cascade'),
    foreignKey({ columns: [t.scaleKey, t.likelihood], foreignColumns: [riskScaleLikelihood.scaleKey, riskScaleLikelihood.value] }).onDelete('cascade'),
    foreignKey({ columns: [t.scaleKey, t.levelKey], foreignColumns: [riskScaleLevel.scaleKey, riskScaleLevel.key] }),
  ],
);

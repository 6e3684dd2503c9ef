import { sql } from 'drizzle-orm';
import { boolean, check, date, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { solution, userAccount } from '../../platform/identity/schema.ts';

/**
 * Operations stability (issue #14 point 2): per solution and month the SLA targets and what was
 * achieved, incidents, the follow-up items of root-cause analyses (RCA) and the supplier's measures.
 * Months are the first day of the month (a Danish day).
 */

/** One SLA measure of a solution in a month, e.g. "Oppetid" 99.5 % target, 99.82 % achieved. */
export const operationsSla = pgTable(
  'operations_sla',
  {
    solutionKey: text('solution_key')
      .notNull()
      .references(() => solution.key),
    month: date('month', { mode: 'string' }).notNull(),
    measure: text('measure').notNull().default('Oppetid'),
    unit: text('unit').notNull().default('%'),
    target: doublePrecision('target').notNull(),
    achieved: doublePrecision('achieved'),
    /** Uptime: higher is better; response times: lower is better. */
    higherIsBetter: boolean('higher_is_better').notNull().default(true),
    note: text('note').notNull().default(''),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.solutionKey, t.month, t.measure] }), check('operations_sla_month_first', sql`extract(day from ${t.month}) = 1`)],
);

export const incidentSeverities = ['kritisk', 'alvorlig', 'mindre'] as const;
export type IncidentSeverity = (typeof incidentSeverities)[number];

/** An operational incident on a solution. */
export const operationsIncident = pgTable(
  'operations_incident',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    solutionKey: text('solution_key')
      .notNull()
      .references(() => solution.key),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    severity: text('severity', { enum: incidentSeverities }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => userAccount.id),
  },
  (t) => [index('operations_incident_started').on(t.startedAt), check('operations_incident_severity', sql`${t.severity} in ('kritisk','alvorlig','mindre')`)],
);

export const rcaStates = ['aaben', 'i_gang', 'lukket'] as const;
export type RcaState = (typeof rcaStates)[number];

/** A follow-up item from a root-cause analysis (the deck: 21 items, 4 outstanding). */
export const operationsRcaItem = pgTable(
  'operations_rca_item',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id').references(() => operationsIncident.id, { onDelete: 'set null' }),
    solutionKey: text('solution_key').references(() => solution.key),
    title: text('title').notNull(),
    owner: text('owner').notNull().default(''),
    state: text('state', { enum: rcaStates }).notNull().default('aaben'),
    dueOn: date('due_on', { mode: 'string' }),
    closedOn: date('closed_on', { mode: 'string' }),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('operations_rca_item_state').on(t.state),
    check('operations_rca_state', sql`${t.state} in ('aaben','i_gang','lukket')`),
    check('operations_rca_closed', sql`(${t.state} = 'lukket') = (${t.closedOn} is not null)`),
  ],
);

export const measureStates = ['planlagt', 'i_gang', 'gennemfoert'] as const;
export type MeasureState = (typeof measureStates)[number];

/** A measure the supplier (e.g. KMD) carries out, with owner, state and end month. */
export const operationsMeasure = pgTable(
  'operations_measure',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    solutionKey: text('solution_key').references(() => solution.key),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    owner: text('owner').notNull(),
    state: text('state', { enum: measureStates }).notNull().default('planlagt'),
    /** The first day of the month it ends. */
    endMonth: date('end_month', { mode: 'string' }),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('operations_measure_state', sql`${t.state} in ('planlagt','i_gang','gennemfoert')`),
    check('operations_measure_end_month_first', sql`${t.endMonth} is null or extract(day from ${t.endMonth}) = 1`),
  ],
);

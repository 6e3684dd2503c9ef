import { sql } from 'drizzle-orm';
import { check, date, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { userAccount } from '../../platform/identity/schema.ts';
import { project } from '../tasks/index.ts';

// A programme is the tasks module's project (issue #14 point 1: one concept). These tables add its
// status history and its key figures; its milestones are tasks' project_milestone.

export const programmeStatuses = ['groen', 'gul', 'roed'] as const;
export type ProgrammeStatus = (typeof programmeStatuses)[number];

/** A programme's status as set on a day with a comment; the newest is the current one, the rest its history. */
export const programmeStatus = pgTable(
  'programme_status',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => project.id),
    status: text('status', { enum: programmeStatuses }).notNull(),
    /** The Danish day the status describes. */
    statusOn: date('status_on', { mode: 'string' }).notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => userAccount.id),
  },
  (t) => [
    check('programme_status_value', sql`${t.status} in ('groen','gul','roed')`),
    index('programme_status_project').on(t.projectId, t.statusOn, t.createdAt),
  ],
);

/** A key figure of a programme, e.g. "Omstillingsopgaver oprettet", with an optional target. */
export const programmeFigure = pgTable(
  'programme_figure',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => project.id),
    name: text('name').notNull(),
    unit: text('unit').notNull().default(''),
    target: doublePrecision('target'),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('programme_figure_name').on(t.projectId, t.name)],
);

/** One value of a key figure on a day: the figure's time series. */
export const programmeFigurePoint = pgTable(
  'programme_figure_point',
  {
    figureId: uuid('figure_id')
      .notNull()
      .references(() => programmeFigure.id, { onDelete: 'cascade' }),
    pointOn: date('point_on', { mode: 'string' }).notNull(),
    value: doublePrecision('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.figureId, t.pointOn] })],
);

import { date, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { person, solution, userAccount } from '../../platform/identity/schema.ts';
import { project } from '../tasks/index.ts';

/** A "Kort nyt fra KOMBIT" item (issue #14 point 3): markdown body, a contact person, published from a day. */
export const newsItem = pgTable(
  'news_item',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    /** Markdown, rendered with raw HTML disabled. */
    body: text('body').notNull().default(''),
    contactPersonId: uuid('contact_person_id').references(() => person.id),
    /** The Danish day from which the item is shown; a later day keeps it as a draft until then. */
    publishOn: date('publish_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => userAccount.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('news_item_publish').on(t.publishOn)],
);

/** The solutions an item concerns: a municipality's front page shows news for the solutions it uses. */
export const newsItemSolution = pgTable(
  'news_item_solution',
  {
    newsId: uuid('news_id')
      .notNull()
      .references(() => newsItem.id, { onDelete: 'cascade' }),
    solutionKey: text('solution_key')
      .notNull()
      .references(() => solution.key),
  },
  (t) => [primaryKey({ columns: [t.newsId, t.solutionKey] }), index('news_item_solution_key').on(t.solutionKey)],
);

/** The programmes an item concerns (shown on the programme's page). */
export const newsItemProgramme = pgTable(
  'news_item_programme',
  {
    newsId: uuid('news_id')
      .notNull()
      .references(() => newsItem.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => project.id),
  },
  (t) => [primaryKey({ columns: [t.newsId, t.projectId] }), index('news_item_programme_project').on(t.projectId)],
);

/** An event such as a debate at Folkemødet (issue #14 point 4). */
export const event = pgTable(
  'event',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    place: text('place').notNull().default(''),
    participants: text('participants').notNull().default(''),
    link: text('link'),
    description: text('description').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => userAccount.id),
  },
  (t) => [index('event_starts').on(t.startsAt)],
);

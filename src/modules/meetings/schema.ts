import { sql } from 'drizzle-orm';
import { boolean, char, check, customType, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { municipality, person, userAccount } from '../../platform/identity/schema.ts';
import { agreement } from '../agreements/index.ts';
import { newsItem } from '../news/index.ts';
import { project, task } from '../tasks/index.ts';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * A program leader meeting (issue #14 point 5): when and where (a place, an online link or both),
 * practical information, the recording afterwards. Materials, agenda, attendance, input and the
 * follow-up hang under it.
 */
export const meeting = pgTable(
  'meeting',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    place: text('place').notNull().default(''),
    onlineLink: text('online_link'),
    /** Markdown: how to get there, parking, the link's rules. */
    practicalInfo: text('practical_info').notNull().default(''),
    recordingLink: text('recording_link'),
    /** Bumped on every change of time or place, so an iCal client replaces its copy (SEQUENCE). */
    sequence: integer('sequence').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => userAccount.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meeting_starts').on(t.startsAt), check('meeting_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`)],
);

/** An agenda item; themes have presenters, questions come from municipalities' input. */
export const meetingAgendaItem = pgTable(
  'meeting_agenda_item',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meeting.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    /** Markdown. */
    description: text('description').notNull().default(''),
    minutes: integer('minutes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meeting_agenda_item_meeting').on(t.meetingId, t.position)],
);

/** Presenters of an agenda item: people of the central organisation. */
export const meetingAgendaPresenter = pgTable(
  'meeting_agenda_presenter',
  {
    agendaItemId: uuid('agenda_item_id')
      .notNull()
      .references(() => meetingAgendaItem.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
  },
  (t) => [primaryKey({ columns: [t.agendaItemId, t.personId] })],
);

export const agendaLinkKinds = ['news', 'programme', 'task', 'agreement'] as const;
export type AgendaLinkKind = (typeof agendaLinkKinds)[number];

/** What an agenda item points at: exactly one of a news item, a programme, a task or an agreement. */
export const meetingAgendaLink = pgTable(
  'meeting_agenda_link',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agendaItemId: uuid('agenda_item_id')
      .notNull()
      .references(() => meetingAgendaItem.id, { onDelete: 'cascade' }),
    newsId: uuid('news_id').references(() => newsItem.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id').references(() => project.id),
    taskId: uuid('task_id').references(() => task.id),
    agreementId: uuid('agreement_id').references(() => agreement.id),
  },
  (t) => [
    index('meeting_agenda_link_item').on(t.agendaItemId),
    check('meeting_agenda_link_one', sql`num_nonnulls(${t.newsId}, ${t.projectId}, ${t.taskId}, ${t.agreementId}) = 1`),
    uniqueIndex('meeting_agenda_link_unique').on(
      t.agendaItemId,
      sql`coalesce(${t.newsId}, ${t.projectId}, ${t.taskId}, ${t.agreementId})`,
    ),
  ],
);

/** The meeting's material (presentations), sent as links in the follow-up. */
export const meetingMaterial = pgTable(
  'meeting_material',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meeting.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => userAccount.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meeting_material_meeting').on(t.meetingId)],
);

/** Who from a municipality attends; the municipality's own (another municipality: 404). */
export const meetingAttendee = pgTable(
  'meeting_attendee',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meeting.id, { onDelete: 'cascade' }),
    municipalityCode: char('municipality_code', { length: 4 })
      .notNull()
      .references(() => municipality.code),
    /** A person of the municipality's role gallery, when the attendee is one. */
    personId: uuid('person_id').references(() => person.id),
    name: text('name').notNull(),
    email: text('email').notNull().default(''),
    online: boolean('online').notNull().default(false),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
    registeredBy: uuid('registered_by').references(() => userAccount.id),
  },
  (t) => [uniqueIndex('meeting_attendee_unique').on(t.meetingId, t.municipalityCode, sql`lower(${t.name})`)],
);

export const meetingInputKinds = ['emne', 'spoergsmaal'] as const;
export type MeetingInputKind = (typeof meetingInputKinds)[number];

/**
 * "Input til kommende møder": a topic or question from a municipality for a coming meeting (or
 * the next one, when none is chosen). Central staff see all and place it on an agenda.
 */
export const meetingInput = pgTable(
  'meeting_input',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: char('municipality_code', { length: 4 })
      .notNull()
      .references(() => municipality.code),
    meetingId: uuid('meeting_id').references(() => meeting.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: meetingInputKinds }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    /** The agenda item it became, once central staff placed it. */
    agendaItemId: uuid('agenda_item_id').references(() => meetingAgendaItem.id, { onDelete: 'set null' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    submittedBy: uuid('submitted_by').references(() => userAccount.id),
  },
  (t) => [
    index('meeting_input_meeting').on(t.meetingId),
    index('meeting_input_municipality').on(t.municipalityCode, t.submittedAt),
    check('meeting_input_kind', sql`${t.kind} in ('emne','spoergsmaal')`),
  ],
);

/**
 * One row per meeting, municipality and recipient: the key is what makes the follow-up exactly once
 * per recipient (a double click, two workers, a restart insert nothing the second time, so queue
 * nothing). The municipality is in the key because a person may lead two municipalities, and each
 * municipality's summary must reach its program leaders.
 */
export const meetingFollowUp = pgTable(
  'meeting_follow_up',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meeting.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    municipalityCode: char('municipality_code', { length: 4 })
      .notNull()
      .references(() => municipality.code),
    email: text('email').notNull(),
    subject: text('subject').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    sentBy: uuid('sent_by').references(() => userAccount.id),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.municipalityCode, t.personId] })],
);

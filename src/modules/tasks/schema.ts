import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { municipality, person, roleType, solution, userAccount } from '../../platform/identity/schema.ts';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** A programme such as "Kontanthjælpsreformen", "Valg 2025" or "FLIS" that groups tasks. */
export const project = pgTable('project', {
  id: uuid('id').primaryKey().defaultRandom(),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  solutionKey: text('solution_key').references(() => solution.key),
  /** The programme's responsible person at KOMBIT (issue #14: a project is a programme). */
  responsiblePersonId: uuid('responsible_person_id').references(() => person.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const milestoneStates = ['planlagt', 'naaet', 'flyttet'] as const;
export type MilestoneState = (typeof milestoneStates)[number];

/**
 * A dated point or span in a programme's timeline, e.g. Borgerblikket's "Release 3.19" on 11 June
 * 2025 or "Kommunernes vurdering" from 12 June to 31 October 2025. History stays: past milestones
 * are what the programme page shows as its story.
 */
export const projectMilestone = pgTable(
  'project_milestone',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => project.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    /** The last day of a span; null for a single day. */
    endsOn: date('ends_on', { mode: 'string' }),
    /** planlagt, naaet (done) or flyttet (moved: startsOn is the new day, originalOn the day first planned). */
    state: text('state', { enum: milestoneStates }).notNull().default('planlagt'),
    originalOn: date('original_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('project_milestone_project').on(t.projectId, t.startsOn),
    check('project_milestone_span', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
    check('project_milestone_state', sql`${t.state} in ('planlagt','naaet','flyttet')`),
  ],
);

export const taskStatuses = ['draft', 'announced', 'published', 'closed'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export const task = pgTable(
  'task',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** e.g. "KLIK - KR MI 02"; unique among central tasks, free text for a municipality's own tasks */
    code: text('code').notNull(),
    title: text('title').notNull(),
    /** Markdown, rendered with raw HTML disabled */
    description: text('description').notNull().default(''),
    consequence: text('consequence').notNull().default(''),
    projectId: uuid('project_id').references(() => project.id),
    solutionKey: text('solution_key').references(() => solution.key),
    /** Who must act: a role type, optionally for one solution, optionally only the primary holder. */
    audienceRoleKey: text('audience_role_key').references(() => roleType.key),
    audienceSolutionKey: text('audience_solution_key').references(() => solution.key),
    audiencePrimaryOnly: boolean('audience_primary_only').notNull().default(false),
    critical: boolean('critical').notNull().default(false),
    crossCutting: boolean('cross_cutting').notNull().default(false),
    optional: boolean('optional').notNull().default(false),
    status: text('status', { enum: taskStatuses }).notNull().default('draft'),
    announceAt: timestamp('announce_at', { withTimezone: true }),
    publishAt: timestamp('publish_at', { withTimezone: true }),
    /** The last day on which the task counts as in time (Danish deadlines are days, not instants). */
    deadline: date('deadline', { mode: 'string' }).notNull(),
    /** Reminder offsets in days relative to the deadline (negative = before); null = the default schedule. */
    reminderOffsets: jsonb('reminder_offsets').$type<number[]>(),
    /** When the reminder sweep next has something to do for this task (indexed for the sweep). */
    nextReminderAt: timestamp('next_reminder_at', { withTimezone: true }),
    /** A municipality's own local task, visible only to it; null for tasks from the joint organisation. */
    localMunicipalityCode: char('local_municipality_code', { length: 4 }).references(() => municipality.code),
    createdBy: uuid('created_by').references(() => userAccount.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    check('task_status', sql`${t.status} in ('draft','announced','published','closed')`),
    uniqueIndex('task_central_code').on(t.code).where(sql`${t.localMunicipalityCode} is null`),
    index('task_status_deadline').on(t.status, t.deadline),
    index('task_next_reminder').on(t.nextReminderAt),
    index('task_project').on(t.projectId),
    index('task_local').on(t.localMunicipalityCode),
  ],
);

export const taskDeadlineChange = pgTable(
  'task_deadline_change',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => task.id),
    fromDeadline: date('from_deadline', { mode: 'string' }).notNull(),
    toDeadline: date('to_deadline', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    changedBy: uuid('changed_by').references(() => userAccount.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('task_deadline_change_task').on(t.taskId, t.changedAt)],
);

export const answerKinds = ['none', 'text', 'identifier', 'date', 'yes_no', 'file'] as const;
export type AnswerKind = (typeof answerKinds)[number];

export const taskStep = pgTable(
  'task_step',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => task.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    instructions: text('instructions').notNull().default(''),
    answerKind: text('answer_kind', { enum: answerKinds }).notNull().default('none'),
    /** Label of the answer column in the overview, e.g. "AftaleID" */
    answerLabel: text('answer_label').notNull().default(''),
    /** For identifiers: a regular expression the answer must match, e.g. ^[0-9]{6}$ */
    answerPattern: text('answer_pattern'),
    /** Shown when the pattern does not match, e.g. "AftaleID består af 6 cifre" */
    answerHint: text('answer_hint').notNull().default(''),
  },
  (t) => [uniqueIndex('task_step_position').on(t.taskId, t.position)],
);

export const targetStatuses = ['ikke_startet', 'i_gang', 'loest', 'ikke_relevant'] as const;
export type TargetStatus = (typeof targetStatuses)[number];

/** One addressed municipality of a task, with its derived status kept current by every write. */
export const taskTarget = pgTable(
  'task_target',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => task.id),
    municipalityCode: char('municipality_code', { length: 4 })
      .notNull()
      .references(() => municipality.code),
    status: text('status', { enum: targetStatuses }).notNull().default('ikke_startet'),
    responsiblePersonId: uuid('responsible_person_id').references(() => person.id),
    executorPersonId: uuid('executor_person_id').references(() => person.id),
    notRelevantReason: text('not_relevant_reason'),
    solvedAt: timestamp('solved_at', { withTimezone: true }),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.municipalityCode] }),
    check('task_target_status', sql`${t.status} in ('ikke_startet','i_gang','loest','ikke_relevant')`),
    index('task_target_municipality').on(t.municipalityCode, t.status),
    index('task_target_task_status').on(t.taskId, t.status),
  ],
);

export const stepAnswer = pgTable(
  'step_answer',
  {
    stepId: uuid('step_id')
      .notNull()
      .references(() => taskStep.id),
    municipalityCode: char('municipality_code', { length: 4 })
      .notNull()
      .references(() => municipality.code),
    taskId: uuid('task_id')
      .notNull()
      .references(() => task.id),
    value: text('value'),
    fileId: uuid('file_id'),
    completed: boolean('completed').notNull().default(false),
    answeredBy: uuid('answered_by').references(() => userAccount.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.stepId, t.municipalityCode] }), index('step_answer_task').on(t.taskId, t.municipalityCode)],
);

/** Files: common attachments (municipality null), per-municipality attachments, and answer files. */
export const taskFile = pgTable(
  'task_file',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => task.id),
    municipalityCode: char('municipality_code', { length: 4 }).references(() => municipality.code),
    purpose: text('purpose', { enum: ['attachment', 'answer'] }).notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => userAccount.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('task_file_task').on(t.taskId, t.municipalityCode)],
);

/** A question thread per task and municipality between the municipality and the joint organisation. */
export const taskMessage = pgTable(
  'task_message',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => task.id),
    municipalityCode: char('municipality_code', { length: 4 })
      .notNull()
      .references(() => municipality.code),
    authorUserId: uuid('author_user_id').references(() => userAccount.id),
    authorName: text('author_name').notNull(),
    fromCentral: boolean('from_central').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('task_message_thread').on(t.taskId, t.municipalityCode, t.createdAt)],
);

/** What reminders went out: one row per task, slot and recipient, so a slot is sent at most once. */
export const taskReminder = pgTable(
  'task_reminder',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => task.id),
    municipalityCode: char('municipality_code', { length: 4 })
      .notNull()
      .references(() => municipality.code),
    /** e.g. "d-7", "d-1", "d0", "d+7", or "manual-<uuid>" for a manual round */
    slot: text('slot').notNull(),
    recipientEmail: text('recipient_email').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    manual: boolean('manual').notNull().default(false),
    sentBy: uuid('sent_by').references(() => userAccount.id),
  },
  (t) => [
    uniqueIndex('task_reminder_once').on(t.taskId, t.slot, t.recipientEmail),
    index('task_reminder_task').on(t.taskId, t.sentAt),
  ],
);

/** A user's private calendar feed; the token is stored hashed and can be revoked by making a new one. */
export const calendarFeed = pgTable('calendar_feed', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => userAccount.id),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

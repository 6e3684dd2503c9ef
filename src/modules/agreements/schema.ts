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

export const agreementTypes = ['databehandleraftale', 'tilslutningsaftale', 'samarbejdsaftale', 'k98'] as const;
export type AgreementType = (typeof agreementTypes)[number];

/** draft: being prepared, no municipality sees it; sent: out for signature; closed: no more signing or reminders. */
export const agreementStatuses = ['draft', 'sent', 'closed'] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];

/**
 * An agreement the municipalities must sign. The audience (role, optional solution for per-solution
 * roles, optional cc role) and the deadline are those of the latest dispatch; reminders use them.
 */
export const agreement = pgTable(
  'agreement',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    type: text('type', { enum: agreementTypes }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    status: text('status', { enum: agreementStatuses }).notNull().default('draft'),
    /** The version municipalities sign now (the highest number). */
    currentVersionId: uuid('current_version_id'),
    audienceRoleKey: text('audience_role_key').references(() => roleType.key),
    audienceSolutionKey: text('audience_solution_key').references(() => solution.key),
    ccRoleKey: text('cc_role_key').references(() => roleType.key),
    /** The last day on which a signature counts as in time. */
    deadline: date('deadline', { mode: 'string' }),
    /** Reminder offsets in days relative to the deadline; null = the default schedule. */
    reminderOffsets: jsonb('reminder_offsets').$type<number[]>(),
    /** When the reminder sweep next has something to do for this agreement. */
    nextReminderAt: timestamp('next_reminder_at', { withTimezone: true }),
    /** The last dispatch: no automatic reminder falls on or before its Danish day. */
    lastDispatchedAt: timestamp('last_dispatched_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => userAccount.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('agreement_type', sql`${t.type} in ('databehandleraftale','tilslutningsaftale','samarbejdsaftale','k98')`),
    check('agreement_status', sql`${t.status} in ('draft','sent','closed')`),
    index('agreement_next_reminder').on(t.nextReminderAt),
  ],
);

/** The solutions an agreement covers; for the K98 agreement this is its annex 1. */
export const agreementSolution = pgTable(
  'agreement_solution',
  {
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreement.id),
    solutionKey: text('solution_key')
      .notNull()
      .references(() => solution.key),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.solutionKey] }), index('agreement_solution_solution').on(t.solutionKey)],
);

/**
 * A version of the agreement: its document and annexes. A new version supersedes the old; when it
 * requires re-signing, the current signatures of earlier versions stop counting (they stay on record).
 */
export const agreementVersion = pgTable(
  'agreement_version',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreement.id),
    number: integer('number').notNull(),
    /** What changed, e.g. "Rettet fejl i bilag 3"; empty for the first version. */
    changeNote: text('change_note').notNull().default(''),
    requiresResign: boolean('requires_resign').notNull().default(true),
    /** SHA-256 over the version's files (see versionHash): what a signature says it signed. */
    sha256: text('sha256').notNull(),
    createdBy: uuid('created_by').references(() => userAccount.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('agreement_version_number').on(t.agreementId, t.number)],
);

export const agreementFileKinds = ['document', 'annex'] as const;

/** The document (one per version) and its annexes, uploaded as PDF or DOCX. */
export const agreementFile = pgTable(
  'agreement_file',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => agreementVersion.id),
    kind: text('kind', { enum: agreementFileKinds }).notNull(),
    /** 0 for the document, 1… for annexes in order ("Bilag 1", …) */
    position: integer('position').notNull(),
    title: text('title').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => userAccount.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('agreement_file_position').on(t.versionId, t.position)],
);

/** One addressed municipality. "In dialogue" is set by central staff (e.g. Syddjurs in the deck). */
export const agreementTarget = pgTable(
  'agreement_target',
  {
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreement.id),
    municipalityCode: char('municipality_code', { length: 4 })
      .notNull()
      .references(() => municipality.code),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
    inDialogue: boolean('in_dialogue').notNull().default(false),
    dialogueSince: timestamp('dialogue_since', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.municipalityCode] }), index('agreement_target_municipality').on(t.municipalityCode)],
);

export const signatureMethods = ['samspil', 'upload'] as const;
/** signed: counts; pending: an uploaded signed PDF awaiting central review; rejected: did not count. */
export const signatureStates = ['signed', 'pending', 'rejected'] as const;
export type SignatureState = (typeof signatureStates)[number];

/**
 * A municipality's signature of one version, made in Samspil (password re-entered) or uploaded as
 * a signed PDF. At most one per agreement and municipality is current (not superseded, not
 * rejected): the partial unique index agreement_signature_current makes a double click or two
 * people signing at once leave exactly one.
 */
export const agreementSignature = pgTable(
  'agreement_signature',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreement.id),
    versionId: uuid('version_id')
      .notNull()
      .references(() => agreementVersion.id),
    municipalityCode: char('municipality_code', { length: 4 })
      .notNull()
      .references(() => municipality.code),
    method: text('method', { enum: signatureMethods }).notNull(),
    state: text('state', { enum: signatureStates }).notNull(),
    signerUserId: uuid('signer_user_id').references(() => userAccount.id),
    signerPersonId: uuid('signer_person_id').references(() => person.id),
    /** As confirmed by the signer at signing */
    signerName: text('signer_name').notNull(),
    signerTitle: text('signer_title').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    /** The signed version's hash at the time of signing */
    versionSha256: text('version_sha256').notNull(),
    ip: text('ip').notNull().default(''),
    /** An uploaded signed PDF */
    uploadFilename: text('upload_filename'),
    uploadContentType: text('upload_content_type'),
    uploadSize: integer('upload_size'),
    uploadSha256: text('upload_sha256'),
    uploadContent: bytea('upload_content'),
    reviewedBy: uuid('reviewed_by').references(() => userAccount.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    rejectReason: text('reject_reason'),
    /** Set when a new version requiring re-signing supersedes this signature. */
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    supersededByVersionId: uuid('superseded_by_version_id').references(() => agreementVersion.id),
  },
  (t) => [
    check('agreement_signature_method', sql`${t.method} in ('samspil','upload')`),
    check('agreement_signature_state', sql`${t.state} in ('signed','pending','rejected')`),
    uniqueIndex('agreement_signature_current')
      .on(t.agreementId, t.municipalityCode)
      .where(sql`${t.supersededAt} is null and ${t.state} <> 'rejected'`),
    index('agreement_signature_municipality').on(t.municipalityCode, t.agreementId),
  ],
);

/**
 * One sending of the agreement for signature. `requestKey` comes from the form (or the API caller)
 * so a double click or a retried request sends once.
 */
export const agreementDispatch = pgTable(
  'agreement_dispatch',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreement.id),
    requestKey: uuid('request_key').notNull().unique(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => agreementVersion.id),
    versionNumber: integer('version_number').notNull(),
    roleKey: text('role_key')
      .notNull()
      .references(() => roleType.key),
    solutionKey: text('solution_key').references(() => solution.key),
    ccRoleKey: text('cc_role_key').references(() => roleType.key),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    municipalityCodes: jsonb('municipality_codes').$type<string[]>().notNull(),
    /** People mailed (addressees and cc) */
    recipients: integer('recipients').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    sentBy: uuid('sent_by').references(() => userAccount.id),
  },
  (t) => [index('agreement_dispatch_agreement').on(t.agreementId, t.sentAt)],
);

/** What reminders went out: one row per agreement, slot and recipient, so a slot is sent at most once. */
export const agreementReminder = pgTable(
  'agreement_reminder',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreement.id),
    municipalityCode: char('municipality_code', { length: 4 })
      .notNull()
      .references(() => municipality.code),
    /** "d-7@2025-04-22" (automatic, qualified by deadline) or "manual-<uuid>" */
    slot: text('slot').notNull(),
    recipientEmail: text('recipient_email').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    manual: boolean('manual').notNull().default(false),
    sentBy: uuid('sent_by').references(() => userAccount.id),
  },
  (t) => [
    uniqueIndex('agreement_reminder_once').on(t.agreementId, t.slot, t.recipientEmail),
    index('agreement_reminder_agreement').on(t.agreementId, t.sentAt),
  ],
);

/** Notes per agreement and municipality, visible to central staff and that municipality. */
export const agreementNote = pgTable(
  'agreement_note',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreement.id),
    municipalityCode: char('municipality_code', { length: 4 })
      .notNull()
      .references(() => municipality.code),
    authorUserId: uuid('author_user_id').references(() => userAccount.id),
    authorName: text('author_name').notNull(),
    fromCentral: boolean('from_central').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('agreement_note_thread').on(t.agreementId, t.municipalityCode, t.createdAt)],
);

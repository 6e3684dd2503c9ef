import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Actor, Ctx } from '../context.ts';
import type { NavKey } from '../views/layout.tsx';
import type { ReminderLog } from './history.ts';
import type { RecentRoundConfirm } from './page.tsx';
import type { ReminderSlot } from './schedule.ts';

export type ActorCtx = Ctx & { actor: Actor };

/** What one round sent: the people mailed now, and how many municipalities they are in. */
export type RoundResult = { recipients: number; municipalities: number };

/** The mail of a reminder, as the preview shows it and the round sends it. */
export type MailText = { subject: string; body: string };

/**
 * The preview of a manual round. `details` are the module's own fields (recipients,
 * municipalities, …); they are spread into the preview after the text, so the API keeps its shape.
 */
export type ReminderPreview<D extends object> = {
  /** Generated per preview and posted back, so a double click sends one round. */
  roundId: string;
  /** Whether reminders can be sent now (a published task, an agreement out for signature). */
  open: boolean;
} & MailText &
  D;

/** What the shared page gives a module's manual section; `confirm` goes on to SendRoundForm. */
export type ManualSectionProps<D extends object> = {
  preview: ReminderPreview<D>;
  action: string;
  csrfToken: string | undefined;
  confirm?: RecentRoundConfirm | undefined;
};

/** The words a reminder page uses for its subject, so the shared page reads right for each module. */
export type ReminderPageText<S> = {
  nav: NavKey;
  /** "Påmindelser – <title>" in the browser's title bar */
  title: (s: S) => string;
  lead: (s: S) => string;
  statusLine: (s: S) => string;
  back: (s: S) => { href: string; text: string };
  /** h2 over the manual round: "Send påmindelse til dem, der mangler" */
  manualHeading: string;
  /** What the automatic reminders are and who gets them. */
  automaticIntro: string;
  /** Said instead of the next slots when nothing is scheduled. */
  noAutomatic: string;
  /** Added to an overdue slot in the list of upcoming reminders, if it reaches more people. */
  overdueNote?: string;
  /** The notice after a round that reached nobody. */
  nobodyNotice: string;
};

/**
 * A task, an agreement or anything else that reminds municipalities of something: what a module
 * implements to get the reminder API, pages, preview, manual round and history from the platform.
 * `S` is the loaded subject, `D` the module's part of the preview.
 */
export type ReminderSubject<S extends { id: string; nextReminderAt: Date | null }, D extends object> = {
  /** "opgaven", "aftalen": the definite noun the texts use. */
  label: string;
  /** "en opgave", "en aftale" */
  indefinite: string;
  /** The log table of sent reminders, for the history and for recognising a round sent before. */
  log: ReminderLog;
  /**
   * Loads the subject for someone who may send its reminders. Municipal users get 404 (they may
   * not even learn the page exists); central staff who only read it get 403.
   */
  load(ctx: ActorCtx, id: string): Promise<S>;
  open(s: S): boolean;
  mailText(s: S, ctx: ActorCtx): MailText;
  /** Exactly whom a round would mail now; called only when the subject is open. */
  details(ctx: ActorCtx, s: S): Promise<D>;
  /** The details of a subject that is not open: nobody. */
  noDetails(): D;
  /** The next few automatic reminders. */
  upcoming(s: S, now: Date): ReminderSlot[];
  /**
   * Sends a manual round in `tx`: locks the subject (so the round sees a dispatch or closing in
   * progress), answers null when it is no longer open, else mails the recipients not yet in the
   * log under `slot` and records the round.
   */
  sendRound(tx: Db, ctx: ActorCtx, s: S, slot: string): Promise<RoundResult | null>;
  /** The 409 message when the subject is not open. */
  closedMessage: string;
  page: ReminderPageText<S>;
  /** The manual round's recipients on the page (the shared page supplies the mail and the form). */
  ManualSection: (p: ManualSectionProps<D>) => JSX.Element;
  api: {
    /** The preview's response schema, with the module's details. */
    previewOut: z.ZodType;
    previewSummary: string;
    sendSummary: string;
    sendDescription: string;
  };
};

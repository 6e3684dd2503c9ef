import type { Actor } from '../context.ts';
import { Checkbox } from '../views/choices.tsx';
import { CsrfField, Notice } from '../views/components.tsx';
import { formatDateTime } from '../views/format.ts';
import { Layout } from '../views/layout.tsx';
import type { LastManualRound } from './last-manual-round.ts';
import { recentRoundSentence } from './recent-round-text.ts';
import { offsetLabel, type ReminderSlot } from './schedule.ts';
import type { ReminderPreview, ReminderSubject } from './subject.ts';
import { MailBody, type ReminderRound, ReminderHistoryTable } from './views.tsx';

export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

type NoticeText = { kind: 'success' | 'info' | 'warning'; text: string };

/** The notice after a manual round, from the redirect's ?besked=…&antal=…; undefined for anything else. */
export function roundNotice(besked: string | undefined, count: number, nobody: string): NoticeText | undefined {
  if (besked === 'sendt') return { kind: 'success', text: `Påmindelsen er sendt til ${plural(count, 'modtager', 'modtagere')}.` };
  if (besked === 'allerede-sendt') return { kind: 'info', text: 'Påmindelsen var allerede sendt. Der er ikke sendt noget nyt.' };
  if (besked === 'ingen') return { kind: 'info', text: nobody };
  return undefined;
}

/** The mail a round sends: its subject line and its text. */
export function MailPreview(p: { subject: string; body: string }): JSX.Element {
  return (
    <>
      <h3>Mailen</h3>
      <p>
        <strong>Emne: </strong>
        <span safe>{p.subject}</span>
      </p>
      <MailBody text={p.body} />
    </>
  );
}

/** A manual round went less than 24 hours ago: the form asks for confirmation, with the refusal's error if any. */
export type RecentRoundConfirm = { last: LastManualRound; error?: string | undefined };

/**
 * The button that sends the previewed round; the round id makes a second click send nothing. After a
 * recent manual round it warns and needs the confirmation box ticked (checked on the server).
 */
export function SendRoundForm(p: {
  action: string;
  roundId: string;
  recipients: number;
  csrfToken: string | undefined;
  confirm?: RecentRoundConfirm | undefined;
}): JSX.Element {
  return (
    <form method="post" action={p.action} class="mt-5 mb-5">
      <CsrfField token={p.csrfToken} />
      <input type="hidden" name="roundId" value={p.roundId} />
      {p.confirm ? (
        <>
          <Notice kind="warning" text={`Der blev sendt en påmindelse for mindre end et døgn siden. ${recentRoundSentence(p.confirm.last)}`} />
          <Checkbox
            name="confirmRecent"
            label="Ja, send en ny påmindelse, selv om der blev sendt en for mindre end et døgn siden"
            checked={false}
            error={p.confirm.error}
          />
        </>
      ) : (
        ''
      )}
      <button type="submit" class="button button-primary" safe>
        {`Send påmindelse til ${plural(p.recipients, 'modtager', 'modtagere')}`}
      </button>
    </form>
  );
}

export type ReminderPageProps<S extends { id: string; nextReminderAt: Date | null }, D extends object> = {
  actor: Actor;
  csrfToken: string | undefined;
  subject: ReminderSubject<S, D>;
  item: S;
  /** Where the manual round is posted: the page's own address. */
  action: string;
  preview: ReminderPreview<D>;
  history: ReminderRound[];
  upcoming: ReminderSlot[];
  notice?: NoticeText | undefined;
  /** The newest manual round, said on the page; `confirm` when a new one needs confirmation. */
  lastManual: LastManualRound | null;
  confirm?: RecentRoundConfirm | undefined;
};

/** GET …/:id/paamindelse – what a manual reminder would send, the automatic plan, and what was sent. */
export function ReminderPage<S extends { id: string; nextReminderAt: Date | null }, D extends object>(p: ReminderPageProps<S, D>): JSX.Element {
  const { page, ManualSection } = p.subject;
  const back = page.back(p.item);
  return (
    <Layout title={`Påmindelser – ${page.title(p.item)}`} actor={p.actor} csrfToken={p.csrfToken} nav={page.nav}>
      <p>
        <a href={back.href} class="function-link" safe>
          {back.text}
        </a>
      </p>
      <h1>Påmindelser</h1>
      <p class="font-lead" safe>
        {page.lead(p.item)}
      </p>
      <p safe>{page.statusLine(p.item)}</p>
      {p.notice ? <Notice kind={p.notice.kind} text={p.notice.text} /> : ''}
      {p.confirm?.error ? <Notice kind="error" text={p.confirm.error} /> : ''}
      {p.lastManual ? (
        <p id="sidste-paamindelse" safe>
          {recentRoundSentence(p.lastManual)}
        </p>
      ) : (
        ''
      )}

      <h2 safe>{page.manualHeading}</h2>
      <ManualSection preview={p.preview} action={p.action} csrfToken={p.csrfToken} confirm={p.confirm} />

      <h2>Automatiske påmindelser</h2>
      <p safe>{page.automaticIntro}</p>
      {p.upcoming.length ? (
        <>
          <p>De næste:</p>
          <ul id="kommende">
            {p.upcoming.map((s) => (
              <li safe>{`${formatDateTime(s.dueAt)}: ${offsetLabel(s.offset)}${s.overdue && page.overdueNote ? ` ${page.overdueNote}` : ''}`}</li>
            ))}
          </ul>
        </>
      ) : (
        <p safe>{page.noAutomatic}</p>
      )}

      <h2>Sendte påmindelser</h2>
      <ReminderHistoryTable rounds={p.history} empty={`Der er ikke sendt påmindelser for ${p.subject.label} endnu.`} id="historik" />
    </Layout>
  );
}

import type { Actor } from '../../../platform/context.ts';
import { CsrfField, Notice } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { MailBody, ReminderHistoryTable } from '../../../platform/reminders/views.tsx';
import type { ReminderPreview } from './preview.ts';
import type { ReminderRound } from './queries.ts';
import { offsetLabel, type ReminderSlot } from '../../../platform/reminders/schedule.ts';
import { formatDeadline, TARGET_STATUS_DA, TASK_STATUS_DA } from '../status.ts';
import type { TaskStatus } from '../schema.ts';
import { formatDateTime } from '../../../platform/views/format.ts';

const fmt = formatDateTime;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export type ReminderPageProps = {
  actor: Actor;
  csrfToken: string | undefined;
  task: { id: string; code: string; title: string; deadline: string; status: TaskStatus; nextReminderAt: Date | null };
  preview: ReminderPreview;
  history: ReminderRound[];
  upcoming: ReminderSlot[];
  notice?: { kind: 'success' | 'info' | 'warning'; text: string } | undefined;
};

export const REMINDER_NOTICES: Record<string, (n: number) => { kind: 'success' | 'info' | 'warning'; text: string }> = {
  sendt: (n) => ({ kind: 'success', text: `Påmindelsen er sendt til ${plural(n, 'modtager', 'modtagere')}.` }),
  'allerede-sendt': () => ({ kind: 'info', text: 'Påmindelsen var allerede sendt. Der er ikke sendt noget nyt.' }),
  ingen: () => ({ kind: 'info', text: 'Der var ingen modtagere: alle kommuner har løst opgaven eller markeret den som ikke relevant.' }),
};

/** GET /opgaver/:id/paamindelse – what a manual reminder would send, the automatic plan, and what was sent. */
export function ReminderPage(p: ReminderPageProps): JSX.Element {
  const { task, preview } = p;
  return (
    <Layout title={`Påmindelser – ${task.code}`} actor={p.actor} csrfToken={p.csrfToken} nav="opgaver">
      <p>
        {/* Back to where "Send påmindelse til de manglende" was: the task's own overview. */}
        <a href={`/opgaver/${task.id}/overblik`} class="function-link">
          Tilbage til opgavens overblik
        </a>
      </p>
      <h1>Påmindelser</h1>
      <p class="font-lead" safe>
        {`${task.code} – ${task.title}`}
      </p>
      <p safe>{`Frist ${formatDeadline(task.deadline)} · ${TASK_STATUS_DA[task.status]}`}</p>
      {p.notice ? <Notice kind={p.notice.kind} text={p.notice.text} /> : ''}

      <h2>Send påmindelse til dem, der mangler</h2>
      <ManualSection preview={preview} taskId={task.id} csrfToken={p.csrfToken} />

      <h2>Automatiske påmindelser</h2>
      <p>
        Samspil sender selv påmindelser kl. 9 dansk tid – som standard 7 dage før fristen, dagen før og på fristdagen – og
        derefter hver 7. dag, så længe fristen er overskredet. Påmindelserne efter fristen går også til kommunens programleder.
        Kun kommuner, der ikke har løst opgaven eller markeret den som ikke relevant, får dem. De næste:
      </p>
      {p.upcoming.length ? (
        <ul>
          {p.upcoming.map((s) => (
            <li safe>{`${fmt(s.dueAt)}: ${offsetLabel(s.offset)}${s.overdue ? ' (også til programleder)' : ''}`}</li>
          ))}
        </ul>
      ) : (
        <p>Opgaven er ikke publiceret, så der sendes ingen automatiske påmindelser.</p>
      )}

      <h2>Sendte påmindelser</h2>
      <ReminderHistoryTable rounds={p.history} empty="Der er ikke sendt påmindelser for opgaven endnu." />
    </Layout>
  );
}

function ManualSection(p: { preview: ReminderPreview; taskId: string; csrfToken: string | undefined }): JSX.Element {
  const { preview } = p;
  if (!preview.open) return <Notice kind="info" text="Der kan kun sendes påmindelser, når opgaven er publiceret." />;
  if (preview.municipalities.length === 0) {
    return <Notice kind="info" text="Alle kommuner har løst opgaven eller markeret den som ikke relevant. Der er ingen at minde om." />;
  }
  const withoutPeople = preview.municipalities.filter((m) => m.recipients === 0);
  const reached = preview.municipalities.length - withoutPeople.length;
  return (
    <>
      <p safe>
        {`${plural(preview.municipalities.length, 'kommune mangler', 'kommuner mangler')}. Påmindelsen går til ${plural(preview.recipients.length, 'modtager', 'modtagere')} i ${plural(reached, 'kommune', 'kommuner')}.`}
      </p>
      {withoutPeople.length ? (
        <Notice
          kind="warning"
          text={`Ingen i opgavens målgruppe i: ${withoutPeople.map((m) => m.name).join(', ')}. De får ingen påmindelse, før rollen er besat i rollegalleriet.`}
        />
      ) : (
        ''
      )}
      <h3>Mailen</h3>
      <p>
        <strong>Emne: </strong>
        <span safe>{preview.subject}</span>
      </p>
      <MailBody text={preview.body} />
      {preview.recipients.length ? (
        <>
          <form method="post" action={`/opgaver/${p.taskId}/paamindelse`} class="mt-5 mb-5">
            <CsrfField token={p.csrfToken} />
            <input type="hidden" name="roundId" value={preview.roundId} />
            <button type="submit" class="button button-primary" safe>
              {`Send påmindelse til ${plural(preview.recipients.length, 'modtager', 'modtagere')}`}
            </button>
          </form>
          <h3>Modtagere</h3>
          <table class="table table--compact table--zebra">
            <caption class="sr-only">Modtagere af påmindelsen</caption>
            <thead>
              <tr>
                <th scope="col">Kommune</th>
                <th scope="col">Status</th>
                <th scope="col">Navn</th>
                <th scope="col">E-mail</th>
              </tr>
            </thead>
            <tbody>
              {preview.recipients.map((r) => (
                <tr>
                  <td safe>{r.municipalityName}</td>
                  <td safe>{TARGET_STATUS_DA[r.status]}</td>
                  <td safe>{r.name}</td>
                  <td safe>{r.email}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        ''
      )}
    </>
  );
}

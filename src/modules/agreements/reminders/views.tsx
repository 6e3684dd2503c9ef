import type { Actor } from '../../../platform/context.ts';
import { offsetLabel, type ReminderSlot } from '../../../platform/reminders/schedule.ts';
import { CsrfField, Notice } from '../../../platform/views/components.tsx';
import { formatDateTime, formatDayLong } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { MailBody, ReminderHistoryTable } from '../../../platform/reminders/views.tsx';
import { AGREEMENT_STATUS_LABELS, MUNICIPAL_STATUS_LABELS } from '../labels.ts';
import type { AgreementReminderPreview, AgreementReminderRound } from './preview.ts';
import type { AgreementStatus } from '../schema.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export type ReminderPageProps = {
  actor: Actor;
  csrfToken: string | undefined;
  agreement: { id: string; title: string; deadline: string | null; status: AgreementStatus };
  preview: AgreementReminderPreview;
  history: AgreementReminderRound[];
  upcoming: ReminderSlot[];
  notice?: { kind: 'success' | 'info' | 'warning'; text: string } | undefined;
};

export const REMINDER_NOTICES: Record<string, (n: number) => { kind: 'success' | 'info' | 'warning'; text: string }> = {
  sendt: (n) => ({ kind: 'success', text: `Påmindelsen er sendt til ${plural(n, 'modtager', 'modtagere')}.` }),
  'allerede-sendt': () => ({ kind: 'info', text: 'Påmindelsen var allerede sendt. Der er ikke sendt noget nyt.' }),
  ingen: () => ({ kind: 'info', text: 'Der var ingen modtagere: alle kommuner har underskrevet, er i dialog eller mangler en modtager i rollegalleriet.' }),
};

/** GET /aftaler/:id/paamindelse – what a manual reminder would send, the automatic plan, and what was sent. */
export function ReminderPage(p: ReminderPageProps): JSX.Element {
  const a = p.agreement;
  return (
    <Layout title={`Påmindelser – ${a.title}`} actor={p.actor} csrfToken={p.csrfToken} nav="aftaler">
      <p>
        <a href={`/aftaler/${a.id}/status`} class="function-link">
          Tilbage til status pr. kommune
        </a>
      </p>
      <h1>Påmindelser</h1>
      <p class="font-lead" safe>
        {a.title}
      </p>
      <p safe>{`${a.deadline ? `Frist ${formatDayLong(a.deadline)} · ` : ''}${AGREEMENT_STATUS_LABELS[a.status]}`}</p>
      {p.notice ? <Notice kind={p.notice.kind} text={p.notice.text} /> : ''}

      <h2>Send påmindelse til dem, der ikke har underskrevet</h2>
      <ManualSection preview={p.preview} agreementId={a.id} csrfToken={p.csrfToken} />

      <h2>Automatiske påmindelser</h2>
      <p>
        Samspil sender selv påmindelser kl. 9 dansk tid – som standard 7 dage før fristen, dagen før og på fristdagen – og derefter hver
        7. dag, så længe fristen er overskredet. Kun kommuner, der ikke har underskrevet, får dem; kommuner i dialog med KOMBIT og kommuner,
        hvis underskrevne kopi afventer godkendelse, får ingen.
      </p>
      {p.upcoming.length ? (
        <>
          <p>De næste:</p>
          <ul id="kommende">
            {p.upcoming.map((s) => (
              <li safe>{`${formatDateTime(s.dueAt)}: ${offsetLabel(s.offset)}`}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>Aftalen er ikke udsendt til underskrift med en frist, så der sendes ingen automatiske påmindelser.</p>
      )}

      <h2>Sendte påmindelser</h2>
      <ReminderHistoryTable rounds={p.history} empty="Der er ikke sendt påmindelser for aftalen endnu." id="historik" />
    </Layout>
  );
}

function ManualSection(p: { preview: AgreementReminderPreview; agreementId: string; csrfToken: string | undefined }): JSX.Element {
  const { preview } = p;
  if (!preview.open) return <Notice kind="info" text="Der kan kun sendes påmindelser, når aftalen er udsendt til underskrift." />;
  const notReminded = preview.notReminded.length ? (
    <>
      <h3>Får ingen påmindelse</h3>
      <ul id="uden-paamindelse">
        {preview.notReminded.map((m) => (
          <li safe>{`${m.name}: ${MUNICIPAL_STATUS_LABELS[m.status].toLowerCase()} – får ingen påmindelse`}</li>
        ))}
      </ul>
    </>
  ) : (
    ''
  );
  if (preview.municipalities.length === 0) {
    return (
      <>
        <Notice kind="info" text="Ingen kommuner mangler at underskrive uden at være i dialog. Der er ingen at minde om." />
        {notReminded}
      </>
    );
  }
  const reached = preview.municipalities.filter((m) => m.recipients > 0).length;
  return (
    <>
      <p safe>
        {`${plural(preview.municipalities.length, 'kommune har', 'kommuner har')} ikke underskrevet. Påmindelsen går til ${plural(preview.recipients.length, 'modtager', 'modtagere')} i ${plural(reached, 'kommune', 'kommuner')}.`}
      </p>
      <h3>Mailen</h3>
      <p>
        <strong>Emne: </strong>
        <span safe>{preview.subject}</span>
      </p>
      <MailBody text={preview.body} />
      {preview.recipients.length ? (
        <form method="post" action={`/aftaler/${p.agreementId}/paamindelse`} class="mt-5 mb-5">
          <CsrfField token={p.csrfToken} />
          <input type="hidden" name="roundId" value={preview.roundId} />
          <button type="submit" class="button button-primary" safe>
            {`Send påmindelse til ${plural(preview.recipients.length, 'modtager', 'modtagere')}`}
          </button>
        </form>
      ) : (
        ''
      )}
      <h3>Modtagere pr. kommune</h3>
      <table class="table table--compact table--zebra" id="modtagere">
        <caption class="sr-only">Kommuner, der ikke har underskrevet, og hvem i dem der får påmindelsen</caption>
        <thead>
          <tr>
            <th scope="col">Kommune</th>
            <th scope="col">Modtagere</th>
          </tr>
        </thead>
        <tbody>
          {preview.municipalities.map((m) => {
            const people = preview.recipients.filter((r) => r.municipalityCode === m.code);
            return (
              <tr data-kommune={m.code}>
                <th scope="row" safe>
                  {m.name}
                </th>
                <td>
                  {people.length === 0 ? (
                    <span class="samspil-vacant">Ingen modtager i rollegalleriet – får ingen påmindelse</span>
                  ) : (
                    <ul class="nobullet-list">
                      {people.map((r) => (
                        <li safe>{`${r.name} <${r.email}>`}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {notReminded}
    </>
  );
}

import { formatDateTime } from '../views/format.ts';

/** One round of reminders as the history shows it (tasks and agreements alike). */
export type ReminderRound = {
  slot: string;
  manual: boolean;
  /** Danish: "Automatisk: 7 dage før fristen (frist 20.06.2025)" or "Manuel påmindelse" */
  label: string;
  sentAt: Date;
  sentByName: string | null;
  recipients: number;
  municipalities: number;
};

/** The mail's plain text as paragraphs and lines, so it wraps like the page (a <pre> would not). */
export function MailBody(p: { text: string }): JSX.Element {
  return (
    <div class="samspil-mail-preview">
      {p.text.split(/\n{2,}/).map((para) => (
        <p>
          {para.split('\n').map((line, i) => (
            <>
              {i > 0 ? <br /> : ''}
              <span safe>{line}</span>
            </>
          ))}
        </p>
      ))}
    </div>
  );
}

const senderOf = (r: ReminderRound): string => (r.manual ? (r.sentByName ?? 'Ukendt') : 'Samspil (automatisk)');

/** The reminders sent so far, newest as the caller ordered them; `empty` when there are none. */
export function ReminderHistoryTable(p: { rounds: ReminderRound[]; empty: string; id?: string }): JSX.Element {
  if (p.rounds.length === 0) return <p safe>{p.empty}</p>;
  return (
    <table class="table table--compact table--zebra" id={p.id}>
      <caption class="sr-only">Sendte påmindelser</caption>
      <thead>
        <tr>
          <th scope="col">Tidspunkt</th>
          <th scope="col">Påmindelse</th>
          <th scope="col">Sendt af</th>
          <th scope="col" class="align-text-right">
            Modtagere
          </th>
          <th scope="col" class="align-text-right">
            Kommuner
          </th>
        </tr>
      </thead>
      <tbody>
        {p.rounds.map((r) => (
          <tr>
            <td safe>{formatDateTime(r.sentAt)}</td>
            <td safe>{r.label}</td>
            <td safe>{senderOf(r)}</td>
            <td class="align-text-right" safe>
              {String(r.recipients)}
            </td>
            <td class="align-text-right" safe>
              {String(r.municipalities)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

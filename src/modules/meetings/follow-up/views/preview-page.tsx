import type { FastifyRequest } from 'fastify';
import { RequestKeyField } from '../../../../platform/idempotency/request-key-field.tsx';
import { Breadcrumbs } from '../../../../platform/views/breadcrumbs.tsx';
import { CsrfField, Notice, SelectField } from '../../../../platform/views/components.tsx';
import { formatDateLong, formatDateTime, formatDateTimeLong, formatNumber } from '../../../../platform/views/format.ts';
import { Layout } from '../../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../../platform/views/table.tsx';
import { followUpPath, meetingPath } from '../../paths.ts';
import type { FollowUpMeeting } from '../load-meeting.ts';
import type { MunicipalityName } from '../municipalities.ts';
import type { FollowUpPreview } from '../preview-follow-up.ts';
import type { FollowUpStatus } from '../sent-rows.ts';

export const FOLLOW_UP_NOTICES: Record<string, { kind: 'success' | 'info'; text: string }> = {
  sendt: { kind: 'success', text: 'Opfølgningen er sendt. Mailene ligger i udgående post og sendes nu.' },
  'intet-nyt': { kind: 'info', text: 'Der blev ikke sendt noget: alle programledere har allerede fået opfølgningen.' },
};

/** "Opfølgning sendt 28. maj 2025 kl. 14.05 til 196 modtagere i 98 kommuner", or null before the first send. */
export function sentLine(s: FollowUpStatus): string | null {
  if (!s.sentAt) return null;
  const people = s.recipients === 1 ? '1 modtager' : `${formatNumber(s.recipients)} modtagere`;
  const places = s.municipalities === 1 ? '1 kommune' : `${formatNumber(s.municipalities)} kommuner`;
  return `Opfølgning sendt ${formatDateTimeLong(s.sentAt)} til ${people} i ${places}`;
}

export type PreviewPageProps = {
  request: FastifyRequest;
  meeting: FollowUpMeeting;
  status: FollowUpStatus;
  /** The 98 for central staff's select; null for a municipality's user (their own only). */
  municipalities: MunicipalityName[] | null;
  preview: FollowUpPreview | null;
  canSend: boolean;
  started: boolean;
  notice?: { kind: 'success' | 'info' | 'warning' | 'error'; text: string } | undefined;
};

function Recipients(p: { preview: FollowUpPreview }): JSX.Element {
  const { preview } = p;
  const kommune = `${preview.municipality.name} Kommune`;
  if (preview.recipients.length === 0) {
    return <p safe>{`${kommune} har ingen programleder i rollegalleriet, så ingen i kommunen får opfølgningen.`}</p>;
  }
  return (
    <ResponsiveTable>
      <table class="table table--compact">
        <caption safe>{`Modtagere i ${kommune}`}</caption>
        <thead>
          <tr>
            <th scope="col">Navn</th>
            <th scope="col">E-mail</th>
            <th scope="col">Opfølgning</th>
          </tr>
        </thead>
        <tbody>
          {preview.recipients.map((r) => (
            <tr data-modtager={r.email}>
              <td safe>{r.name}</td>
              <td safe>{r.email}</td>
              <td>{r.sentAt ? `Sendt ${formatDateTime(r.sentAt)}` : 'Får den ved næste afsendelse'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

function SendForm(p: { request: FastifyRequest; meeting: FollowUpMeeting; code: string; started: boolean }): JSX.Element {
  if (!p.started) {
    return <p safe>{`Mødet begynder ${formatDateTimeLong(p.meeting.startsAt)}. Opfølgningen kan først sendes, når mødet er holdt.`}</p>;
  }
  return (
    <form method="post" action={followUpPath(p.meeting.id)}>
      <CsrfField token={p.request.csrfToken} />
      <RequestKeyField />
      <input type="hidden" name="kommune" value={p.code} />
      <p>
        Hver programleder i de 98 kommuner får sin kommunes opfølgning én gang. Programledere, der allerede har fået den, får ikke en til; en ny
        programleder får den ved næste afsendelse.
      </p>
      <button type="submit" class="button button-primary">
        Send opfølgningen til programlederne i alle 98 kommuner
      </button>
    </form>
  );
}

/**
 * The follow-up of one meeting: for central staff a municipality chosen from the 98, its recipients,
 * the subject and the text exactly as it will be sent, and the send button for editors; for a
 * municipality's users their own municipality's, and what it was sent.
 */
export function FollowUpPreviewPage(p: PreviewPageProps): JSX.Element {
  const title = `Opfølgning på ${p.meeting.title}`;
  const line = sentLine(p.status);
  const pv = p.preview;
  return (
    <Layout title={title} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="moeder">
      <Breadcrumbs trail={[{ href: '/moeder', label: 'Møder' }, { href: meetingPath(p.meeting.id), label: p.meeting.title }]} current="Opfølgning" />
      <h1 safe>{title}</h1>
      <p class="font-lead" safe>{`Mødet ${formatDateLong(p.meeting.startsAt)}: materialet, optagelsen og hver kommunes egen opgørelse over, hvad den mangler, til kommunens programledere.`}</p>
      {p.notice ? <Notice kind={p.notice.kind} text={p.notice.text} /> : ''}
      <p data-status safe>{line ?? (p.municipalities ? 'Opfølgningen er ikke sendt endnu.' : 'Opfølgningen er ikke sendt til jeres kommune endnu.')}</p>
      {p.municipalities ? (
        <form method="get" action={followUpPath(p.meeting.id)} class="samspil-filter">
          <SelectField
            name="kommune"
            label="Kommune"
            value={pv?.municipality.code ?? ''}
            options={p.municipalities.map((m) => ({ value: m.code, label: m.name }))}
            emptyLabel="Vælg en kommune"
          />
          <button type="submit" class="button button-secondary">
            Vis kommunens opfølgning
          </button>
        </form>
      ) : (
        ''
      )}
      {pv ? (
        <section aria-labelledby="forhaandsvisning">
          <h2 id="forhaandsvisning" safe>{`${pv.municipality.name} Kommune`}</h2>
          <Recipients preview={pv} />
          {pv.formerRecipients.length > 0 ? (
            <p safe>{`Også sendt til tidligere programledere: ${pv.formerRecipients.map((r) => `${r.email} (${formatDateTime(r.sentAt)})`).join(', ')}.`}</p>
          ) : (
            ''
          )}
          <h3>Mailen, som den sendes nu</h3>
          <p>
            <strong>Emne:</strong> <span data-emne safe>{pv.subject}</span>
          </p>
          <pre class="samspil-mail-text" data-tekst tabindex="0" aria-label="Mailens tekst" safe>
            {pv.text}
          </pre>
          {pv.sent?.text && pv.sent.text !== pv.text ? (
            <details>
              <summary safe>{`Mailen, som den blev sendt ${formatDateTimeLong(pv.sent.at)}`}</summary>
              <pre class="samspil-mail-text" tabindex="0" aria-label="Den sendte mails tekst" safe>
                {pv.sent.text}
              </pre>
            </details>
          ) : (
            ''
          )}
          {p.canSend ? <SendForm request={p.request} meeting={p.meeting} code={pv.municipality.code} started={p.started} /> : ''}
        </section>
      ) : (
        <p>Vælg en kommune for at se dens modtagere og mailen, som den sendes.</p>
      )}
    </Layout>
  );
}

import type { FastifyRequest } from 'fastify';
import { Breadcrumbs } from '../../../../platform/views/breadcrumbs.tsx';
import { CsrfField, Notice } from '../../../../platform/views/components.tsx';
import { formatDateLong } from '../../../../platform/views/format.ts';
import { Layout } from '../../../../platform/views/layout.tsx';
import { meetingPath } from '../../paths.ts';
import type { AgendaOptions } from '../agenda-options.ts';
import type { MeetingRow } from '../../meeting-row.ts';
import type { AgendaItem } from '../load-meeting.ts';
import { AgendaItemForm } from './agenda-item-form.tsx';
import type { FormState } from './meeting-form-page.tsx';
import type { PageNotice } from './meetings-page.tsx';

export const AGENDA_NOTICES: Record<string, PageNotice> = {
  tilfoejet: { kind: 'success', text: 'Punktet er tilføjet dagsordenen.' },
  gemt: { kind: 'success', text: 'Punktet er gemt.' },
  uaendret: { kind: 'info', text: 'Der var ingen ændringer at gemme.' },
  flyttet: { kind: 'success', text: 'Punktet er flyttet.' },
  'ikke-flyttet': { kind: 'info', text: 'Punktet var allerede flyttet.' },
  slettet: { kind: 'success', text: 'Punktet er slettet.' },
  'allerede-slettet': { kind: 'info', text: 'Punktet var allerede slettet.' },
};

function Move(p: { request: FastifyRequest; meetingId: string; item: AgendaItem; direction: 'op' | 'ned'; label: string }): JSX.Element {
  return (
    <form method="post" action={`/moeder/${p.meetingId}/dagsorden/${p.item.id}/flyt`}>
      <CsrfField token={p.request.csrfToken} />
      <input type="hidden" name="retning" value={p.direction} />
      <input type="hidden" name="fra" value={String(p.item.position)} />
      <button type="submit" class="button button-tertiary" aria-label={`${p.label}: ${p.item.title}`} safe>
        {p.label}
      </button>
    </form>
  );
}

/** Central editors build the agenda: the items in order with move, edit and delete, and a form to add one. */
export function AgendaPage(p: { request: FastifyRequest; meeting: MeetingRow; agenda: AgendaItem[]; options: AgendaOptions; form: FormState; notice: PageNotice | undefined }): JSX.Element {
  const m = p.meeting;
  return (
    <Layout title={`Dagsorden: ${m.title}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="moeder">
      <Breadcrumbs trail={[{ href: '/moeder', label: 'Møder' }, { href: meetingPath(m.id), label: m.title }]} current="Dagsorden" />
      {p.notice ? <Notice kind={p.notice.kind} text={p.notice.text} /> : ''}
      <h1 safe>{`Dagsorden: ${m.title}`}</h1>
      <p class="font-lead" safe>{formatDateLong(m.startsAt)}</p>
      {p.agenda.length === 0 ? <p>Dagsordenen har ingen punkter endnu.</p> : ''}
      <ol>
        {p.agenda.map((item, i) => (
          <li>
            <strong safe>{item.title}</strong>
            {item.minutes ? <span safe>{` (${item.minutes} min.)`}</span> : ''}
            <div class="samspil-actions">
              {i > 0 ? <Move request={p.request} meetingId={m.id} item={item} direction="op" label="Flyt op" /> : ''}
              {i < p.agenda.length - 1 ? <Move request={p.request} meetingId={m.id} item={item} direction="ned" label="Flyt ned" /> : ''}
              <a href={`/moeder/${m.id}/dagsorden/${item.id}`} class="function-link" aria-label={`Ret ${item.title}`}>
                Ret
              </a>
              <form method="post" action={`/moeder/${m.id}/dagsorden/${item.id}/slet`}>
                <CsrfField token={p.request.csrfToken} />
                <button type="submit" class="button button-tertiary" aria-label={`Slet ${item.title}`}>
                  Slet
                </button>
              </form>
            </div>
          </li>
        ))}
      </ol>
      <h2>Tilføj et punkt</h2>
      <AgendaItemForm request={p.request} meetingId={m.id} itemId={null} state={p.form} options={p.options} />
    </Layout>
  );
}

export function AgendaItemPage(p: { request: FastifyRequest; meeting: MeetingRow; itemId: string; options: AgendaOptions; form: FormState }): JSX.Element {
  const m = p.meeting;
  return (
    <Layout title="Ret dagsordenspunktet" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="moeder">
      <Breadcrumbs
        trail={[
          { href: '/moeder', label: 'Møder' },
          { href: meetingPath(m.id), label: m.title },
          { href: `/moeder/${m.id}/dagsorden`, label: 'Dagsorden' },
        ]}
        current="Ret punktet"
      />
      <h1>Ret dagsordenspunktet</h1>
      <AgendaItemForm request={p.request} meetingId={m.id} itemId={p.itemId} state={p.form} options={p.options} />
    </Layout>
  );
}

import type { FastifyRequest } from 'fastify';
import { Breadcrumbs } from '../../../../platform/views/breadcrumbs.tsx';
import { Checkbox } from '../../../../platform/views/choices.tsx';
import { Notice, PlainText } from '../../../../platform/views/components.tsx';
import { formatDate } from '../../../../platform/views/format.ts';
import { Layout } from '../../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../../platform/views/table.tsx';
import { KIND_LABELS } from '../inputs.ts';
import type { InputRow, MeetingOption } from '../queries.ts';
import { forLabel, InputState, meetingLabel, PlaceForm } from './input-parts.tsx';

/** Every municipality's input in one table; editors place what is not placed yet. */
export function CentralInputTable(p: { rows: InputRow[]; caption: string; coming: MeetingOption[]; canPlace: boolean; fixed?: MeetingOption; back?: string; csrfToken: string | undefined }): JSX.Element {
  return (
    <ResponsiveTable>
      <table class="table table--compact">
        <caption safe>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Kommune</th>
            <th scope="col">Overskrift</th>
            <th scope="col">Slags</th>
            <th scope="col">Til mødet</th>
            <th scope="col">Sendt</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <td safe>{r.municipalityName}</td>
              <td>
                <strong safe>{r.title}</strong>
                {r.body ? <PlainText text={r.body} /> : ''}
              </td>
              <td safe>{KIND_LABELS[r.kind]}</td>
              <td safe>{forLabel(r)}</td>
              <td safe>{formatDate(r.submittedAt)}</td>
              <td>
                <InputState row={r} />
                {p.canPlace && !r.placed && (p.fixed || p.coming.length > 0) ? (
                  <PlaceForm row={r} coming={p.coming} fixed={p.fixed} back={p.back} csrfToken={p.csrfToken} />
                ) : (
                  ''
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

/** `/moeder/input` for central staff: all municipalities' input, filtered by meeting and "ikke placeret", a page at a time. */
export function CentralInputPage({ children: pager, ...p }: {
  request: FastifyRequest;
  rows: InputRow[];
  total: number;
  /** The pager under the list. */
  children: JSX.Element;
  meetings: MeetingOption[];
  coming: MeetingOption[];
  filter: { meeting: string; unplaced: boolean };
  canPlace: boolean;
  notice?: { kind: 'success' | 'info' | 'error'; text: string } | undefined;
}): JSX.Element {
  const f = p.filter;
  return (
    <Layout title="Input til kommende møder" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="moeder">
      <Breadcrumbs trail={[{ href: '/moeder', label: 'Møder' }]} current="Input til kommende møder" />
      <h1>Input til kommende møder</h1>
      <p>Kommunernes emner og spørgsmål til de kommende programledermøder.</p>
      {p.notice ? <Notice kind={p.notice.kind} text={p.notice.text} /> : ''}
      <form method="get" action="/moeder/input" class="samspil-filter">
        <div class="form-group">
          <label class="form-label" for="felt-moede">
            Til mødet
          </label>
          <select class="form-select" id="felt-moede" name="moede">
            <option value="" selected={f.meeting === ''}>
              Alle møder
            </option>
            <option value="naeste" selected={f.meeting === 'naeste'}>
              Næste møde (intet møde valgt)
            </option>
            {p.meetings.map((m) => (
              <option value={m.id} selected={f.meeting === m.id} safe>
                {meetingLabel(m)}
              </option>
            ))}
          </select>
        </div>
        <Checkbox name="ikke-placeret" value="1" id="felt-ikke-placeret" label="Kun input, der ikke er sat på en dagsorden" checked={f.unplaced} />
        <button type="submit" class="button button-secondary">
          Vis
        </button>
      </form>
      {p.rows.length === 0 ? (
        <p>Der er intet input, der passer på valget.</p>
      ) : (
        <CentralInputTable rows={p.rows} caption={`Input fra kommunerne (${p.total})`} coming={p.coming} canPlace={p.canPlace} csrfToken={p.request.csrfToken} />
      )}
      {pager}
    </Layout>
  );
}

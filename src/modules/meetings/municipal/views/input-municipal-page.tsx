import type { FastifyRequest } from 'fastify';
import { RequestKeyField } from '../../../../platform/idempotency/request-key-field.tsx';
import { Breadcrumbs } from '../../../../platform/views/breadcrumbs.tsx';
import { Radio } from '../../../../platform/views/choices.tsx';
import { CsrfField, ErrorSummary, ErrorText, Notice, PlainText, SelectField, TextArea, TextField } from '../../../../platform/views/components.tsx';
import { formatDate } from '../../../../platform/views/format.ts';
import { Layout } from '../../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../../platform/views/table.tsx';
import { KIND_LABELS, meetingInputLabels } from '../inputs.ts';
import type { InputRow, MeetingOption } from '../queries.ts';
import type { FormState } from './attendance.tsx';
import { forLabel, InputState, meetingLabel } from './input-parts.tsx';

const text = (v: unknown) => (typeof v === 'string' ? v : '');

function InputForm(p: { coming: MeetingOption[]; state: FormState; csrfToken: string | undefined }): JSX.Element {
  const v = p.state.values;
  const e = p.state.errors;
  const kind = text(v.kind);
  return (
    <>
      <ErrorSummary errors={e} labels={meetingInputLabels} />
      <form method="post" action="/moeder/input" novalidate>
        <CsrfField token={p.csrfToken} />
        <RequestKeyField value={v.requestKey} />
        <fieldset class={e.kind ? 'form-group form-error' : 'form-group'} id="felt-kind">
          <legend class="form-label">Hvad vil I sende?</legend>
          <ErrorText id="felt-kind" error={e.kind} />
          <Radio name="kind" value="emne" id="felt-kind-emne" label="Et emne, vi ønsker på dagsordenen" checked={kind === 'emne'} />
          <Radio name="kind" value="spoergsmaal" id="felt-kind-spoergsmaal" label="Et spørgsmål, vi ønsker svar på" checked={kind === 'spoergsmaal'} />
        </fieldset>
        <TextField name="title" label="Overskrift" value={text(v.title)} error={e.title} required />
        <TextArea name="body" label="Tekst" value={text(v.body)} error={e.body} rows={6} hint="Skriv gerne baggrunden, så oplægsholderen kan forberede sig." />
        <SelectField
          name="meetingId"
          label="Til mødet"
          value={text(v.meetingId)}
          error={e.meetingId}
          options={p.coming.map((m) => ({ value: m.id, label: meetingLabel(m) }))}
          emptyLabel="Næste møde"
        />
        <button type="submit" class="button button-primary">
          Send inputtet
        </button>
      </form>
    </>
  );
}

function OwnInput(p: { rows: InputRow[]; canWithdraw: boolean; csrfToken: string | undefined }): JSX.Element {
  return (
    <ResponsiveTable>
      <table class="table table--compact">
        <caption>Jeres input</caption>
        <thead>
          <tr>
            <th scope="col">Overskrift</th>
            <th scope="col">Slags</th>
            <th scope="col">Til mødet</th>
            <th scope="col">Sendt</th>
            <th scope="col">Status</th>
            {p.canWithdraw ? <th scope="col">Træk tilbage</th> : ''}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <td>
                <strong safe>{r.title}</strong>
                {r.body ? <PlainText text={r.body} /> : ''}
              </td>
              <td safe>{KIND_LABELS[r.kind]}</td>
              <td safe>{forLabel(r)}</td>
              <td safe>{formatDate(r.submittedAt)}</td>
              <td>
                <InputState row={r} />
              </td>
              {p.canWithdraw ? (
                <td>
                  {r.placed ? (
                    ''
                  ) : (
                    <form method="post" action={`/moeder/input/${r.id}/traek-tilbage`} class="samspil-inline-form">
                      <CsrfField token={p.csrfToken} />
                      <button type="submit" class="button button-tertiary">
                        Træk tilbage<span class="sr-only" safe>{`: ${r.title}`}</span>
                      </button>
                    </form>
                  )}
                </td>
              ) : (
                ''
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

/** `/moeder/input` for a municipality: the form (for those who speak for it) and its own input with each one's state. */
export function MunicipalInputPage({ children: pager, ...p }: {
  request: FastifyRequest;
  municipalityName: string;
  coming: MeetingOption[];
  rows: InputRow[];
  /** The pager under the list. */
  children: JSX.Element;
  canSubmit: boolean;
  form: FormState;
  notice?: { kind: 'success' | 'info' | 'error'; text: string } | undefined;
}): JSX.Element {
  return (
    <Layout title="Input til kommende møder" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="moeder">
      <Breadcrumbs trail={[{ href: '/moeder', label: 'Møder' }]} current="Input til kommende møder" />
      <h1>Input til kommende møder</h1>
      <p>Send emner og spørgsmål, som I ønsker taget op på et kommende programledermøde. KOMBIT ser alle kommuners input og sætter det på dagsordenen.</p>
      {p.notice ? <Notice kind={p.notice.kind} text={p.notice.text} /> : ''}
      {p.canSubmit ? (
        <>
          <h2>Send input</h2>
          <InputForm coming={p.coming} state={p.form} csrfToken={p.request.csrfToken} />
        </>
      ) : (
        <p>Kommunens programleder, KLIK-administrator og IT-chef sender input.</p>
      )}
      <h2 safe>{`Input fra ${p.municipalityName} Kommune`}</h2>
      {p.rows.length === 0 ? <p>I har ikke sendt input endnu.</p> : <OwnInput rows={p.rows} canWithdraw={p.canSubmit} csrfToken={p.request.csrfToken} />}
      {pager}
    </Layout>
  );
}

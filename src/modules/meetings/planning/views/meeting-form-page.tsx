import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../../platform/errors.ts';
import { RequestKeyField } from '../../../../platform/idempotency/request-key-field.tsx';
import { Breadcrumbs } from '../../../../platform/views/breadcrumbs.tsx';
import { CsrfField, ErrorSummary, Notice, TextArea, TextField } from '../../../../platform/views/components.tsx';
import { formatDateTimeLong } from '../../../../platform/views/format.ts';
import { Layout } from '../../../../platform/views/layout.tsx';
import { meetingPath } from '../../paths.ts';
import type { MeetingRow } from '../../meeting-row.ts';
import { meetingLabels } from '../meeting-input.ts';

export type FormState = { values: Record<string, unknown>; errors: FieldErrors };

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** Plan a new meeting (id null) or correct one; new and edit share the form. */
export function MeetingFormPage(p: { request: FastifyRequest; id: string | null; state: FormState }): JSX.Element {
  const v = p.state.values;
  const e = p.state.errors;
  const title = p.id ? 'Ret mødet' : 'Nyt møde';
  return (
    <Layout title={title} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="moeder">
      <Breadcrumbs trail={[{ href: '/moeder', label: 'Møder' }, ...(p.id ? [{ href: meetingPath(p.id), label: text(v.title) || 'Mødet' }] : [])]} current={title} />
      <h1>{title}</h1>
      <ErrorSummary errors={e} labels={meetingLabels} />
      <form method="post" action={p.id ? meetingPath(p.id) : '/moeder'} novalidate>
        <CsrfField token={p.request.csrfToken} />
        {p.id ? '' : <RequestKeyField value={v.requestKey} />}
        <TextField name="title" label="Titel" value={text(v.title)} error={e.title} required />
        <TextField name="day" label="Dag" value={text(v.day)} error={e.day} hint="dd.mm.åååå, fx 28.05.2025" required />
        <TextField name="startTime" label="Begynder" value={text(v.startTime)} error={e.startTime} hint="tt.mm, dansk tid, fx 10.00" required />
        <TextField name="endTime" label="Slutter" value={text(v.endTime)} error={e.endTime} hint="tt.mm, fx 12.00" required />
        <TextField name="place" label="Sted" value={text(v.place)} error={e.place} hint="Adresse og lokale; kan udelades ved et rent onlinemøde." />
        <TextField name="onlineLink" label="Link til onlinemødet" type="url" value={text(v.onlineLink)} error={e.onlineLink} hint="https://…" />
        <TextArea name="practicalInfo" label="Praktisk information" value={text(v.practicalInfo)} error={e.practicalInfo} rows={6} hint="Markdown: **fed**, *kursiv*, punktlister med - og links som [tekst](https://…)." />
        <TextField name="recordingLink" label="Link til optagelsen" type="url" value={text(v.recordingLink)} error={e.recordingLink} hint="Lægges på efter mødet." />
        <button type="submit" class="button button-primary">
          Gem mødet
        </button>
      </form>
    </Layout>
  );
}

/** Confirms deleting a meeting; a meeting whose follow-up was sent is refused by the use case (409). */
export function DeleteMeetingPage(p: { request: FastifyRequest; meeting: MeetingRow; error?: string | undefined }): JSX.Element {
  const m = p.meeting;
  return (
    <Layout title="Slet mødet" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="moeder">
      <Breadcrumbs trail={[{ href: '/moeder', label: 'Møder' }, { href: meetingPath(m.id), label: m.title }]} current="Slet mødet" />
      <h1>Slet mødet?</h1>
      {p.error ? <Notice kind="error" text={p.error} /> : ''}
      <p safe>{`${m.title}, ${formatDateTimeLong(m.startsAt)}. Dagsorden, materiale og tilmeldinger slettes med mødet. Det kan ikke fortrydes.`}</p>
      <form method="post" action={`/moeder/${m.id}/slet`} class="samspil-actions">
        <CsrfField token={p.request.csrfToken} />
        <button type="submit" class="button button-primary">
          Ja, slet mødet
        </button>
        <a href={meetingPath(m.id)} class="function-link">
          Nej, behold mødet
        </a>
      </form>
    </Layout>
  );
}

import { TextArea, TextField } from '../../../platform/views/components.tsx';
import { eventLabels } from '../news-input.ts';
import type { FormState } from './news-form-page.tsx';

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** An event's fields, the same for a new event and a correction: date, time, title, place, participants, link, description. */
export function EventFields(p: { state: FormState }): JSX.Element {
  const v = p.state.values;
  const e = p.state.errors;
  const l = eventLabels;
  return (
    <>
      <TextField name="title" label={l.title!} value={text(v.title)} error={e.title} required />
      <TextField name="date" label={l.date!} type="date" value={text(v.date)} error={e.date} required />
      <TextField name="time" label={l.time!} value={text(v.time)} error={e.time} hint="tt.mm, fx 14.30" required />
      <TextField name="place" label={l.place!} value={text(v.place)} error={e.place} />
      <TextArea name="participants" label={l.participants!} value={text(v.participants)} error={e.participants} rows={3} />
      <TextField name="link" label={l.link!} type="url" value={text(v.link)} error={e.link} hint="https://…" />
      <TextArea name="description" label={l.description!} value={text(v.description)} error={e.description} rows={4} />
    </>
  );
}

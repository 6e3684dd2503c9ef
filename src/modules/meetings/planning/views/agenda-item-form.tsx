import type { FastifyRequest } from 'fastify';
import { RequestKeyField } from '../../../../platform/idempotency/request-key-field.tsx';
import { CsrfField, ErrorSummary, ErrorText, fieldId, TextArea, TextField } from '../../../../platform/views/components.tsx';
import type { AgendaOptions, Option } from '../agenda-options.ts';
import { agendaLabels } from '../meeting-input.ts';
import type { FormState } from './meeting-form-page.tsx';

const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** A multiple select: keyboard usable, one line per choice; the hint says how to choose several. */
function MultiSelect(p: { name: string; label: string; options: Option[]; chosen: string[]; error: string | undefined }): JSX.Element {
  const id = fieldId(p.name);
  return (
    <div class={p.error ? 'form-group form-error' : 'form-group'}>
      <label class="form-label" for={id}>
        <span safe>{p.label}</span>
        <span class="weight-normal"> (valgfri)</span>
      </label>
      <span class="form-hint" id={`${id}-hint`}>
        Hold Ctrl (Cmd på Mac) nede for at vælge flere.
      </span>
      <ErrorText id={id} error={p.error} />
      <select class="form-select" id={id} name={p.name} multiple="multiple" size={String(Math.min(8, Math.max(3, p.options.length)))} aria-describedby={p.error ? `${id}-hint ${id}-error` : `${id}-hint`}>
        {p.options.map((o) => (
          <option value={o.value} selected={p.chosen.includes(o.value)} safe>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Add an item (itemId null) or correct one: title, minutes, description, presenters and links. */
export function AgendaItemForm(p: { request: FastifyRequest; meetingId: string; itemId: string | null; state: FormState; options: AgendaOptions }): JSX.Element {
  const v = p.state.values;
  const e = p.state.errors;
  return (
    <>
      <ErrorSummary errors={e} labels={agendaLabels} />
      <form method="post" action={p.itemId ? `/moeder/${p.meetingId}/dagsorden/${p.itemId}` : `/moeder/${p.meetingId}/dagsorden`} novalidate>
        <CsrfField token={p.request.csrfToken} />
        {p.itemId ? '' : <RequestKeyField value={v.requestKey} />}
        <TextField name="title" label="Titel" value={text(v.title)} error={e.title} required />
        <TextField name="minutes" label="Minutter" value={text(v.minutes)} error={e.minutes} hint="Punktets varighed, fx 30" />
        <TextArea name="description" label="Beskrivelse" value={text(v.description)} error={e.description} rows={5} hint="Markdown: **fed**, *kursiv*, punktlister med - og links." />
        <MultiSelect name="presenters" label="Oplægsholdere (KOMBITs medarbejdere)" options={p.options.people} chosen={list(v.presenters)} error={e.presenters} />
        <MultiSelect name="news" label="Nyheder" options={p.options.news} chosen={list(v.news)} error={e.news} />
        <MultiSelect name="programmes" label="Programmer" options={p.options.programmes} chosen={list(v.programmes)} error={e.programmes} />
        <MultiSelect name="tasks" label="Opgaver" options={p.options.tasks} chosen={list(v.tasks)} error={e.tasks} />
        <MultiSelect name="agreements" label="Aftaler" options={p.options.agreements} chosen={list(v.agreements)} error={e.agreements} />
        <button type="submit" class="button button-primary">
          {p.itemId ? 'Gem punktet' : 'Tilføj punktet'}
        </button>
      </form>
    </>
  );
}

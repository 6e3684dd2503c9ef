import type { FieldErrors } from '../../../../platform/errors.ts';
import { RequestKeyField } from '../../../../platform/idempotency/request-key-field.tsx';
import { Checkbox } from '../../../../platform/views/choices.tsx';
import { CsrfField, ErrorText, fieldId, TextArea, TextField } from '../../../../platform/views/components.tsx';

/** A form's values as sent back after an error (or read from the row): text by field name. */
export type FormValues = Record<string, unknown>;
export type FormState = { values: FormValues; errors: FieldErrors };

export const valueOf = (values: FormValues, name: string): string => {
  const v = values[name];
  return typeof v === 'string' ? v : '';
};

export type MunicipalityOption = { code: string; name: string };

/** A seat's fields, for adding one on the council page and correcting one on its own page. */
export function MemberFields(p: { state: FormState; municipalities: MunicipalityOption[] }): JSX.Element {
  const v = (name: string) => valueOf(p.state.values, name);
  const e = p.state.errors;
  const id = fieldId('municipalityCode');
  const chair = p.state.values.chair;
  return (
    <>
      <TextField name="seat" label="Plads" value={v('seat')} error={e.seat} hint="Den plads, medlemmet udfylder, fx Kommunaldirektør, KKR Hovedstaden." required />
      <TextField name="name" label="Navn" value={v('name')} error={e.name} hint="Lad feltet stå tomt, hvis pladsen er ledig." autocomplete="off" />
      <div class={e.municipalityCode ? 'form-group form-error' : 'form-group'}>
        <label class="form-label" for={id}>
          Kommune <span class="weight-normal">(valgfri)</span>
        </label>
        <span class="form-hint" id={`${id}-hint`}>
          Hvis medlemmet kommer fra en kommune. Organisationen bliver kommunen, når feltet nedenfor står tomt.
        </span>
        <ErrorText id={id} error={e.municipalityCode} />
        <select class="form-select" id={id} name="municipalityCode" aria-describedby={[`${id}-hint`, e.municipalityCode ? `${id}-error` : ''].filter(Boolean).join(' ')}>
          <option value="">Ingen kommune</option>
          {p.municipalities.map((m) => (
            <option value={m.code} selected={v('municipalityCode') === m.code} safe>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      <TextField name="organisation" label="Organisation" value={v('organisation')} error={e.organisation} hint="Fx KL, ATP (UDK) eller KOMBIT." autocomplete="organization" />
      <Checkbox name="chair" label="Medlemmet er rådets forperson" checked={chair === 'on' || chair === true} error={e.chair} />
    </>
  );
}

/** A meeting's fields, for planning one on the council page and correcting one on its own page. */
export function MeetingFields(p: { state: FormState }): JSX.Element {
  const v = (name: string) => valueOf(p.state.values, name);
  const e = p.state.errors;
  return (
    <>
      <TextField name="date" label="Dato" type="date" value={v('date')} error={e.date} hint="Et råd holder højst ét møde pr. dag." required />
      <TextField name="title" label="Titel" value={v('title')} error={e.title} hint="Fx 1. Porteføljerådsmøde 2026." required />
      <TextField name="location" label="Sted" value={v('location')} error={e.location} hint="Fx KOMBIT, Halfdansgade 8, København S, eller Online." />
    </>
  );
}

/** An agenda item's fields; the decision only once the item exists (editing). */
export function ItemFields(p: { state: FormState; withDecision: boolean }): JSX.Element {
  const v = (name: string) => valueOf(p.state.values, name);
  const e = p.state.errors;
  return (
    <>
      <TextField name="title" label="Overskrift" value={v('title')} error={e.title} required />
      <TextArea name="description" label="Beskrivelse" value={v('description')} error={e.description} rows={4} hint="Sagsfremstilling og indstilling." />
      {p.withDecision ? (
        <TextArea name="decision" label="Beslutning" value={v('decision')} error={e.decision} rows={4} hint="Det, rådet besluttede. Lad feltet stå tomt, indtil punktet er behandlet." />
      ) : (
        ''
      )}
    </>
  );
}

/** The hidden fields of a form; `withKey` for a form that adds a row, so a double submit adds it once (the key survives a redraw after an error). */
export function FormHead(p: { csrfToken: string | undefined; withKey?: boolean; values?: FormValues }): JSX.Element {
  return (
    <>
      <CsrfField token={p.csrfToken} />
      {p.withKey ? <RequestKeyField value={p.values?.requestKey} /> : ''}
    </>
  );
}

import type { FieldErrors } from '../../../../platform/errors.ts';
import { RequestKeyField } from '../../../../platform/idempotency/request-key-field.tsx';
import { Radio } from '../../../../platform/views/choices.tsx';
import { CsrfField, ErrorSummary, ErrorText, SelectField, TextField } from '../../../../platform/views/components.tsx';
import { formatDateTime, formatNumber } from '../../../../platform/views/format.ts';
import { ResponsiveTable } from '../../../../platform/views/table.tsx';
import { attendanceLabel, attendeeLabels } from '../inputs.ts';
import { attendeesPath } from '../../paths.ts';
import type { AttendanceCount, AttendeeRow, PersonOption } from '../queries.ts';

export type FormState = { values: Record<string, unknown>; errors: FieldErrors };
export const emptyForm = (): FormState => ({ values: {}, errors: {} });

export const ATTENDANCE_NOTICES: Record<string, { kind: 'success' | 'info'; text: string }> = {
  tilmeldt: { kind: 'success', text: 'Deltageren er tilmeldt.' },
  fjernet: { kind: 'success', text: 'Deltageren er afmeldt.' },
  'allerede-fjernet': { kind: 'info', text: 'Deltageren var allerede afmeldt.' },
};

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** Where a form sent from the meeting page returns to after it succeeded. */
export const BACK_FIELD = 'tilbage';
function BackField(p: { back?: string | undefined }): JSX.Element {
  return p.back ? <input type="hidden" name={BACK_FIELD} value={p.back} /> : <></>;
}

/** A municipality's registrations (or, for central staff, everyone's with the municipality first). */
export function AttendeeTable(p: { meetingId: string; rows: AttendeeRow[]; caption: string; showMunicipality: boolean; canRemove: boolean; back?: string | undefined; csrfToken: string | undefined }): JSX.Element {
  return (
    <ResponsiveTable>
      <table class="table table--compact">
        <caption safe>{p.caption}</caption>
        <thead>
          <tr>
            {p.showMunicipality ? <th scope="col">Kommune</th> : ''}
            <th scope="col">Navn</th>
            <th scope="col">E-mail</th>
            <th scope="col">Deltager</th>
            <th scope="col">Tilmeldt</th>
            {p.canRemove ? <th scope="col">Afmeld</th> : ''}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              {p.showMunicipality ? <td safe>{r.municipalityName}</td> : ''}
              <th scope="row" safe>
                {r.name}
              </th>
              <td safe>{r.email}</td>
              <td>{attendanceLabel(r.online)}</td>
              <td safe>{formatDateTime(r.registeredAt)}</td>
              {p.canRemove ? (
                <td>
                  <form method="post" action={`${attendeesPath(p.meetingId)}/${r.id}/slet`} class="samspil-inline-form">
                    <CsrfField token={p.csrfToken} />
                    <BackField back={p.back} />
                    <button type="submit" class="button button-tertiary">
                      Afmeld<span class="sr-only" safe>{` ${r.name}`}</span>
                    </button>
                  </form>
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

/** Register someone: a person of the role gallery, or a typed name and e-mail; in person or online. */
export function AttendeeForm(p: { meetingId: string; people: PersonOption[]; state: FormState; back?: string | undefined; csrfToken: string | undefined }): JSX.Element {
  const v = p.state.values;
  const e = p.state.errors;
  const online = text(v.online);
  return (
    <>
      <ErrorSummary errors={e} labels={attendeeLabels} />
      <form method="post" action={attendeesPath(p.meetingId)} novalidate>
        <CsrfField token={p.csrfToken} />
        <RequestKeyField value={v.requestKey} />
        <BackField back={p.back} />
        <SelectField
          name="personId"
          label="Person fra kommunens rollegalleri"
          value={text(v.personId)}
          error={e.personId}
          options={p.people}
          emptyLabel="Ingen valgt – skriv navn og e-mail herunder"
        />
        <TextField name="name" label="Navn" value={text(v.name)} error={e.name} hint="Kun når deltageren ikke er valgt fra rollegalleriet." />
        <TextField name="email" label="E-mail" type="email" value={text(v.email)} error={e.email} autocomplete="email" />
        <fieldset class={e.online ? 'form-group form-error' : 'form-group'} id="felt-online">
          <legend class="form-label">Deltager</legend>
          <ErrorText id="felt-online" error={e.online} />
          <Radio name="online" value="fremmoede" id="felt-online-fremmoede" label="Fremmøde" checked={online !== 'online'} />
          <Radio name="online" value="online" id="felt-online-online" label="Online" checked={online === 'online'} />
        </fieldset>
        <button type="submit" class="button button-primary">
          Tilmeld deltageren
        </button>
      </form>
    </>
  );
}

/** Registrations per municipality, for central staff. */
export function CountsTable(p: { counts: AttendanceCount[] }): JSX.Element {
  return (
    <ResponsiveTable>
      <table class="table table--compact">
        <caption>Tilmeldte pr. kommune</caption>
        <thead>
          <tr>
            <th scope="col">Kommune</th>
            <th scope="col" class="text-align-right">
              Tilmeldte
            </th>
            <th scope="col" class="text-align-right">
              Heraf online
            </th>
          </tr>
        </thead>
        <tbody>
          {p.counts.map((c) => (
            <tr>
              <th scope="row" safe>
                {c.name}
              </th>
              <td class="text-align-right" safe>
                {formatNumber(c.attendees)}
              </td>
              <td class="text-align-right" safe>
                {formatNumber(c.online)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

/** "23 tilmeldte fra 9 kommuner, heraf 7 online." */
export function countsSummary(counts: AttendanceCount[]): string {
  const total = counts.reduce((s, c) => s + c.attendees, 0);
  const online = counts.reduce((s, c) => s + c.online, 0);
  if (total === 0) return 'Ingen kommuner har tilmeldt deltagere endnu.';
  const kommuner = counts.length === 1 ? '1 kommune' : `${formatNumber(counts.length)} kommuner`;
  return `${formatNumber(total)} ${total === 1 ? 'tilmeldt' : 'tilmeldte'} fra ${kommuner}, heraf ${formatNumber(online)} online.`;
}

export type MunicipalAttendanceData = {
  meetingId: string;
  municipalityName: string;
  rows: AttendeeRow[];
  ended: boolean;
  canRegister: boolean;
  people: PersonOption[];
};

/** A municipality's part of a meeting: its registrations and, for those who speak for it, the form. */
export function MunicipalAttendance(p: { data: MunicipalAttendanceData; form: FormState; csrfToken: string | undefined; headingLevel: 2 | 3; back?: string | undefined }): JSX.Element {
  const d = p.data;
  const editable = d.canRegister && !d.ended;
  return (
    <>
      {d.rows.length === 0 ? (
        <p safe>{`${d.municipalityName} Kommune har ikke tilmeldt nogen deltagere.`}</p>
      ) : (
        <AttendeeTable meetingId={d.meetingId} rows={d.rows} caption={`Tilmeldt fra ${d.municipalityName} Kommune`} showMunicipality={false} canRemove={editable} back={p.back} csrfToken={p.csrfToken} />
      )}
      {d.ended ? <p>Mødet er slut, så tilmeldingerne kan ikke længere ændres.</p> : ''}
      {editable ? (
        <>
          {p.headingLevel === 2 ? <h2>Tilmeld en deltager</h2> : <h3>Tilmeld en deltager</h3>}
          <AttendeeForm meetingId={d.meetingId} people={d.people} state={p.form} back={p.back} csrfToken={p.csrfToken} />
        </>
      ) : (
        ''
      )}
      {!d.ended && !d.canRegister ? <p>Kommunens programleder, KLIK-administrator og IT-chef tilmelder deltagere.</p> : ''}
    </>
  );
}

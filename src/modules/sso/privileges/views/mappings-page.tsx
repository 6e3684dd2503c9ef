import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../../platform/errors.ts';
import { RequestKeyField } from '../../../../platform/idempotency/request-key-field.tsx';
import { CsrfField, ErrorSummary, Notice, SelectField, TextField } from '../../../../platform/views/components.tsx';
import { formatDateTime, formatNumber } from '../../../../platform/views/format.ts';
import { Layout } from '../../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../../platform/views/table.tsx';
import { MAPPINGS_PATH } from '../../paths.ts';
import type { MappingRow, NotGrantedRow, Option, UnmappedRow } from '../load-mappings.ts';

export const MAPPING_NOTICES: Record<string, string> = {
  tilfoejet: 'Tilknytningen er gemt. Den gælder fra brugernes næste log ind.',
  fjernet: 'Tilknytningen er fjernet.',
};
export const MAPPING_LABELS = { privilege: 'Rettighed (URI)', roleTypeKey: 'Rolle', solutionKey: 'Løsning' };

export type MappingForm = { values: Record<string, string>; errors: FieldErrors };

/** The mapping table central administrators edit, the form to add one, and what maps to nothing. */
export function MappingsPage(p: {
  request: FastifyRequest;
  mappings: MappingRow[];
  unmapped: UnmappedRow[];
  notGranted: NotGrantedRow[];
  roles: Option[];
  solutions: Option[];
  form: MappingForm;
  notice?: string | undefined;
}): JSX.Element {
  const v = p.form.values;
  const e = p.form.errors;
  return (
    <Layout title="Rettigheder fra Context Handler" actor={p.request.actor} csrfToken={p.request.csrfToken}>
      <h1>Rettigheder fra Context Handler</h1>
      <p class="font-lead">
        Når en medarbejder logger ind med Context Handler, bliver rettighederne til roller i Samspil efter tabellen her. Roller, som tabellen
        nævner, styres af Context Handler: de gives og fjernes ved hvert log ind. Andre roller styres i kommunens rollegalleri.
      </p>
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <ErrorSummary errors={e} labels={MAPPING_LABELS} />

      <h2>Tilknytninger</h2>
      {p.mappings.length === 0 ? (
        <p>Der er ingen tilknytninger endnu, så Context Handler giver ingen roller.</p>
      ) : (
        <ResponsiveTable>
          <table class="table table--compact" data-mappings>
            <caption class="sr-only">Rettigheder og de roller, de giver</caption>
            <thead>
              <tr>
                <th scope="col">Rettighed</th>
                <th scope="col">Rolle</th>
                <th scope="col">Løsning</th>
                <th scope="col">
                  <span class="sr-only">Handling</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {p.mappings.map((m) => (
                <tr>
                  <td>
                    <code safe>{m.privilege}</code>
                  </td>
                  <td safe>{m.roleLabel}</td>
                  <td safe>{m.solutionName ?? '–'}</td>
                  <td>
                    <a href={`${MAPPINGS_PATH}/${m.id}/fjern`} class="function-link">
                      Fjern <span class="sr-only" safe>{`${m.privilege} som ${m.roleLabel}`}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ResponsiveTable>
      )}

      <h2 id="tilknyt">Tilknyt en rettighed</h2>
      <form method="post" action={MAPPINGS_PATH} novalidate>
        <CsrfField token={p.request.csrfToken} />
        <RequestKeyField value={v.requestKey} />
        <TextField name="privilege" label={MAPPING_LABELS.privilege} hint="Fx http://samspil.kombit.dk/roles/usersystemrole/programleder/1" value={v.privilege ?? ''} error={e.privilege} required />
        <SelectField name="roleTypeKey" label={MAPPING_LABELS.roleTypeKey} options={p.roles} emptyLabel="Vælg rolle" value={v.roleTypeKey ?? ''} error={e.roleTypeKey} required />
        <SelectField
          name="solutionKey"
          label={`${MAPPING_LABELS.solutionKey} (kun for systemansvarlig og superbruger)`}
          options={p.solutions}
          emptyLabel="Ingen – rollen gælder hele kommunen"
          value={v.solutionKey ?? ''}
          error={e.solutionKey}
        />
        <button type="submit" class="button button-primary">
          Tilknyt rettigheden
        </button>
      </form>

      <h2>Rettigheder uden tilknytning</h2>
      <p>Disse rettigheder er kommet fra Context Handler uden at svare til en rolle. De giver ingen adgang, før de er tilknyttet.</p>
      {p.unmapped.length === 0 ? (
        <p>Alle rettigheder, der er kommet fra Context Handler, er tilknyttet.</p>
      ) : (
        <ResponsiveTable>
          <table class="table table--compact" data-unmapped>
            <caption class="sr-only">Rettigheder uden tilknytning, senest set først</caption>
            <thead>
              <tr>
                <th scope="col">Rettighed</th>
                <th scope="col">Kommune</th>
                <th scope="col">Først set</th>
                <th scope="col">Senest set</th>
                <th scope="col">Antal gange</th>
                <th scope="col">
                  <span class="sr-only">Handling</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {p.unmapped.map((u) => (
                <tr>
                  <td>
                    <code safe>{u.privilege}</code>
                  </td>
                  <td safe>{u.municipalityName ? `${u.municipalityName} (CVR ${u.scopeCvr})` : `Ukendt (CVR ${u.scopeCvr})`}</td>
                  <td safe>{formatDateTime(u.firstSeenAt)}</td>
                  <td safe>{formatDateTime(u.lastSeenAt)}</td>
                  <td safe>{formatNumber(u.times)}</td>
                  <td>
                    <a href={`${MAPPINGS_PATH}?rettighed=${encodeURIComponent(u.privilege)}#tilknyt`} class="function-link">
                      Tilknyt <span class="sr-only" safe>{u.privilege}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ResponsiveTable>
      )}

      {p.notGranted.length === 0 ? '' : <NotGrantedSection rows={p.notGranted} />}
    </Layout>
  );
}

/** Grants a login asked for and could not make; the person logged in without the role. */
function NotGrantedSection(p: { rows: NotGrantedRow[] }): JSX.Element {
  return (
    <>
      <h2>Roller, der ikke kunne gives</h2>
      <p>Context Handler gav disse personer en rettighed, men rollen kunne ikke gives i Samspil. Personen er logget ind uden rollen.</p>
      <ResponsiveTable>
        <table class="table table--compact" data-not-granted>
          <caption class="sr-only">Roller, der ikke kunne gives, senest først</caption>
          <thead>
            <tr>
              <th scope="col">Tidspunkt</th>
              <th scope="col">Kommune</th>
              <th scope="col">Person</th>
              <th scope="col">Rolle</th>
              <th scope="col">Årsag</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td safe>{formatDateTime(r.at)}</td>
                <td safe>{r.municipalityName ?? '–'}</td>
                <td safe>{r.personName}</td>
                <td safe>{r.solutionName ? `${r.roleLabel} (${r.solutionName})` : r.roleLabel}</td>
                <td safe>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ResponsiveTable>
    </>
  );
}

/** "Fjern tilknytningen?" before it goes: a page, so it works without JavaScript. */
export function RemoveMappingPage(p: { request: FastifyRequest; mapping: MappingRow }): JSX.Element {
  const m = p.mapping;
  return (
    <Layout title="Fjern tilknytning" actor={p.request.actor} csrfToken={p.request.csrfToken}>
      <h1>Fjern tilknytningen?</h1>
      <p>
        Rettigheden <code safe>{m.privilege}</code>{' '}
        <span safe>{`giver i dag rollen ${m.roleLabel}${m.solutionName ? ` for ${m.solutionName}` : ''}.`}</span>
      </p>
      <p>
        Brugere, der allerede har rollen, beholder den. Nævner ingen anden tilknytning rollen, styres den derefter i kommunens rollegalleri. Fjernelsen
        logges.
      </p>
      <form method="post" action={`${MAPPINGS_PATH}/${m.id}/fjern`}>
        <CsrfField token={p.request.csrfToken} />
        <div class="samspil-actions">
          <button type="submit" class="button button-primary">
            Fjern tilknytningen
          </button>
          <a href={MAPPINGS_PATH} class="function-link">
            Annullér
          </a>
        </div>
      </form>
    </Layout>
  );
}

import { ResponsiveTable } from '../../../../platform/views/table.tsx';
import type { FastifyRequest } from 'fastify';
import { CsrfField, ErrorSummary, ErrorText, Notice } from '../../../../platform/views/components.tsx';
import { formatDateTime, formatNumber } from '../../../../platform/views/format.ts';
import { Layout } from '../../../../platform/views/layout.tsx';
import type { MissingGroup } from '../group-missing.ts';
import { isValgOwner, rolesText } from '../group-missing.ts';
import type { LinkedPerson, MissingPerson } from '../load-backup-state.ts';
import { linkWayText } from '../load-own-link.ts';
import { adminLinkPath, adminUnlinkPath, backupXlsxPath, MITID_OWN_PATH } from '../routes-paths.ts';

export type ReportView = {
  code: string;
  name: string;
  groups: MissingGroup[];
  missing: number;
  linked: LinkedPerson[];
  withBackup: number;
  /** The lists stopped at their limit. */
  cut: boolean;
  mayManage: boolean;
};

export type RowError = { personId: string; message: string };

const when = (d: Date | null) => (d ? formatDateTime(d) : 'Ikke registreret');

function LinkForm(p: { request: FastifyRequest; code: string; groupKey: string; person: MissingPerson; error: RowError | undefined; value: string | undefined }) {
  const id = `felt-identifikator-${p.groupKey}-${p.person.personId}`;
  const error = p.error?.personId === p.person.personId ? p.error.message : undefined;
  return (
    <form method="post" action={adminLinkPath(p.code, p.person.personId)} class="samspil-inline-form" novalidate>
      <CsrfField token={p.request.csrfToken} />
      <div class={error ? 'form-group form-error mt-0' : 'form-group mt-0'}>
        <label class="form-label" for={id}>
          MitID Erhverv-identifikator <span class="sr-only" safe>{`for ${p.person.name}`}</span>
        </label>
        <ErrorText id={id} error={error} />
        <input class="form-input input-width-l" id={id} name="identifikator" type="text" value={error ? (p.value ?? '') : ''} aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? 'true' : undefined} />
      </div>
      <button type="submit" class="button button-secondary">
        Tilknyt <span class="sr-only" safe>{p.person.name}</span>
      </button>
    </form>
  );
}

function MissingTable(p: { request: FastifyRequest; view: ReportView; group: MissingGroup; error: RowError | undefined; value: string | undefined }) {
  return (
    <ResponsiveTable>
    <table class="table table--compact">
      <caption class="sr-only" safe>{`${p.group.heading}: brugere uden reservelogin`}</caption>
      <thead>
        <tr>
          <th scope="col">Navn</th>
          <th scope="col">E-mail</th>
          <th scope="col">Roller</th>
          <th scope="col">Seneste log ind med Context Handler</th>
          <th scope="col">MitID Erhverv kendt fra Context Handler</th>
          {p.view.mayManage ? <th scope="col">Tilknyt MitID Erhverv</th> : ''}
        </tr>
      </thead>
      <tbody>
        {p.group.people.map((person) => (
          <tr>
            <th scope="row">
              <span safe>{person.name}</span>
              {isValgOwner(person) ? <span class="badge badge-small ml-2">Systemansvarlig for Valg</span> : ''}
            </th>
            <td safe>{person.email}</td>
            <td safe>{rolesText(person)}</td>
            <td safe>{when(person.lastContextHandlerLoginAt)}</td>
            <td>{person.professionalUuidKnown ? 'Ja – tilknyttes ved første log ind med MitID Erhverv' : 'Nej'}</td>
            {p.view.mayManage ? (
              <td>
                <LinkForm request={p.request} code={p.view.code} groupKey={p.group.key} person={person} error={p.error} value={p.value} />
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

function LinkedTable(p: { view: ReportView }) {
  return (
    <ResponsiveTable>
    <table class="table table--compact">
      <caption class="sr-only">Brugere med MitID Erhverv som reservelogin</caption>
      <thead>
        <tr>
          <th scope="col">Navn</th>
          <th scope="col">E-mail</th>
          <th scope="col">Identifikator</th>
          <th scope="col">Tilknyttet</th>
          <th scope="col">Seneste log ind med MitID Erhverv</th>
          {p.view.mayManage ? <th scope="col">Handling</th> : ''}
        </tr>
      </thead>
      <tbody>
        {p.view.linked.map((l) => (
          <tr>
            <th scope="row" safe>
              {l.name}
            </th>
            <td safe>{l.email}</td>
            <td>
              <code safe>{l.subject}</code>
            </td>
            <td safe>{`${formatDateTime(l.linkedAt)}, ${linkWayText[l.linkedVia]}`}</td>
            <td>{l.lastBackupLoginAt ? formatDateTime(l.lastBackupLoginAt) : 'Aldrig'}</td>
            {p.view.mayManage ? (
              <td>
                <a href={adminUnlinkPath(p.view.code, l.personId)} class="function-link">
                  Fjern tilknytning <span class="sr-only" safe>{`for ${l.name}`}</span>
                </a>
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

/** `/kommuner/:code/reservelogin`: who logs in through Context Handler without a backup, per solution, and who has one. */
export function ReportPage(p: { request: FastifyRequest; view: ReportView; notice?: string | undefined; error?: RowError; value?: string }) {
  const v = p.view;
  return (
    <Layout title={`Reservelogin – ${v.name}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="reservelogin">
      <p>
        <a href={`/kommuner/${v.code}`} class="function-link" safe>{`${v.name} Kommune`}</a>
      </p>
      <h1>Hvem mangler reservelogin?</h1>
      <p class="font-lead">
        Alle, der logger ind med Context Handler, skal også have MitID Erhverv som reservelogin, hvis Context Handler er nede. Her er kommunens brugere, der har logget ind med
        Context Handler uden at have MitID Erhverv tilknyttet, pr. løsning. Systemansvarlige for Valg står først.
      </p>
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      {p.error ? <ErrorSummary errors={{ _: p.error.message }} /> : ''}
      <p>
        <strong safe>{`${formatNumber(v.missing)} mangler reservelogin`}</strong>
        <span safe>{` · ${formatNumber(v.withBackup)} har MitID Erhverv som reservelogin`}</span>
      </p>
      <ul class="nobullet-list">
        <li>
          <a href={backupXlsxPath(v.code)} class="function-link">
            Hent listen som regneark (XLSX)
          </a>
        </li>
        {v.mayManage ? (
          <li>
            <a href={`/kommuner/${v.code}/log-ind`} class="function-link">
              Adgangskoder eller kun single sign-on for kommunen
            </a>
          </li>
        ) : (
          ''
        )}
      </ul>
      <p>
        Brugerne kan selv tilknytte deres MitID Erhverv under <a href={MITID_OWN_PATH}>Dit reservelogin</a>. Har Context Handler oplyst deres MitID Erhverv, bliver det tilknyttet
        første gang, de logger ind med det.{v.mayManage ? ' Du kan også skrive den identifikator, brugeren har fået vist ved et afvist log ind, og tilknytte den her.' : ''}
      </p>
      {v.cut ? <Notice kind="info" text="Listerne er afkortet. Hent regnearket for at se alle." /> : ''}
      {v.groups.length === 0 ? <p>Alle brugere, der har logget ind med Context Handler, har MitID Erhverv som reservelogin.</p> : ''}
      <>
        {v.groups.map((g) => (
          <section aria-labelledby={`gruppe-${g.key}`}>
            <h2 id={`gruppe-${g.key}`} safe>{`${g.heading} (${formatNumber(g.people.length)})`}</h2>
            <MissingTable request={p.request} view={v} group={g} error={p.error} value={p.value} />
          </section>
        ))}
      </>
      <h2>Med reservelogin</h2>
      {v.linked.length === 0 ? <p>Ingen i kommunen har MitID Erhverv tilknyttet endnu.</p> : <LinkedTable view={v} />}
    </Layout>
  );
}

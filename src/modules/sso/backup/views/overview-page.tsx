import { ResponsiveTable } from '../../../../platform/views/table.tsx';
import { MAPPINGS_PATH } from '../../paths.ts';
import { mayEditMappings } from '../../policy.ts';
import type { FastifyRequest } from 'fastify';
import { Notice, SelectField } from '../../../../platform/views/components.tsx';
import { danishCompare, formatDateTime, formatNumber } from '../../../../platform/views/format.ts';
import { Layout } from '../../../../platform/views/layout.tsx';
import { BACKUP_OVERVIEW_PATH, backupReportPath } from '../../paths.ts';
import { isValgOwner, rolesText } from '../group-missing.ts';
import type { BackupCounts, MissingPerson } from '../load-backup-state.ts';
import { BACKUP_OVERVIEW_XLSX_PATH } from '../routes-paths.ts';

export type OverviewView = {
  counts: BackupCounts[];
  people: MissingPerson[];
  cut: boolean;
  solutionKey: string | undefined;
  solutions: { key: string; name: string }[];
};

/** `/sso/reservelogin`: the 98 municipalities' counts and the people without a backup login, filtered by solution. */
export function OverviewPage(p: { request: FastifyRequest; view: OverviewView }) {
  const v = p.view;
  const query = v.solutionKey ? `?loesning=${encodeURIComponent(v.solutionKey)}` : '';
  const counts = [...v.counts].sort((a, b) => danishCompare(a.name, b.name));
  const missing = counts.reduce((n, c) => n + c.missing, 0);
  const withBackup = counts.reduce((n, c) => n + c.withBackup, 0);
  return (
    <Layout title="Reservelogin i kommunerne" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="reservelogin">
      <h1>Reservelogin i kommunerne</h1>
      <p class="font-lead">Brugere, der har logget ind med Context Handler, men ikke har MitID Erhverv som reservelogin. Systemansvarlige for Valg står først.</p>
      {p.request.actor && mayEditMappings(p.request.actor) ? (
        <p>
          <a href={MAPPINGS_PATH} class="function-link">
            Rettigheder fra Context Handler og de roller, de giver
          </a>
        </p>
      ) : (
        ''
      )}
      <form method="get" action={BACKUP_OVERVIEW_PATH} class="mb-5">
        <SelectField name="loesning" label="Løsning" value={v.solutionKey ?? ''} emptyLabel="Alle løsninger" options={v.solutions.map((s) => ({ value: s.key, label: s.name }))} />
        <button type="submit" class="button button-secondary">
          Vis
        </button>
      </form>
      <p>
        <strong safe>{`${formatNumber(missing)} mangler reservelogin`}</strong>
        <span safe>{` · ${formatNumber(withBackup)} har MitID Erhverv som reservelogin`}</span>
      </p>
      <p>
        <a href={`${BACKUP_OVERVIEW_XLSX_PATH}${query}`} class="function-link">
          Hent listen som regneark (XLSX)
        </a>
      </p>
      <h2>Pr. kommune</h2>
      {counts.length === 0 ? (
        <p>Ingen har logget ind med Context Handler endnu.</p>
      ) : (
        <ResponsiveTable>
    <table class="table table--compact">
          <caption class="sr-only">Reservelogin pr. kommune</caption>
          <thead>
            <tr>
              <th scope="col">Kommune</th>
              <th scope="col" class="text-align-right">
                Mangler
              </th>
              <th scope="col" class="text-align-right">
                Har reservelogin
              </th>
            </tr>
          </thead>
          <tbody>
            {counts.map((c) => (
              <tr>
                <th scope="row">
                  <a href={backupReportPath(c.code)} safe>
                    {c.name}
                  </a>
                </th>
                <td class="text-align-right" safe>
                  {formatNumber(c.missing)}
                </td>
                <td class="text-align-right" safe>
                  {formatNumber(c.withBackup)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
    </ResponsiveTable>
      )}
      <h2>Brugere uden reservelogin</h2>
      {v.cut ? <Notice kind="info" text="Listen er afkortet. Vælg en løsning, åbn en kommune, eller hent regnearket for at se alle." /> : ''}
      {v.people.length === 0 ? (
        <p>Ingen mangler.</p>
      ) : (
        <ResponsiveTable>
    <table class="table table--compact">
          <caption class="sr-only">Brugere uden reservelogin</caption>
          <thead>
            <tr>
              <th scope="col">Navn</th>
              <th scope="col">Kommune</th>
              <th scope="col">E-mail</th>
              <th scope="col">Roller</th>
              <th scope="col">Seneste log ind med Context Handler</th>
            </tr>
          </thead>
          <tbody>
            {v.people.map((person) => (
              <tr>
                <th scope="row">
                  <span safe>{person.name}</span>
                  {isValgOwner(person) ? <span class="badge badge-small ml-2">Systemansvarlig for Valg</span> : ''}
                </th>
                <td safe>{person.municipalityName}</td>
                <td safe>{person.email}</td>
                <td safe>{rolesText(person)}</td>
                <td>{person.lastContextHandlerLoginAt ? formatDateTime(person.lastContextHandlerLoginAt) : 'Ikke registreret'}</td>
              </tr>
            ))}
          </tbody>
        </table>
    </ResponsiveTable>
      )}
    </Layout>
  );
}

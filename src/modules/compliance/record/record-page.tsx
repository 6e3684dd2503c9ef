import type { FastifyRequest } from 'fastify';
import { RecordImportLink } from '../files/download-links.tsx';
import { Notice, PlainText } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { Choices } from '../choices.ts';
import type { ContentActivity } from '../content.ts';
import type { PackageRow } from '../load-package.ts';
import { PackageNav } from '../package-nav.tsx';
import { transferWithoutBasis } from './activity-input.ts';
import type { RecordContent } from './load-record.ts';
import { chosen, ColumnGList, DataByGroup, unlinkedData } from './record-parts.tsx';

export const RECORD_NOTICES: Record<string, string> = {
  'aktivitet-gemt': 'Behandlingsaktiviteten er gemt.',
  'aktivitet-slettet': 'Behandlingsaktiviteten er slettet.',
  'allerede-slettet': 'Behandlingsaktiviteten var allerede slettet.',
  'kolonne-g-gemt': 'Kolonne G er gemt.',
  'rettigheder-gemt': 'Principper, sikkerhedsforanstaltninger og rettigheder er gemt.',
};

export const recordUrl = (pkgId: string) => `/compliance/pakker/${pkgId}/fortegnelse`;
export const activityAnchor = (a: { id: string }) => `aktivitet-${a.id}`;

/** A term and its description; the description is markup only (user text inside elements marked `safe`). */
function Fact({ term, children }: { term: string; children?: JSX.Element | JSX.Element[] }): JSX.Element {
  return (
    <>
      <dt safe>{term}</dt>
      <dd>{children as 'safe'}</dd>
    </>
  );
}

const orNone = (s: string) => (s === '' ? 'Ikke angivet' : s);

function ActivityDetails({ a, choices, pkgId, edit }: { a: ContentActivity; choices: Choices; pkgId: string; edit: boolean }): JSX.Element {
  const bases = chosen(choices['legal-basis'], a.legalBases);
  const base = `${recordUrl(pkgId)}/${a.id}`;
  const retention: string = a.retention ? choices.label('retention', a.retention) : 'Opbevaringsperiode ikke angivet';
  return (
    <details class="details" id={activityAnchor(a)}>
      <summary class="details-summary">
        <span class="details-summary-text" safe>{`${a.ref} ${a.name}`}</span>
      </summary>
      <div class="details-text">
        <dl class="samspil-details">
          <Fact term="Formål">
            <span class="samspil-pre-line" safe>{orNone(a.purpose)}</span>
          </Fact>
          <Fact term="Retsgrundlag">
            {bases.length === 0 ? (
              'Ikke angivet'
            ) : (
              <ul class="nobullet-list">
                {bases.map((b) => (
                  <li>
                    <strong safe>{b.label}</strong>
                    {b.detail ? <span safe>{` – ${b.detail}`}</span> : ''}
                  </li>
                ))}
              </ul>
            )}
          </Fact>
          {a.legalBasisNote ? (
            <Fact term="National bestemmelse">
              <span class="samspil-pre-line" safe>{a.legalBasisNote}</span>
            </Fact>
          ) : (
            ''
          )}
          <Fact term="Kategorier af registrerede">
            <span safe>{orNone(chosen(choices['data-subject'], a.dataSubjects).map((s) => s.label).join(', '))}</span>
          </Fact>
          <Fact term="Kategorier af personoplysninger">
            <DataByGroup a={a} choices={choices} />
          </Fact>
          <Fact term="Kolonne G: personoplysninger → registrerede">
            <ColumnGList a={a} choices={choices} />
          </Fact>
          <Fact term="Modtagere">
            <span class="samspil-pre-line" safe>{orNone(a.recipients)}</span>
          </Fact>
          <Fact term="Overførsel til tredjelande">
            {a.thirdCountries === '' ? (
              'Ingen'
            ) : (
              <>
                <span safe>{`${a.thirdCountries} – grundlag: ${a.transferBasis ? choices.label('transfer-basis', a.transferBasis) : 'ikke angivet'}`}</span>
                {transferWithoutBasis(a) ? (
                  <p>
                    <strong>Advarsel: </strong>Der overføres til tredjelande uden overførselsgrundlag. Det må ikke finde sted.
                  </p>
                ) : (
                  ''
                )}
              </>
            )}
          </Fact>
          <Fact term="Opbevaring og sletning">
            <span safe>{retention}</span>
            {a.deletion ? <p class="samspil-pre-line" safe>{a.deletion}</p> : ''}
          </Fact>
        </dl>
        {edit ? (
          <p class="samspil-actions">
            <a href={base} class="button button-secondary" safe>{`Ret ${a.ref}`}</a>
            <a href={`${base}/kolonne-g`} class="button button-secondary" safe>{`Kolonne G for ${a.ref}`}</a>
            <a href={`${base}/slet`} class="function-link" safe>{`Slet ${a.ref}`}</a>
          </p>
        ) : (
          <p>
            <a href={`${base}/kolonne-g`} safe>{`Kolonne G for ${a.ref} som tabel`}</a>
          </p>
        )}
      </div>
    </details>
  );
}

function ActivityTable({ activities, choices }: { activities: ContentActivity[]; choices: Choices }): JSX.Element {
  return (
    <ResponsiveTable>
      <table class="table table--zebra table--compact">
        <caption>Behandlingsaktiviteterne. Detaljerne står under tabellen.</caption>
        <thead>
          <tr>
            <th scope="col">Nr.</th>
            <th scope="col">Behandlingsaktivitet</th>
            <th scope="col">Retsgrundlag</th>
            <th scope="col">Særlige oplysninger</th>
            <th scope="col">Kolonne G</th>
          </tr>
        </thead>
        <tbody>
          {activities.map((a) => {
            const groups = new Set(chosen(choices['personal-data'], a.personalData).map((c) => c.grp));
            const special = [groups.has('foelsom') ? 'Følsomme' : '', groups.has('cpr') ? 'CPR' : '', groups.has('strafbare') ? 'Strafbare forhold' : ''].filter(Boolean);
            const missing = unlinkedData(a).length;
            return (
              <tr>
                <th scope="row" safe>{a.ref}</th>
                <td>
                  <a href={`#${activityAnchor(a)}`} safe>{a.name}</a>
                </td>
                <td safe>{chosen(choices['legal-basis'], a.legalBases).map((b) => b.label).join('; ') || 'Ikke angivet'}</td>
                <td safe>{special.join(', ') || 'Ingen'}</td>
                <td safe>
                  {a.personalData.length === 0 ? 'Ingen personoplysninger' : missing === 0 ? 'Alle knyttet' : `${missing} ikke knyttet`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

export function RightsTable({ rights, choices }: { rights: RecordContent['rights']; choices: Choices }): JSX.Element {
  return (
    <ResponsiveTable>
      <table class="table table--zebra table--compact">
        <caption>Sådan håndteres de registreredes rettigheder</caption>
        <thead>
          <tr>
            <th scope="col">Rettighed</th>
            <th scope="col">Sådan håndteres den</th>
          </tr>
        </thead>
        <tbody>
          {choices.right.map((r) => {
            const handling = rights.find((x) => x.right === r.key)?.handling ?? '';
            return (
              <tr>
                <th scope="row" safe>{r.detail ? `${r.label} (${r.detail})` : r.label}</th>
                <td class="samspil-pre-line" safe>{handling || 'Ikke beskrevet'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

/** Skema 1 "Fortegnelse, principper og rettigheder" of a package (GDPR art. 30). */
export function RecordPage(p: { request: FastifyRequest; pkg: PackageRow; record: RecordContent; choices: Choices; edit: boolean; notice?: string | undefined }): JSX.Element {
  const { pkg, record, choices, edit } = p;
  const title = `${pkg.title}: Skema 1`;
  const n = record.activities.length;
  return (
    <Layout title={title} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="compliance">
      <h1 safe>{title}</h1>
      <PackageNav pkg={pkg} actor={p.request.actor!} current="fortegnelse" />
      <p class="font-lead">Fortegnelse, principper og rettigheder: fortegnelsen over behandlingsaktiviteter efter databeskyttelsesforordningens art. 30.</p>
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      {edit ? (
        <p class="samspil-actions">
          <a href={`${recordUrl(pkg.id)}/ny`} class="button button-primary">
            Tilføj behandlingsaktivitet
          </a>
          <a href={`/compliance/pakker/${pkg.id}/principper`} class="button button-secondary">
            Ret principper, sikkerhed og rettigheder
          </a>
          <RecordImportLink pkg={pkg} />
        </p>
      ) : (
        ''
      )}
      <h2 safe>{`Behandlingsaktiviteter (${n})`}</h2>
      {n === 0 ? (
        <p>Der er ingen behandlingsaktiviteter endnu.</p>
      ) : (
        <>
          <ActivityTable activities={record.activities} choices={choices} />
          <h2>Aktiviteterne i detaljer</h2>
          <>{record.activities.map((a) => <ActivityDetails a={a} choices={choices} pkgId={pkg.id} edit={edit} />)}</>
        </>
      )}
      <h2>Generel beskrivelse af tekniske og organisatoriske sikkerhedsforanstaltninger</h2>
      {record.securityMeasures ? <PlainText text={record.securityMeasures} /> : <p>Ikke beskrevet.</p>}
      <h2>Principper</h2>
      {record.principles ? <PlainText text={record.principles} /> : <p>Ikke beskrevet.</p>}
      <h2>De registreredes rettigheder</h2>
      <RightsTable rights={record.rights} choices={choices} />
    </Layout>
  );
}

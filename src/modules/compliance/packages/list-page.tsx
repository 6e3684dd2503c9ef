import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { StatusBadge } from '../../../platform/views/badge.tsx';
import { CsrfField, ErrorSummary, Notice, SelectField, TextField } from '../../../platform/views/components.tsx';
import { formatDate } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { PackageStatus } from '../schema.ts';
import { createPackageLabels } from './create-package.ts';
import type { PackageFilter, PackageListItem } from './list-packages.ts';

export const PACKAGE_NOTICES: Record<string, string> = {
  oprettet: 'Pakken er oprettet som kladde. Kommunerne kan ikke se den, før den offentliggøres.',
  kopieret: 'Næste års pakke er oprettet som kladde med alt fra sidste år. Ret det, der er ændret, før den offentliggøres.',
  gemt: 'Ændringerne er gemt.',
  uaendret: 'Intet er ændret.',
};

export const STATUS_LABELS: Record<PackageStatus, string> = { draft: 'Kladde', published: 'Offentliggjort' };

/** "Kladde", or "Offentliggjort 28.07.2025". */
export function statusText(p: { status: PackageStatus; publishedAt: Date | null }): string {
  return p.status === 'published' && p.publishedAt ? `${STATUS_LABELS.published} ${formatDate(p.publishedAt)}` : STATUS_LABELS[p.status];
}

export function PackageStatusBadge(p: { status: PackageStatus; publishedAt: Date | null }): JSX.Element {
  return <StatusBadge label={statusText(p)} variant={p.status === 'published' ? 'success' : null} />;
}

export type ListView =
  /** central staff: every package; the author also creates and copies */
  | { kind: 'central'; author: boolean }
  /** a municipality's recipients and administrators: the packages delivered to it */
  | { kind: 'municipal'; recipient: boolean }
  /** anyone else logged in: who gets the packages */
  | { kind: 'none' };

export type ListPageProps = {
  request: FastifyRequest;
  view: ListView;
  packages: PackageListItem[];
  filter: PackageFilter;
  years: number[];
  solutions: { key: string; name: string }[];
  /** (solution, year) pairs that exist: no copy button where next year exists. */
  existing: Set<string>;
  notice?: string | undefined;
  form?: { values: Record<string, unknown>; errors: FieldErrors } | undefined;
};

function Filters(p: { filter: PackageFilter; years: number[]; solutions: { key: string; name: string }[] }): JSX.Element {
  const filtered = p.filter.year !== null || p.filter.solutionKey !== null;
  return (
    <form method="get" action="/compliance" class="samspil-actions" aria-label="Filtrér compliancepakker">
      <SelectField
        name="aar"
        label="År"
        value={p.filter.year === null ? '' : String(p.filter.year)}
        emptyLabel="Alle år"
        options={p.years.map((y) => ({ value: String(y), label: String(y) }))}
      />
      <SelectField name="loesning" label="Løsning" value={p.filter.solutionKey ?? ''} emptyLabel="Alle løsninger" options={p.solutions.map((s) => ({ value: s.key, label: s.name }))} />
      <button type="submit" class="button button-secondary">
        Filtrér
      </button>
      {filtered ? (
        <a href="/compliance" class="function-link">
          Nulstil
        </a>
      ) : (
        ''
      )}
    </form>
  );
}

function CreateForm(p: { request: FastifyRequest; solutions: { key: string; name: string }[]; values: Record<string, unknown>; errors: FieldErrors }): JSX.Element {
  const v = p.values as Record<string, string | undefined>;
  return (
    <section aria-labelledby="ny-pakke">
      <h2 id="ny-pakke">Opret en pakke</h2>
      <p>En ny årgang af en løsning, der havde en pakke sidste år, starter bedst som kopi af den (knappen ud for pakken i listen).</p>
      <ErrorSummary errors={p.errors} labels={createPackageLabels} />
      <form method="post" action="/compliance/pakker" class="samspil-actions" novalidate>
        <CsrfField token={p.request.csrfToken} />
        <RequestKeyField value={v.requestKey} />
        <SelectField name="solution" label="Løsning" value={v.solution} error={p.errors.solution} emptyLabel="Vælg løsning" options={p.solutions.map((s) => ({ value: s.key, label: s.name }))} />
        <TextField name="year" label="År" value={v.year} error={p.errors.year} hint="Fx 2026" autocomplete="off" required />
        <button type="submit" class="button button-primary">
          Opret pakke
        </button>
      </form>
    </section>
  );
}

function CopyButton(p: { request: FastifyRequest; pkg: PackageListItem }): JSX.Element {
  return (
    <form method="post" action={`/compliance/pakker/${p.pkg.id}/kopi`} class="samspil-inline-form">
      <CsrfField token={p.request.csrfToken} />
      <RequestKeyField />
      <button type="submit" class="button button-secondary button-small" aria-label={`Start ${p.pkg.year + 1} som kopi af ${p.pkg.title}`} safe>
        {`Start ${p.pkg.year + 1} som kopi`}
      </button>
    </form>
  );
}

const dateOr = (d: Date | null, none: string) => (d ? formatDate(d) : none);

function PackageTable(p: ListPageProps & { author: boolean; municipal: boolean }): JSX.Element {
  const columns = 4 + (p.municipal ? 2 : 0) + (p.author ? 1 : 0);
  return (
    <ResponsiveTable>
      <table class="table table--zebra table--compact" id="compliancepakker">
        <caption safe>{`Compliancepakker (${p.packages.length})`}</caption>
        <thead>
          <tr>
            <th scope="col">Pakke</th>
            <th scope="col">Løsning</th>
            <th scope="col">År</th>
            <th scope="col">Status</th>
            {p.municipal ? (
              <>
                <th scope="col">Åbnet af kommunen</th>
                <th scope="col">Modtagelse kvitteret</th>
              </>
            ) : (
              ''
            )}
            {p.author ? <th scope="col">Næste år</th> : ''}
          </tr>
        </thead>
        <tbody>
          {p.packages.length === 0 ? (
            <tr>
              <td colspan={String(columns)}>{p.municipal ? 'Kommunen har ikke modtaget nogen compliancepakker endnu.' : 'Der er ingen compliancepakker, der passer til filteret.'}</td>
            </tr>
          ) : (
            p.packages.map((pkg) => (
              <tr data-pakke={pkg.id}>
                <th scope="row">
                  <a href={`/compliance/pakker/${pkg.id}`} safe>
                    {pkg.title}
                  </a>
                </th>
                <td safe>{pkg.solutionName}</td>
                <td safe>{String(pkg.year)}</td>
                <td>
                  <PackageStatusBadge status={pkg.status} publishedAt={pkg.publishedAt} />
                </td>
                {p.municipal ? (
                  <>
                    <td safe>{dateOr(pkg.delivery?.firstOpenedAt ?? null, 'Ikke åbnet')}</td>
                    <td safe>{dateOr(pkg.delivery?.acknowledgedAt ?? null, 'Ikke kvitteret')}</td>
                  </>
                ) : (
                  ''
                )}
                {p.author ? (
                  <td>
                    {p.existing.has(`${pkg.solutionKey}:${pkg.year + 1}`) ? (
                      <span class="text-muted" safe>{`${pkg.year + 1} findes`}</span>
                    ) : (
                      <CopyButton request={p.request} pkg={pkg} />
                    )}
                  </td>
                ) : (
                  ''
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

/** Whom the packages reach, for those who do not get them. */
function WhoGetsAccess(p: { municipalityCode: string | null }): JSX.Element {
  return (
    <>
      <p>
        Hvert år sender KOMBIT kommunerne en compliancepakke pr. løsning: den GDPR-dokumentation, kommunen som dataansvarlig skal bruge til sin
        egen fortegnelse og risikovurdering.
      </p>
      <p>
        Pakkerne åbnes kun af kommunens udpegede modtagere – højst to pr. kommune – som registreres i rollegalleriet med rollen
        Compliancepakke-modtager. Kommunens programleder og KLIK-administrator kan se, om modtagerne er registreret, og om pakken er åbnet.
      </p>
      {p.municipalityCode ? (
        <p>
          <a href={`/kommuner/${p.municipalityCode}`} class="function-link">
            Se kommunens rollegalleri, og hvem der er modtagere
          </a>
        </p>
      ) : (
        ''
      )}
    </>
  );
}

export function PackageListPage(p: ListPageProps): JSX.Element {
  const actor = p.request.actor!;
  const author = p.view.kind === 'central' && p.view.author;
  return (
    <Layout title="Compliancepakker" actor={actor} csrfToken={p.request.csrfToken} nav="compliance">
      <h1>Compliancepakker</h1>
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      {p.view.kind === 'none' ? (
        <WhoGetsAccess municipalityCode={actor.municipalityCode} />
      ) : (
        <>
          <p class="font-lead">
            {p.view.kind === 'central'
              ? 'Den årlige GDPR-dokumentation pr. løsning: fortegnelse (Skema 1), leverandører og risikovurdering.'
              : 'De compliancepakker, KOMBIT har leveret til kommunen: den årlige GDPR-dokumentation pr. løsning.'}
          </p>
          {p.view.kind === 'municipal' && !p.view.recipient ? (
            <p>Pakkernes indhold åbnes af kommunens udpegede modtagere; du kan se, om de er leveret, åbnet og kvitteret.</p>
          ) : (
            ''
          )}
          <ul class="nobullet-list">
            <li>
              <a href="/compliance/risikoskalaer" class="function-link">
                Risikoskalaerne, risici vurderes efter
              </a>
            </li>
            {p.view.kind === 'central' ? (
              <li>
                <a href="/compliance/leverandoerer" class="function-link">
                  Leverandører (stamdata, der bruges på tværs af pakkerne)
                </a>
              </li>
            ) : (
              ''
            )}
          </ul>
          {author ? <CreateForm request={p.request} solutions={p.solutions} values={p.form?.values ?? {}} errors={p.form?.errors ?? {}} /> : ''}
          <h2>Pakker</h2>
          <Filters filter={p.filter} years={p.years} solutions={p.solutions} />
          <PackageTable {...p} author={author} municipal={p.view.kind === 'municipal'} />
        </>
      )}
    </Layout>
  );
}

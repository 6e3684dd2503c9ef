import type { FastifyRequest } from 'fastify';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { PackageRow } from '../load-package.ts';
import { PackageNav } from '../package-nav.tsx';
import { diffCounts, diffSize, type ChangeKind, type FieldChange, type ItemChange, type PackageDiff } from './diff.ts';
import type { PackageChanges } from './load-changes.ts';

const KIND_LABELS: Record<ChangeKind, string> = { added: 'Tilføjet', removed: 'Fjernet', changed: 'Ændret' };

/** The sections in the order the package reads; the words the municipalities use. */
export const SECTIONS: { key: Exclude<keyof PackageDiff, 'texts'>; heading: string; noun: string }[] = [
  { key: 'activities', heading: 'Behandlingsaktiviteter (Skema 1)', noun: 'Behandlingsaktiviteter' },
  { key: 'columnG', heading: 'Kolonne G: personoplysninger og registrerede', noun: 'Sammenhænge i kolonne G' },
  { key: 'rights', heading: 'De registreredes rettigheder', noun: 'Rettigheder' },
  { key: 'suppliers', heading: 'Leverandører', noun: 'Leverandører' },
  { key: 'risks', heading: 'Risici', noun: 'Risici' },
];

/** "2 tilføjet, 1 fjernet, 3 ændret" (only what is there). */
export function countsText(items: ItemChange[]): string {
  const c = diffCounts(items);
  return [c.added ? `${c.added} tilføjet` : '', c.removed ? `${c.removed} fjernet` : '', c.changed ? `${c.changed} ændret` : ''].filter(Boolean).join(', ');
}

function noPrevious(ch: PackageChanges, pkg: PackageRow): string {
  return `Der er ingen compliancepakke for ${pkg.solutionName} ${ch.previousYear} at sammenligne med, så alt i pakken er nyt i år.`;
}

/**
 * The overview's short version: per section how much changed, with a link to the full list. A
 * municipality's recipients see it first on the package.
 */
export function ChangesSummary(p: { pkg: PackageRow; changes: PackageChanges }): JSX.Element {
  const { pkg, changes } = p;
  const d = changes.diff;
  return (
    <section aria-labelledby="aendringer-kort" class="samspil-changes-summary">
      <h2 id="aendringer-kort" safe>{`Ændringer siden ${changes.previousYear}`}</h2>
      {!d ? (
        <p safe>{noPrevious(changes, pkg)}</p>
      ) : diffSize(d) === 0 ? (
        <p safe>{`Intet er ændret i forhold til ${changes.previous!.title}.`}</p>
      ) : (
        <>
          <ul>
            {d.texts.length > 0 ? <li safe>{`Tekster: ${d.texts.map((t) => t.label.toLowerCase()).join(' og ')} ændret`}</li> : ''}
            {SECTIONS.filter((s) => d[s.key].length > 0).map((s) => (
              <li safe>{`${s.noun}: ${countsText(d[s.key])}`}</li>
            ))}
          </ul>
          <p>
            <a href={`/compliance/pakker/${pkg.id}/aendringer`} class="function-link" safe>
              {`Se alle ændringer siden ${changes.previousYear}`}
            </a>
          </p>
        </>
      )}
    </section>
  );
}

function FieldTable(p: { caption: string; fields: FieldChange[] }): JSX.Element {
  return (
    <ResponsiveTable>
      <table class="table table--compact">
        <caption class="sr-only" safe>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Felt</th>
            <th scope="col">Før</th>
            <th scope="col">Nu</th>
          </tr>
        </thead>
        <tbody>
          {p.fields.map((f) => (
            <tr data-felt={f.field}>
              <th scope="row" safe>{f.label}</th>
              <td safe>{f.from}</td>
              <td safe>{f.to}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

function ItemList(p: { items: ItemChange[]; heading: string }): JSX.Element {
  return (
    <ul class="nobullet-list samspil-change-list">
      {p.items.map((item) => (
        <li data-aendring={item.kind} data-noegle={item.key}>
          <p>
            <strong safe>{`${KIND_LABELS[item.kind]}:`}</strong> <span safe>{item.title}</span>
          </p>
          {item.fields.length > 0 ? <FieldTable caption={`${p.heading}: ${item.title}`} fields={item.fields} /> : ''}
        </li>
      ))}
    </ul>
  );
}

export function ChangesPage(p: { request: FastifyRequest; pkg: PackageRow; changes: PackageChanges }): JSX.Element {
  const { pkg, changes } = p;
  const d = changes.diff;
  const title = `Ændringer siden ${changes.previousYear}`;
  return (
    <Layout title={`${title} – ${pkg.title}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="compliance">
      <p>
        <a href="/compliance" class="function-link">
          Alle compliancepakker
        </a>
      </p>
      <h1 safe>{pkg.title}</h1>
      <PackageNav pkg={pkg} actor={p.request.actor!} current="aendringer" />
      <h2 safe>{title}</h2>
      {!d ? (
        <p safe>{noPrevious(changes, pkg)}</p>
      ) : (
        <>
          <p class="font-lead">
            Sammenlignet med{' '}
            <a href={`/compliance/pakker/${changes.previous!.id}`} safe>
              {changes.previous!.title}
            </a>
            {diffSize(d) === 0 ? ': intet er ændret.' : '. Aktiviteter og risici sammenholdes på deres nummer, leverandører på CVR-nummer.'}
          </p>
          {d.texts.length > 0 ? (
            <section aria-labelledby="aendringer-tekster">
              <h3 id="aendringer-tekster">Principper og sikkerhed</h3>
              <FieldTable caption="Principper og sikkerhed" fields={d.texts} />
            </section>
          ) : (
            ''
          )}
          {SECTIONS.map((s) => (
            <section aria-labelledby={`aendringer-${s.key}`}>
              <h3 id={`aendringer-${s.key}`} safe>{s.heading}</h3>
              {d[s.key].length === 0 ? <p>Ingen ændringer.</p> : <ItemList items={d[s.key]} heading={s.heading} />}
            </section>
          ))}
        </>
      )}
    </Layout>
  );
}

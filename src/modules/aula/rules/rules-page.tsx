import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import { CsrfField, ErrorSummary, Notice, PlainText } from '../../../platform/views/components.tsx';
import { formatDayLong } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import { categoryName } from '../categories.ts';
import { ruleSetStatus, type RuleSet } from './in-force.ts';
import { formatPeriod, TRIGGER_LABELS } from './labels.ts';

export type RulesPageProps = {
  request: FastifyRequest;
  sets: RuleSet[];
  today: string;
  canEdit: boolean;
  notice?: string | undefined;
  errors?: FieldErrors;
};

function statusText(sets: RuleSet[], set: RuleSet, today: string): string {
  const status = ruleSetStatus(sets, set, today);
  if (status === 'in_force') return 'Gældende nu';
  if (status === 'future') return `Træder i kraft ${formatDayLong(set.activationDate)}`;
  return 'Afløst';
}

/** Every version of the deletion rules, newest first, each with its nine categories' trigger and period. */
export function RulesPage(p: RulesPageProps): JSX.Element {
  return (
    <Layout title="Sletteregler – Aula" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="aula">
      <Breadcrumbs trail={[{ href: '/aula', label: 'Aula' }]} current="Sletteregler" />
      <h1>Sletteregler for sikre filer i Aula</h1>
      <ErrorSummary errors={p.errors ?? {}} />
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <p>
        Hver kategori af sikre filer slettes automatisk, når en periode er gået fra en hændelse. Reglerne findes i versioner: den version, der senest er trådt i
        kraft, gælder.
      </p>
      {p.canEdit ? (
        <p>
          <a href="/aula/sletteregler/ny" class="button button-secondary">
            Opret ny version
          </a>
        </p>
      ) : (
        ''
      )}
      {p.sets.length === 0 ? <p>Der er endnu ingen sletteregler.</p> : ''}
      <>
        {p.sets.map((set) => (
        <section id={`version-${set.id}`} aria-labelledby={`titel-${set.id}`}>
          <h2 id={`titel-${set.id}`} safe>
            {set.name}
          </h2>
          <p>
            <strong safe>{statusText(p.sets, set, p.today)}</strong>
            <span safe>{` · træder i kraft ${formatDayLong(set.activationDate)}`}</span>
          </p>
          {set.description ? <PlainText text={set.description} /> : ''}
          <ResponsiveTable>
            <table class="table">
              <caption class="sr-only" safe>{`Sletteregler i ${set.name}`}</caption>
              <thead>
                <tr>
                  <th scope="col">Kategori</th>
                  <th scope="col">Perioden starter når</th>
                  <th scope="col">Periode</th>
                </tr>
              </thead>
              <tbody>
                {set.rules.map((r) => (
                  <tr>
                    <th scope="row" safe>
                      {categoryName(r.category)}
                    </th>
                    <td safe>{TRIGGER_LABELS[r.trigger]}</td>
                    <td safe>{formatPeriod(r.periodMonths)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ResponsiveTable>
          {p.canEdit ? <EditActions set={set} today={p.today} csrfToken={p.request.csrfToken} /> : ''}
        </section>
        ))}
      </>
    </Layout>
  );
}

function EditActions(p: { set: RuleSet; today: string; csrfToken: string | undefined }): JSX.Element {
  return (
    <div class="samspil-actions">
      <a href={`/aula/sletteregler/${p.set.id}/ret`} class="function-link" safe>{`Ret ${p.set.name}`}</a>
      {p.set.activationDate > p.today ? (
        <form method="post" action={`/aula/sletteregler/${p.set.id}/slet`}>
          <CsrfField token={p.csrfToken} />
          <button type="submit" class="button button-secondary" safe>{`Slet ${p.set.name}`}</button>
        </form>
      ) : (
        ''
      )}
    </div>
  );
}

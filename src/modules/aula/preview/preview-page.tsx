import type { FastifyRequest } from 'fastify';
import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import { ErrorSummary, TextField } from '../../../platform/views/components.tsx';
import { formatDayLong, formatDeadline, formatNumber } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import { formatPeriod, TRIGGER_LABELS } from '../rules/labels.ts';
import type { PreviewPageData } from './load-preview-page.ts';
import { monthName, otherCount, PreviewChart } from './preview-chart.tsx';

export type PreviewPageProps = {
  request: FastifyRequest;
  code: string;
  name: string;
  /** The date as typed, shown back in the field. */
  typed: string;
  error?: string | undefined;
  /** Null when the date could not be read: the page then shows only the form and the message. */
  data: PreviewPageData | null;
};

const RISK = 'i risiko for at blive slettet uden journalisering';

const Num = (p: { n: number }) => (
  <td class="align-text-right" safe>
    {formatNumber(p.n)}
  </td>
);

function CountHeads(p: { first: string; extra?: string }): JSX.Element {
  return (
    <thead>
      <tr>
        <th scope="col" safe>
          {p.first}
        </th>
        {p.extra ? (
          <th scope="col" safe>
            {p.extra}
          </th>
        ) : (
          ''
        )}
        <th scope="col" class="align-text-right">
          Passeret slettefristen
        </th>
        <th scope="col" class="align-text-right">
          Journaliseret
        </th>
        <th scope="col" class="align-text-right">
          I risiko
        </th>
      </tr>
    </thead>
  );
}

function Totals(p: { d: PreviewPageData; span?: number }): JSX.Element {
  return (
    <tfoot>
      <tr>
        <th scope="row" colspan={p.span ? String(p.span) : undefined}>
          I alt
        </th>
        <Num n={p.d.totals.total} />
        <Num n={p.d.totals.journalised} />
        <Num n={p.d.totals.atRisk} />
      </tr>
    </tfoot>
  );
}

function Summary(p: { d: PreviewPageData }): JSX.Element {
  const { totals } = p.d;
  return (
    <section aria-labelledby="opsummering">
      <h2 id="opsummering" safe>{`Status ${formatDayLong(p.d.day)}`}</h2>
      <dl data-opsummering>
        <dt>Filer, der har passeret slettefristen</dt>
        <dd data-tal="i-alt" safe>
          {formatNumber(totals.total)}
        </dd>
        <dt>Heraf journaliseret</dt>
        <dd data-tal="journaliseret" safe>
          {formatNumber(totals.journalised)}
        </dd>
        <dt>Heraf {RISK}</dt>
        <dd data-tal="i-risiko" safe>
          {formatNumber(totals.atRisk)}
        </dd>
      </dl>
      <p>«I risiko» er filer, der ikke er journaliseret, i en kategori kommunen har valgt at journalisere. Filer i de øvrige kategorier tælles med i «passeret slettefristen», men ikke som i risiko.</p>
    </section>
  );
}

function Rules(p: { d: PreviewPageData }): JSX.Element {
  const set = p.d.ruleSet;
  return (
    <section aria-labelledby="regler">
      <h2 id="regler">Sletteregler</h2>
      {set ? (
        <p safe>{`Reglerne «${set.name}», der gælder fra ${formatDayLong(set.activationDate)}, er i kraft denne dag. Perioden for hver kategori står i tabellen nedenfor.`}</p>
      ) : (
        <p>
          <strong>Der er ingen sletteregler i kraft denne dag.</strong> Derfor har ingen filer passeret en slettefrist.
        </p>
      )}
      <p>
        <a href="/aula/sletteregler">Se alle versioner af slettereglerne</a>
      </p>
    </section>
  );
}

function Downloads(p: { code: string; day: string }): JSX.Element {
  const q = `?dato=${p.day}`;
  return (
    <section aria-labelledby="journaliseringsliste">
      <h2 id="journaliseringsliste">Journaliseringsliste</h2>
      <p>De filer, der er {RISK} denne dag, med fil-id, institution, kategori, datoer og slettefrist, så de kan findes og journaliseres i ESDH-systemet.</p>
      <ul>
        <li>
          <a href={`/aula/kommuner/${p.code}/journaliseringsliste.xlsx${q}`}>Hent journaliseringslisten (Excel)</a>
        </li>
        <li>
          <a href={`/aula/kommuner/${p.code}/journaliseringsliste.csv${q}`}>Hent journaliseringslisten (CSV)</a>
        </li>
      </ul>
    </section>
  );
}

function InstitutionTable(p: { d: PreviewPageData }): JSX.Element {
  return (
    <section aria-labelledby="institutioner">
      <h2 id="institutioner">Pr. institution</h2>
      {p.d.institutions.length === 0 ? (
        <p>Kommunen har ingen institutioner i oversigten over sikre filer endnu.</p>
      ) : (
        <ResponsiveTable>
          <table class="table table--compact" data-table="institutioner">
            <caption safe>{`Filer pr. institution ${formatDeadline(p.d.day)}`}</caption>
            <CountHeads first="Institution" extra="Nummer" />
            <tbody>
              {p.d.institutions.map((r) => (
                <tr data-institution={r.institutionNumber}>
                  <th scope="row" safe>
                    {r.name}
                  </th>
                  <td safe>{r.institutionNumber}</td>
                  <Num n={r.total} />
                  <Num n={r.journalised} />
                  <Num n={r.atRisk} />
                </tr>
              ))}
            </tbody>
            <Totals d={p.d} span={2} />
          </table>
        </ResponsiveTable>
      )}
    </section>
  );
}

function CategoryTable(p: { d: PreviewPageData }): JSX.Element {
  const rules = new Map((p.d.ruleSet?.rules ?? []).map((r) => [r.category as string, r]));
  return (
    <section aria-labelledby="kategorier">
      <h2 id="kategorier">Pr. kategori</h2>
      <ResponsiveTable>
        <table class="table table--compact" data-table="kategorier">
          <caption safe>{`Filer pr. kategori ${formatDeadline(p.d.day)}`}</caption>
          <CountHeads first="Kategori" extra="Slettes" />
          <tbody>
            {p.d.categories.map((r) => {
              const rule = rules.get(r.key);
              return (
                <tr data-kategori={r.key}>
                  <th scope="row" safe>
                    {r.name}
                  </th>
                  <td>{rule ? `${formatPeriod(rule.periodMonths)} efter: ${TRIGGER_LABELS[rule.trigger].toLowerCase()}` : 'Ingen regel i kraft'}</td>
                  <Num n={r.total} />
                  <Num n={r.journalised} />
                  <Num n={r.atRisk} />
                </tr>
              );
            })}
          </tbody>
          <Totals d={p.d} span={2} />
        </table>
      </ResponsiveTable>
    </section>
  );
}

function Months(p: { d: PreviewPageData; name: string }): JSX.Element {
  const { months } = p.d;
  const title = `Filer, der har passeret slettefristen ved udgangen af hver måned, ${monthName(months[0]!.monthEnd)} – ${monthName(months[months.length - 1]!.monthEnd)}, ${p.name} Kommune`;
  return (
    <section aria-labelledby="maaneder">
      <h2 id="maaneder">De kommende 24 måneder</h2>
      <p>Hver søjle er de filer, der har passeret slettefristen ved månedens udgang efter de regler, der gælder den dag. Søjlen er delt i filer i risiko (nederst), journaliserede filer og øvrige filer (kategorier, kommunen ikke journaliserer).</p>
      {/* The drawing above its table: on a phone the table stacks under it, each value under its heading. */}
      <div class="row">
        <div class="col-12 col-lg-10 col-xl-8">
          <PreviewChart months={months} title={title} />
        </div>
      </div>
      <ResponsiveTable>
        <table class="table table--compact" data-table="maaneder">
          <caption>Samme tal som i grafen</caption>
          <thead>
            <tr>
              <th scope="col">Ved udgangen af</th>
              <th scope="col" class="align-text-right">
                Passeret slettefristen
              </th>
              <th scope="col" class="align-text-right">
                Journaliseret
              </th>
              <th scope="col" class="align-text-right">
                I risiko
              </th>
              <th scope="col" class="align-text-right">
                Øvrige
              </th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr data-maaned={m.monthEnd.slice(0, 7)}>
                <th scope="row" safe>
                  {monthName(m.monthEnd)}
                </th>
                <Num n={m.total} />
                <Num n={m.journalised} />
                <Num n={m.atRisk} />
                <Num n={otherCount(m)} />
              </tr>
            ))}
          </tbody>
        </table>
      </ResponsiveTable>
    </section>
  );
}

/** A municipality's deletion preview on a chosen day (issue #12 point 4). */
export function PreviewPage(p: PreviewPageProps): JSX.Element {
  const title = `Sletning af sikre filer i ${p.name} Kommune`;
  return (
    <Layout title={title} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="aula">
      <Breadcrumbs
        trail={[
          { href: '/aula', label: 'Aula' },
          { href: `/aula/kommuner/${p.code}`, label: p.name },
        ]}
        current="Sletning"
      />
      <h1 safe>{title}</h1>
      <ErrorSummary errors={p.error ? { dato: p.error } : {}} labels={{ dato: 'Dato' }} />
      <p class="font-lead">Hvor mange af kommunens sikre filer der har passeret deres slettefrist på en valgt dag, og hvor mange af dem der ikke er journaliseret.</p>
      <form method="get" action={`/aula/kommuner/${p.code}/sletning`} class="samspil-actions" aria-label="Vælg dato">
        <TextField name="dato" label="Dato" hint="Skriv datoen som dd.mm.åååå, fx 01.03.2027" value={p.typed} error={p.error} />
        <button type="submit" class="button button-secondary">
          Vis
        </button>
      </form>
      {p.data ? (
        <>
          <Summary d={p.data} />
          <Rules d={p.data} />
          <Downloads code={p.code} day={p.data.day} />
          <InstitutionTable d={p.data} />
          <CategoryTable d={p.data} />
          <Months d={p.data} name={p.name} />
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}

import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { CsrfField, ErrorSummary, Notice } from '../../../platform/views/components.tsx';
import { formatKroner, formatNumber } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import { lockedMessage } from './assert-year-open.ts';
import { kindInWords, priceInWords } from './describe-price.ts';
import type { SolutionPrices, YearPrices } from './load-year-prices.ts';

export type PricesPageProps = {
  request: FastifyRequest;
  prices: YearPrices;
  canEdit: boolean;
  notice?: string | undefined;
  errors?: FieldErrors;
};

function YearNav(p: { year: number }): JSX.Element {
  return (
    <nav aria-label="Andre år">
      <ul class="samspil-inline-list nobullet-list">
        <li>
          <a href={`/oekonomi/priser/${p.year - 1}`} class="function-link" safe>{`Priser ${p.year - 1}`}</a>
        </li>
        <li>
          <a href={`/oekonomi/priser/${p.year + 1}`} class="function-link" safe>{`Priser ${p.year + 1}`}</a>
        </li>
        <li>
          <a href={`/oekonomi/fordeling/${p.year}`} class="function-link" safe>{`Fordelingen på kommuner ${p.year}`}</a>
        </li>
      </ul>
    </nav>
  );
}

function SolutionSection(p: { year: number; solution: SolutionPrices; prices: YearPrices; editable: boolean }): JSX.Element {
  const { solution: s, prices } = p;
  const example = 'lines' in prices.example ? prices.example : null;
  return (
    <section aria-labelledby={`loesning-${s.key}`}>
      <h2 id={`loesning-${s.key}`} safe>
        {s.name}
      </h2>
      {s.models.length === 0 ? (
        <p safe>{`${s.name} har ingen prismodeller for ${p.year}.`}</p>
      ) : (
        <ResponsiveTable>
          <table class="table table--compact">
            <caption class="sr-only" safe>{`Prismodeller for ${s.name} ${p.year}`}</caption>
            <thead>
              <tr>
                <th scope="col">Linje</th>
                <th scope="col">Type</th>
                <th scope="col">Pris</th>
                <th scope="col">{example ? `Eksempel: ${example.municipality.name}` : 'Eksempel'}</th>
              </tr>
            </thead>
            <tbody>
              {s.models.map((m) => {
                const line = example?.lines.get(m.id);
                return (
                  <tr id={`model-${m.id}`}>
                    <th scope="row">
                      <a href={`/oekonomi/priser/${p.year}/modeller/${m.id}`} safe>
                        {m.label}
                      </a>
                    </th>
                    <td safe>{kindInWords(m)}</td>
                    <td>
                      <span safe>{priceInWords(m)}</span>
                      {m.kind === 'usage' ? <span class="form-hint d-block" safe>{`Forbrug indlæst for ${formatNumber(m.usage.size)} ${m.usage.size === 1 ? 'kommune' : 'kommuner'}`}</span> : ''}
                    </td>
                    <td>
                      {line ? (
                        <>
                          <strong safe>{formatKroner(line.amountOre)}</strong>
                          <span class="d-block" safe>
                            {line.calculation}
                          </span>
                        </>
                      ) : (
                        <span>–</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ResponsiveTable>
      )}
      {p.editable ? (
        <p>
          <a href={`/oekonomi/priser/${p.year}/ny?loesning=${encodeURIComponent(s.key)}`} class="function-link" safe>{`Tilføj prismodel til ${s.name}`}</a>
        </p>
      ) : (
        ''
      )}
    </section>
  );
}

function CopySection(p: { request: FastifyRequest; prices: YearPrices }): JSX.Element {
  const { year } = p.prices;
  const next = year + 1;
  const hasModels = p.prices.solutions.some((s) => s.models.length > 0);
  return (
    <section aria-labelledby="kopier">
      <h2 id="kopier" safe>{`Priser for ${next}`}</h2>
      {p.prices.nextYearLocked ? (
        <p safe>{lockedMessage(next)}</p>
      ) : p.prices.nextYearHasModels ? (
        <p>
          <span safe>{`${next} har allerede priser, så ${year}s priser kan ikke kopieres dertil. `}</span>
          <a href={`/oekonomi/priser/${next}`} safe>{`Se priserne for ${next}`}</a>
        </p>
      ) : !hasModels ? (
        <p safe>{`Når ${year} har priser, kan de kopieres til ${next} som udgangspunkt.`}</p>
      ) : (
        <form method="post" action={`/oekonomi/priser/${year}/kopier`}>
          <CsrfField token={p.request.csrfToken} />
          <RequestKeyField />
          <p safe>{`Kopiér alle prismodeller og enhedspriser til ${next} som udgangspunkt for næste års priser. Forbruget pr. kommune kopieres ikke.`}</p>
          <button type="submit" class="button button-secondary" safe>
            {`Kopiér priserne til ${next}`}
          </button>
        </form>
      )}
    </section>
  );
}

/** A year's price models per solution, with an example line, the lock, and the copy to next year. */
export function PricesPage(p: PricesPageProps): JSX.Element {
  const { prices } = p;
  const editable = p.canEdit && !prices.locked;
  return (
    <Layout title={`Priser ${prices.year} – Økonomi`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="oekonomi">
      <h1 safe>{`Priser ${prices.year}`}</h1>
      <ErrorSummary errors={p.errors ?? {}} labels={{ aar: 'År' }} />
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      {prices.locked ? <Notice kind="info" text={`${lockedMessage(prices.year)} Priserne kan ses, men ikke ændres.`} /> : ''}
      <p class="font-lead">
        Hver løsnings pris for året er en eller flere prismodeller; hver model bliver en linje på kommunens faktura. Beløbene regnes i hele øre.
      </p>
      {'lines' in prices.example ? (
        <p safe>{`Eksemplerne er ${prices.example.municipality.name}s linjer med befolkningstallet for ${prices.example.period} (${formatNumber(prices.example.municipality.population)} indbyggere).`}</p>
      ) : (
        <p>
          <span safe>{`Eksemplerne kan ikke beregnes: ${prices.example.missing} `}</span>
          <a href="/oekonomi/befolkning">Vælg befolkningstal</a>
        </p>
      )}
      <YearNav year={prices.year} />
      <>
        {prices.solutions.map((s) => (
          <SolutionSection year={prices.year} solution={s} prices={prices} editable={editable} />
        ))}
      </>
      {p.canEdit ? <CopySection request={p.request} prices={prices} /> : ''}
    </Layout>
  );
}

import type { FastifyRequest } from 'fastify';
import { Layout } from '../../../platform/views/layout.tsx';
import { statusText } from './export-status.ts';
import { TYPE_LABELS } from '../labels.ts';
import type { Matrix } from './matrix-queries.ts';
import { agreementTypes } from '../schema.ts';
import type { MunicipalStatus, StatusCounts, StatusRow } from '../status.ts';

/** What a cell shows; the full status is read out to screen readers instead. */
export const MATRIX_SHORT: Record<MunicipalStatus, string> = {
  signed: '✓ underskrevet',
  replaced: 'K98',
  pending: 'afventer',
  in_dialogue: 'dialog',
  not_signed: 'mangler',
};
const NOT_ADDRESSED = { short: '–', full: 'Ikke sendt til kommunen' };

const LEGEND: { short: string; full: string }[] = [
  { short: MATRIX_SHORT.signed, full: 'Underskrevet' },
  { short: MATRIX_SHORT.replaced, full: 'Erstattet af K98-aftalen (kommunen har underskrevet K98-aftalen, der omfatter løsningen)' },
  { short: MATRIX_SHORT.pending, full: 'Underskrevet kopi modtaget – afventer KOMBITs godkendelse' },
  { short: MATRIX_SHORT.in_dialogue, full: 'I dialog med KOMBIT' },
  { short: MATRIX_SHORT.not_signed, full: 'Ikke underskrevet' },
  NOT_ADDRESSED,
];

const TOTALS: { label: string; value: (c: StatusCounts) => number }[] = [
  { label: 'Underskrevet', value: (c) => c.signed },
  { label: 'Erstattet af K98', value: (c) => c.replaced },
  { label: 'Afventer godkendelse', value: (c) => c.pending },
  { label: 'I dialog', value: (c) => c.in_dialogue },
  { label: 'Ikke underskrevet', value: (c) => c.not_signed },
  { label: 'Sendt til i alt', value: (c) => c.addressed },
];

function Cell(p: { cell: StatusRow | null }): JSX.Element {
  const short = p.cell ? MATRIX_SHORT[p.cell.status] : NOT_ADDRESSED.short;
  const full = p.cell ? statusText(p.cell) : NOT_ADDRESSED.full;
  return (
    <td data-status={p.cell?.status ?? 'none'}>
      <span aria-hidden="true" safe>
        {short}
      </span>
      <span class="sr-only" safe>
        {full}
      </span>
    </td>
  );
}

/** GET /aftaler/overblik – every municipality against every agreement sent out, for central staff. */
export function MatrixPage(p: { request: FastifyRequest; matrix: Matrix }): JSX.Element {
  const { matrix } = p;
  const typeQuery = matrix.type ? `?type=${matrix.type}` : '';
  return (
    <Layout title="Overblik over aftaler" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="aftaler">
      <p>
        <a href="/aftaler" class="function-link">
          Alle aftaler
        </a>
      </p>
      <h1>Overblik over tilslutnings- og databehandleraftaler</h1>
      <p>Hver kommunes status for hver aftale, der er sendt ud. Vælg en aftale for at se status pr. kommune og listen over manglende kommuner.</p>
      <form method="get" action="/aftaler/overblik" class="samspil-actions">
        <div class="form-group">
          <label class="form-label" for="filter-type">
            Aftaletype
          </label>
          <select class="form-select" id="filter-type" name="type">
            <option value="" selected={matrix.type === null}>
              Alle typer
            </option>
            {agreementTypes.map((t) => (
              <option value={t} selected={t === matrix.type} safe>
                {TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button-secondary">
          Vis
        </button>
        <a href={`/aftaler/overblik.xlsx${typeQuery}`} class="function-link">
          Eksportér (XLSX)
        </a>
      </form>

      <h2>Forklaring</h2>
      <dl class="samspil-details" id="forklaring">
        {LEGEND.map((l) => (
          <>
            <dt safe>{l.short}</dt>
            <dd safe>{l.full}</dd>
          </>
        ))}
      </dl>

      <h2>Kommunerne</h2>
      {matrix.agreements.length === 0 ? (
        <p safe>{`Der er ingen udsendte aftaler${matrix.type ? ' af denne type' : ''}.`}</p>
      ) : (
        <div class="table--responsive-scroll">
          <table class="table table--compact table--zebra" id="overblik">
            <caption safe>{`${matrix.rows.length} kommuner og ${matrix.agreements.length} ${matrix.agreements.length === 1 ? 'aftale' : 'aftaler'}`}</caption>
            <thead>
              <tr>
                <th scope="col">Kommune</th>
                {matrix.agreements.map((a) => (
                  <th scope="col" data-aftale={a.id}>
                    <a href={`/aftaler/${a.id}/status`} safe>
                      {a.title}
                    </a>
                    <br />
                    <span class="text-muted weight-normal" safe>
                      {TYPE_LABELS[a.type]}
                    </span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.rows.map((r) => (
                <tr data-kommune={r.code}>
                  <th scope="row" safe>
                    {r.name}
                  </th>
                  {r.cells.map((c) => (
                    <Cell cell={c} />
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              {TOTALS.map((t) => (
                <tr>
                  <th scope="row" safe>
                    {t.label}
                  </th>
                  {matrix.agreements.map((a) => (
                    <td safe>{String(t.value(a.counts))}</td>
                  ))}
                </tr>
              ))}
            </tfoot>
          </table>
        </div>
      )}
    </Layout>
  );
}

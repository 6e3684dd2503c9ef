import type { FastifyRequest } from 'fastify';
import { Layout } from '../../../platform/views/layout.tsx';
import { TYPE_LABELS } from '../labels.ts';
import type { Matrix } from './matrix-queries.ts';
import { agreementTypes } from '../schema.ts';
import type { MunicipalStatus, StatusCounts } from '../status.ts';

/**
 * A cell: a colour, an icon and a short word, so the status never rests on colour alone. The one
 * letter class keeps 5,880 cells (98 × 60) within the page's 200 KiB; the legend says the rest.
 */
export const MATRIX_CELL: Record<MunicipalStatus | 'none', { cls: string; icon: string; text: string; full: string }> = {
  signed: { cls: 's', icon: '✓', text: 'Ja', full: 'Underskrevet' },
  replaced: { cls: 'r', icon: '✓', text: 'K98', full: 'Erstattet af K98-aftalen (kommunen har underskrevet K98-aftalen, der omfatter løsningen)' },
  pending: { cls: 'p', icon: '◷', text: 'Afventer', full: 'Underskrevet kopi modtaget – afventer KOMBITs godkendelse' },
  in_dialogue: { cls: 'd', icon: '↔', text: 'Dialog', full: 'I dialog med KOMBIT' },
  not_signed: { cls: 'n', icon: '✗', text: 'Nej', full: 'Ikke underskrevet' },
  none: { cls: 'x', icon: '–', text: '', full: 'Ikke sendt til kommunen' },
};
const CELL_KEYS = ['signed', 'replaced', 'pending', 'in_dialogue', 'not_signed', 'none'] as const;

/** Each cell's markup rendered once: the page repeats six strings instead of rendering 5,880 elements. */
const CELL_HTML = Object.fromEntries(
  CELL_KEYS.map((k) => {
    const c = MATRIX_CELL[k];
    return [
      k,
      <td class={c.cls} safe>
        {c.text ? `${c.icon} ${c.text}` : c.icon}
      </td>,
    ];
  }),
) as Record<(typeof CELL_KEYS)[number], JSX.Element>;

const TOTALS: { label: string; value: (c: StatusCounts) => number }[] = [
  { label: 'Underskrevet', value: (c) => c.signed },
  { label: 'Erstattet af K98', value: (c) => c.replaced },
  { label: 'Afventer godkendelse', value: (c) => c.pending },
  { label: 'I dialog', value: (c) => c.in_dialogue },
  { label: 'Ikke underskrevet', value: (c) => c.not_signed },
  { label: 'Sendt til i alt', value: (c) => c.addressed },
];

function Legend(): JSX.Element {
  return (
    <ul class="nobullet-list samspil-matrix-legend" id="forklaring">
      {CELL_KEYS.map((k) => {
        const c = MATRIX_CELL[k];
        return (
          <li>
            <span class={`samspil-matrix-key ${c.cls}`} aria-hidden="true" safe>
              {c.text ? `${c.icon} ${c.text}` : c.icon}
            </span>{' '}
            <span safe>{c.text ? `${c.text}: ${c.full}` : `${c.icon}: ${c.full}`}</span>
          </li>
        );
      })}
    </ul>
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
      <Legend />

      <h2>Kommunerne</h2>
      {matrix.agreements.length === 0 ? (
        <p safe>{`Der er ingen udsendte aftaler${matrix.type ? ' af denne type' : ''}.`}</p>
      ) : (
        // Its own scroll box (keyboard reachable), so a phone scrolls the matrix and not the page; the
        // header row and the municipality column stay in view while it scrolls.
        <div class="table--responsive-scroll samspil-matrix-scroll" tabindex="0" role="region" aria-labelledby="overblik-titel">
          <table class="table table--compact samspil-matrix" id="overblik">
            <caption id="overblik-titel" safe>{`${matrix.rows.length} kommuner og ${matrix.agreements.length} ${matrix.agreements.length === 1 ? 'aftale' : 'aftaler'}`}</caption>
            <thead>
              <tr>
                <th scope="col">Kommune</th>
                {matrix.agreements.map((a) => (
                  <th scope="col" data-aftale={a.id}>
                    <a href={`/aftaler/${a.id}/status`} safe>
                      {a.title}
                    </a>
                    <br />
                    <span class="weight-normal" safe>
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
                  {r.cells.map((c) => CELL_HTML[c ?? 'none'])}
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

import { escapeHtml } from '@kitajs/html';
import { formatDeadline, formatNumber } from '../../../platform/views/format.ts';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { ConfigurationRow } from './configuration-rows.ts';
import { FIELD_SHORT, formatSetting, SETTING_FIELDS, sourceOf } from './labels.ts';

const LEVEL_CLASS = { hovedgruppe: 'weight-semibold', gruppe: 'weight-semibold pl-3', emne: 'pl-6' } as const;

/**
 * One row as text. The plan page has ~2,200 rows of ten cells, so the row is written as one
 * template string rather than ~30 JSX elements (a tenth of the time: the page must answer within
 * 250 ms at eight connections). Every value from the database goes through escapeHtml; KLE numbers
 * are digits and dots by the table's check constraint. A value's source is written unless it is
 * the default (the page says so above the table), which keeps the page small.
 */
function rowHtml(r: ConfigurationRow, code: string, select: boolean, chosen: ReadonlySet<string>): string {
  const level = LEVEL_CLASS[r.level];
  let html = `<tr data-kle="${r.number}">`;
  // The browser's own checkbox, named for screen readers: DKFDS's drawn one needs a wrapper and a label per row.
  if (select) html += `<td><input type="checkbox" name="kle" value="${r.number}" aria-label="Vælg ${r.number}"${chosen.has(r.number) ? ' checked' : ''}/></td>`;
  html += `<th scope="row" class="${level}"><a href="/borgerblikket/kommuner/${code}/kle/${r.number}">${r.number}</a></th><td class="${level}">${escapeHtml(r.title)}`;
  if (r.expiredOn) html += ` <span class="badge badge-small badge-warning">Udgået ${formatDeadline(r.expiredOn)}</span>`;
  html += '</td>';
  for (const f of SETTING_FIELDS) {
    const value = escapeHtml(formatSetting(f, r.effective[f] as never));
    html += r.effective.decidedBy[f] === null ? `<td>${value}</td>` : `<td>${value} <small>${sourceOf(r.effective, f, r.number)}</small></td>`;
  }
  return `${html}</tr>`;
}

/**
 * The plan as one table, main groups, groups and topics in tree order, each with what holds for it
 * and where from. A keeper gets a checkbox per row for the bulk change (the form is the caller's).
 */
export function PlanTable(p: { rows: readonly ConfigurationRow[]; code: string; select: boolean; chosen: ReadonlySet<string>; caption: string }): string {
  const body =
    p.rows.length === 0
      ? `<tr><td colspan="${SETTING_FIELDS.length + (p.select ? 3 : 2)}">Ingen KLE-numre passer til filteret.</td></tr>`
      : p.rows.map((row) => rowHtml(row, p.code, p.select, p.chosen)).join('');
  const table = (
    <ResponsiveTable>
      <table class="table table--compact">
        <caption safe>{p.caption}</caption>
        <thead>
          <tr>
            {p.select ? (
              <th scope="col">
                <span class="sr-only">Vælg</span>
              </th>
            ) : (
              ''
            )}
            <th scope="col">KLE-nummer</th>
            <th scope="col">Titel</th>
            {SETTING_FIELDS.map((f) => (
              <th scope="col" safe>
                {FIELD_SHORT[f]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{body as 'safe'}</tbody>
      </table>
    </ResponsiveTable>
  );
  if (typeof table !== 'string') throw new Error('the plan table renders synchronously');
  return table;
}

export const rowCountText = (shown: number, total: number) => (shown === total ? `${formatNumber(total)} KLE-numre` : `${formatNumber(shown)} af ${formatNumber(total)} KLE-numre`);

import { formatDeadline, formatNumber } from '../../../platform/views/format.ts';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { ConfigurationRow } from './configuration-rows.ts';
import { FIELD_SHORT, formatSetting, SETTING_FIELDS, sourceOf, type SettingField } from './labels.ts';

const LEVEL_CLASS = { hovedgruppe: 'weight-semibold', gruppe: 'weight-semibold pl-3', emne: 'pl-6' } as const;

/** A setting and where it comes from: "Ja" and, smaller, "sat her", "arvet fra 27.12" or "standard". */
function SettingCell(p: { row: ConfigurationRow; field: SettingField }): JSX.Element {
  const { row, field } = p;
  const source = sourceOf(row.effective, field, row.number);
  return (
    <td>
      <span safe>{formatSetting(field, row.effective[field] as never)}</span> <small safe>{source}</small>
    </td>
  );
}

function Row(p: { row: ConfigurationRow; code: string; select: boolean; chosen: ReadonlySet<string> }): JSX.Element {
  const { row: r } = p;
  return (
    <tr data-kle={r.number}>
      {p.select ? (
        <td>
          <div class="form-group-checkbox">
            <input type="checkbox" class="form-checkbox" id={`v-${r.number}`} name="kle" value={r.number} checked={p.chosen.has(r.number)} />
            <label for={`v-${r.number}`} class="form-label">
              <span class="sr-only">Vælg {r.number as 'safe'}</span>
            </label>
          </div>
        </td>
      ) : (
        ''
      )}
      <th scope="row" class={LEVEL_CLASS[r.level]}>
        <a href={`/borgerblikket/kommuner/${p.code}/kle/${r.number}`}>{r.number as 'safe'}</a>
      </th>
      <td class={LEVEL_CLASS[r.level]}>
        <span safe>{r.title}</span>
        {r.expiredOn ? (
          <>
            {' '}
            <span class="badge badge-small badge-warning" safe>{`Udgået ${formatDeadline(r.expiredOn)}`}</span>
          </>
        ) : (
          ''
        )}
      </td>
      {SETTING_FIELDS.map((f) => (
        <SettingCell row={r} field={f} />
      ))}
    </tr>
  );
}

/**
 * The plan as one table, main groups, groups and topics in tree order, each with what holds for it
 * and where from. A keeper gets a checkbox per row for the bulk change (the form is the caller's).
 */
export function PlanTable(p: { rows: readonly ConfigurationRow[]; code: string; select: boolean; chosen: ReadonlySet<string>; caption: string }): JSX.Element {
  return (
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
        <tbody>
          {p.rows.length === 0 ? (
            <tr>
              <td colspan={String(SETTING_FIELDS.length + (p.select ? 3 : 2))}>Ingen KLE-numre passer til filteret.</td>
            </tr>
          ) : (
            p.rows.map((row) => <Row row={row} code={p.code} select={p.select} chosen={p.chosen} />)
          )}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

export const rowCountText = (shown: number, total: number) => (shown === total ? `${formatNumber(total)} KLE-numre` : `${formatNumber(shown)} af ${formatNumber(total)} KLE-numre`);

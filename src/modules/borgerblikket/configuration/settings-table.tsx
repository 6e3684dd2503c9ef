import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { KleSettings } from '../visibility/effective-entry.ts';
import { FIELD_LABEL, formatSetting, SETTING_FIELDS, type SettingField } from './labels.ts';

/**
 * What holds for a number, field by field, and where each value comes from: one number's page and
 * the answer of «Hvad ser borgeren?» show the same table, each with its own words for the source.
 */
export function SettingsTable(p: { caption: string; settings: KleSettings; sourceHeader: string; source: (field: SettingField) => string }): JSX.Element {
  return (
    <ResponsiveTable>
      <table class="table table--compact" data-table="indstillinger">
        <caption safe>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Indstilling</th>
            <th scope="col">Værdi</th>
            <th scope="col" safe>
              {p.sourceHeader}
            </th>
          </tr>
        </thead>
        <tbody>
          {SETTING_FIELDS.map((f) => (
            <tr data-indstilling={f}>
              <th scope="row" safe>
                {FIELD_LABEL[f]}
              </th>
              <td safe>{formatSetting(f, p.settings[f] as never)}</td>
              <td safe>{p.source(f)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

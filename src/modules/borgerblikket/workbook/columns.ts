import type { CellValue, KeyedColumn } from '../../../platform/spreadsheet/write.ts';
import { splitSourceSystems } from '../settings-input.ts';
import type { KleSettings } from '../visibility/effective-entry.ts';

/**
 * The columns of a municipality's configuration workbook and how a setting becomes a cell and back.
 * A blank cell means "inherited" (from the group, the main group or the default). Because "no
 * from-date" and "every source system" are settings of their own that can override a group's, they
 * have words: «Ingen» and «Alle».
 */

export const SETTINGS_SHEET = { name: 'Opsætning', key: 'opsaetning' } as const;
export const EFFECTIVE_SHEET = { name: 'Gældende (læses ikke ind)', key: 'gaeldende' } as const;

export const NO_FROM_DATE = 'Ingen';
export const EVERY_SOURCE_SYSTEM = 'Alle';

export type BooleanField = 'shown' | 'youth' | 'fromDateOffForActive' | 'caseTitleInsteadOfKle' | 'documentTitles';

/** The settings columns in file order, each a field of KleSettings. */
export const SETTING_COLUMNS: readonly { key: keyof KleSettings; header: string; width: number }[] = [
  { key: 'shown', header: 'Vises', width: 10 },
  { key: 'youth', header: 'Unge 15–17', width: 12 },
  { key: 'fromDate', header: 'Fradato', width: 12 },
  { key: 'fromDateOffForActive', header: 'Aktive sager før fradato', width: 14 },
  { key: 'sourceSystems', header: 'Kildesystemer', width: 24 },
  { key: 'caseTitleInsteadOfKle', header: 'Sagstitel i stedet for KLE-titel', width: 16 },
  { key: 'documentTitles', header: 'Dokumenttitler', width: 14 },
];

export const KLE_COLUMN = { key: 'kle', header: 'KLE-nummer' } as const;
export const TITLE_COLUMN = { key: 'title', header: 'Titel' } as const;

export const headerOf = (key: string): string =>
  key === KLE_COLUMN.key ? KLE_COLUMN.header : key === TITLE_COLUMN.key ? TITLE_COLUMN.header : (SETTING_COLUMNS.find((c) => c.key === key)?.header ?? key);

/** A field's cell: blank when the field is not set on the number. */
export function settingCell(settings: Partial<KleSettings>, key: keyof KleSettings): CellValue {
  const v = settings[key];
  if (v === undefined) return null;
  if (key === 'fromDate') return v === null ? NO_FROM_DATE : new Date(`${v as string}T00:00:00Z`);
  if (key === 'sourceSystems') return (v as readonly string[]).length === 0 ? EVERY_SOURCE_SYSTEM : (v as readonly string[]).join('; ');
  return v as boolean;
}

/** The settings columns of a sheet whose rows are T, reading each row's settings through `of`. */
export function settingColumns<T>(of: (row: T) => Partial<KleSettings>): KeyedColumn<T>[] {
  return SETTING_COLUMNS.map((c) => ({ key: c.key, header: c.header, width: c.width, value: (row: T) => settingCell(of(row), c.key) }));
}

/**
 * A cell as checkSettings takes the field: undefined for a blank cell (inherited), else the value
 * or, for a cell that is not Ja/Nej, the text itself (checkSettings then gives the Danish message).
 */
export function cellSetting(key: keyof KleSettings, text: string): unknown {
  const t = text.trim();
  if (t === '') return undefined;
  if (key === 'fromDate') return t.toLowerCase() === NO_FROM_DATE.toLowerCase() ? null : t;
  if (key === 'sourceSystems') return t.toLowerCase() === EVERY_SOURCE_SYSTEM.toLowerCase() ? [] : splitSourceSystems(t);
  const yesNo = t.toLowerCase();
  return yesNo === 'ja' ? true : yesNo === 'nej' ? false : t;
}

import { formatDeadline } from '../../../platform/views/format.ts';
import type { EffectiveSettings, KleSettings } from '../visibility/effective-entry.ts';

/** The configuration's fields in the order every page, the history and the API list them. */
export const SETTING_FIELDS = ['shown', 'youth', 'fromDate', 'fromDateOffForActive', 'sourceSystems', 'caseTitleInsteadOfKle', 'documentTitles'] as const satisfies readonly (keyof KleSettings)[];
export type SettingField = (typeof SETTING_FIELDS)[number];

/** The yes/no fields: a form sends "arv", "ja" or "nej" for each. */
export const BOOLEAN_FIELDS = ['shown', 'youth', 'fromDateOffForActive', 'caseTitleInsteadOfKle', 'documentTitles'] as const;

export const FIELD_LABEL: Record<SettingField, string> = {
  shown: 'Vises i Mit Overblik',
  youth: 'Vises for 15–17-årige',
  fromDate: 'Fradato',
  fromDateOffForActive: 'Aktive sager vises trods fradato',
  sourceSystems: 'Kildesystemer',
  caseTitleInsteadOfKle: 'Sagstitel i stedet for KLE-titel',
  documentTitles: 'Dokumenttitler vises',
};

/** Short column headers for the plan's table. */
export const FIELD_SHORT: Record<SettingField, string> = {
  shown: 'Vises',
  youth: 'Unge 15–17',
  fromDate: 'Fradato',
  fromDateOffForActive: 'Aktive før fradato',
  sourceSystems: 'Kildesystemer',
  caseTitleInsteadOfKle: 'Sagstitel',
  documentTitles: 'Dokumenttitler',
};

/** One field's value in Danish: Ja/Nej, a date, "Ingen fradato", "Alle" source systems. */
export function formatSetting<K extends SettingField>(field: K, value: KleSettings[K]): string {
  if (field === 'fromDate') return value === null ? 'Ingen' : formatDeadline(value as string);
  if (field === 'sourceSystems') {
    const list = value as readonly string[];
    return list.length === 0 ? 'Alle' : list.join(', ');
  }
  return value ? 'Ja' : 'Nej';
}

/** Where a number's value of a field comes from: set on the number, inherited from a level above, or the default. */
export function sourceOf(s: EffectiveSettings, field: SettingField, kle: string): string {
  const by = s.decidedBy[field];
  if (by === null) return 'standard';
  return by === kle ? 'sat her' : `arvet fra ${by}`;
}

/** What a number's entry says, field by field, for the history: "Vises for 15–17-årige: Nej"; no entry: everything inherited. */
export function describeEntry(entry: Partial<KleSettings> | null): string {
  if (entry === null) return 'Ingen indstilling (alt arves)';
  const parts = SETTING_FIELDS.filter((f) => entry[f] !== undefined).map((f) => `${FIELD_LABEL[f]}: ${formatSetting(f, entry[f] as never)}`);
  return parts.length === 0 ? 'Ingen indstilling (alt arves)' : parts.join('; ');
}

/** What one change did to a number, field by field: "Vises for 15–17-årige: Ja → Nej", "Fradato: arves → 01.01.2025". */
export function describeDifference(before: Partial<KleSettings> | null, after: Partial<KleSettings> | null): string[] {
  const text = (e: Partial<KleSettings> | null, f: SettingField) => (e?.[f] === undefined ? 'arves' : formatSetting(f, e[f] as never));
  const out: string[] = [];
  for (const f of SETTING_FIELDS) {
    const a = text(before, f);
    const b = text(after, f);
    if (a !== b) out.push(`${FIELD_LABEL[f]}: ${a} → ${b}`);
  }
  return out;
}

export const KIND_LABEL: Record<string, string> = {
  rediger: 'Redigering',
  masseaendring: 'Masseændring',
  import: 'Import fra regneark',
  vurdering: 'Vurdering',
  gennemgang: 'Gennemgang af udgåede numre',
};

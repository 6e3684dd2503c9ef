import { formatDeadline } from '../../../platform/views/format.ts';
import type { EffectiveSettings, KleSettings } from './effective-entry.ts';
import { kleLevel } from './kle-number.ts';

/** The settings of a KLE number in the words of the configuration client the municipalities know. */
export const SETTING_LABELS: Record<keyof KleSettings, string> = {
  shown: 'Vises i Mit Overblik',
  youth: 'Vises for 15–17-årige',
  fromDate: 'Fradato',
  fromDateOffForActive: 'Aktive sager vises fra før fradatoen',
  sourceSystems: 'Kildesystemer',
  caseTitleInsteadOfKle: 'Sagstitel i stedet for KLE-titel',
  documentTitles: 'Dokumenttitler vises',
};

const yesNo = (b: boolean) => (b ? 'Ja' : 'Nej');

export function settingValue(s: KleSettings, key: keyof KleSettings): string {
  const v = s[key];
  if (key === 'fromDate') return v === null ? 'Ingen' : formatDeadline(v as string);
  if (key === 'sourceSystems') return (v as readonly string[]).length === 0 ? 'Alle' : (v as readonly string[]).join(', ');
  return yesNo(v as boolean);
}

const LEVEL_WORD = { hovedgruppe: 'hovedgruppe', gruppe: 'gruppe', emne: 'emne' } as const;

/** Where a setting came from: the number itself, a level above it, or the default. */
export function decidedByText(s: EffectiveSettings, key: keyof KleSettings, kle: string): string {
  const by = s.decidedBy[key];
  if (by === null) return 'Standard (ikke sat i kommunens opsætning)';
  if (by === kle) return `Sat på KLE ${by}`;
  return `Arvet fra KLE ${by} (${LEVEL_WORD[kleLevel(by)]})`;
}

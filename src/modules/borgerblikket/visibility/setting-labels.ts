import type { EffectiveSettings, KleSettings } from './effective-entry.ts';

// The settings' names and values are the configuration pages' (configuration/labels.ts); only the
// answer's longer words for where a value comes from are its own.
import { kleLevel } from './kle-number.ts';

const LEVEL_WORD = { hovedgruppe: 'hovedgruppe', gruppe: 'gruppe', emne: 'emne' } as const;

/** Where a setting came from: the number itself, a level above it, or the default. */
export function decidedByText(s: EffectiveSettings, key: keyof KleSettings, kle: string): string {
  const by = s.decidedBy[key];
  if (by === null) return 'Standard (ikke sat i kommunens opsætning)';
  if (by === kle) return `Sat på KLE ${by}`;
  return `Arvet fra KLE ${by} (${LEVEL_WORD[kleLevel(by)]})`;
}

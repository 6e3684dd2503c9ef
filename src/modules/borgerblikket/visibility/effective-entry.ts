import { kleAncestry } from './kle-number.ts';

/** What a municipality's KLE configuration says for a number (Borgerblikket's settings). */
export type KleSettings = {
  /** The number is opened: its cases are shown in Mit Overblik. */
  shown: boolean;
  /** Shown to citizens aged 15–17 too (release 3.19; every configuration defaults to Ja). */
  youth: boolean;
  /** Cases created before this Danish day are not shown (yyyy-mm-dd); null: no from-date. */
  fromDate: string | null;
  /** Active cases are shown even when created before the from-date. */
  fromDateOffForActive: boolean;
  /** The source systems whose cases are shown; empty: every source system. */
  sourceSystems: readonly string[];
  caseTitleInsteadOfKle: boolean;
  documentTitles: boolean;
};

export const DEFAULT_SETTINGS: KleSettings = {
  shown: false,
  youth: true,
  fromDate: null,
  fromDateOffForActive: false,
  sourceSystems: [],
  caseTitleInsteadOfKle: false,
  documentTitles: false,
};

/** A configuration: settings written on some numbers, each field possibly left to the level above. */
export type KleConfiguration = ReadonlyMap<string, Partial<KleSettings>>;

export type EffectiveSettings = KleSettings & {
  /** For each field, the number whose entry decided it; null: nobody set it (the default). */
  decidedBy: { [K in keyof KleSettings]: string | null };
};

/**
 * The settings that hold for a number: each field from the nearest level that sets it (the topic,
 * else its group, else its main group), else the default. A municipality that never configured a
 * number has it closed.
 */
export function effectiveSettings(config: KleConfiguration, kle: string): EffectiveSettings {
  const settings: KleSettings = { ...DEFAULT_SETTINGS };
  const decidedBy = Object.fromEntries(Object.keys(DEFAULT_SETTINGS).map((k) => [k, null])) as EffectiveSettings['decidedBy'];
  // Farthest first, so a nearer level overwrites what a farther one set.
  for (const level of kleAncestry(kle).reverse()) {
    const entry = config.get(level);
    if (!entry) continue;
    for (const key of Object.keys(entry) as (keyof KleSettings)[]) {
      if (entry[key] === undefined) continue;
      (settings as Record<keyof KleSettings, unknown>)[key] = entry[key];
      decidedBy[key] = level;
    }
  }
  return { ...settings, decidedBy };
}

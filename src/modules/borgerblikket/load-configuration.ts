import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { bbConfigEntry, bbSetting } from './schema.ts';
import type { KleConfiguration, KleSettings } from './visibility/effective-entry.ts';

/** A municipality's configuration as the visibility rule reads it: the settings written on each number. */
export async function loadConfiguration(db: Db, municipalityCode: string): Promise<Map<string, Partial<KleSettings>>> {
  const rows = await db.select({ kle: bbConfigEntry.kle, settings: bbConfigEntry.settings }).from(bbConfigEntry).where(eq(bbConfigEntry.municipalityCode, municipalityCode));
  return new Map(rows.map((r) => [r.kle, r.settings]));
}

/** The day Mit Overblik opened to 15–17-year-olds (data, set by KOMBIT); null while not decided. */
export async function loadYouthActivation(db: Db): Promise<string | null> {
  const [row] = await db.select({ day: bbSetting.youthActivation }).from(bbSetting).where(eq(bbSetting.id, 1));
  return row?.day ?? null;
}

export type { KleConfiguration };

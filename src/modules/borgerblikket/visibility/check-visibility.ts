import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/errors.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import { loadYouthActivation } from '../load-configuration.ts';
import { authorizeBorgerblikketMunicipality } from '../policy.ts';
import { bbConfigEntry, kleNumber } from '../schema.ts';
import { effectiveSettings, type EffectiveSettings, type KleSettings } from './effective-entry.ts';
import { kleAncestry } from './kle-number.ts';
import { visibility, type Visibility } from './visibility.ts';
import type { VisibilityInput } from './visibility-input.ts';

export type KleInfo = { number: string; title: string | null; expiredOn: string | null };

export type VisibilityCheck = Visibility & {
  municipality: { code: string; name: string };
  kle: KleInfo;
  /** The settings that held for the number, each with the level that decided it. */
  settings: EffectiveSettings;
  youthActivation: string | null;
  date: string;
};

/** The municipality's name, or 404: a code that is no municipality is answered as one the actor may not see. */
export async function municipalityName(db: Db, code: string): Promise<string> {
  const [m] = await db.select({ name: municipality.name }).from(municipality).where(eq(municipality.code, code));
  if (!m) throw notFound('Kommunen findes ikke.');
  return m.name;
}

/** A number's title and expiry from the plan; null title when the plan does not hold it. */
export async function kleInfo(db: Db, kle: string): Promise<KleInfo> {
  const [row] = await db.select({ title: kleNumber.title, expiredOn: kleNumber.expiredOn }).from(kleNumber).where(eq(kleNumber.number, kle));
  return { number: kle, title: row?.title ?? null, expiredOn: row?.expiredOn ?? null };
}

/**
 * "Hvad ser borgeren?": whether the citizen sees the case in Mit Overblik on the day, with every
 * reason in Danish, under the municipality's configuration as it stands. Reads only the entries on
 * the number and the levels above it (four statements whatever the configuration's size).
 */
export async function checkVisibility(ctx: Ctx & { actor: Actor }, code: string, input: VisibilityInput): Promise<VisibilityCheck> {
  authorizeBorgerblikketMunicipality(ctx.actor, code, 'read');
  const kle = input.case.kle;
  const [name, entries, youthActivation, info] = await Promise.all([
    municipalityName(ctx.db, code),
    ctx.db
      .select({ kle: bbConfigEntry.kle, settings: bbConfigEntry.settings })
      .from(bbConfigEntry)
      .where(and(eq(bbConfigEntry.municipalityCode, code), inArray(bbConfigEntry.kle, kleAncestry(kle)))),
    loadYouthActivation(ctx.db),
    kleInfo(ctx.db, kle),
  ]);
  const settings = effectiveSettings(new Map<string, Partial<KleSettings>>(entries.map((e) => [e.kle, e.settings])), kle);
  const result = visibility({ municipalityName: name, settings, citizen: input.citizen, case: input.case, date: input.date, youthActivation });
  return { ...result, municipality: { code, name }, kle: info, settings, youthActivation, date: input.date };
}

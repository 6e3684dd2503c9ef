import type { Readable } from 'node:stream';
import { inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { parseDay } from '../../../platform/days.ts';
import { invalid, type FieldErrors } from '../../../platform/errors.ts';
import { danishDay, formatNumber } from '../../../platform/views/format.ts';
import { loadConfiguration, loadYouthActivation } from '../load-configuration.ts';
import { authorizeBorgerblikketMunicipality } from '../policy.ts';
import { kleNumber } from '../schema.ts';
import { municipalityName } from './check-visibility.ts';
import { draftConfiguration, type ImpactDraft } from './impact-draft.ts';
import { ImpactTally, impactTotals, type ImpactRow } from './impact.ts';
import { parseExtract } from './parse-extract.ts';

export type ImpactResultRow = ImpactRow & { title: string | null; expiredOn: string | null };

export type ImpactResult = {
  municipality: { code: string; name: string };
  date: string;
  youthActivation: string | null;
  draft: ImpactDraft;
  /** Cases read from the extract (every age). */
  cases: number;
  rows: ImpactResultRow[];
  totals: Omit<ImpactRow, 'kle'>;
};

/** A file with thousands of bad lines is one mistake; the first hundred say what it is. */
const MAX_ERRORS = 100;

/** The day asked about: the form's or the API's, else today. */
export function impactDay(raw: unknown, now: Date): string {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return danishDay(now);
  const day = typeof raw === 'string' ? parseDay(raw) : null;
  if (!day) throw invalid({ date: 'Skriv dagen som dd.mm.åååå eller åååå-mm-dd' }, 'Dagen kan ikke læses; intet er beregnet.');
  return day;
}

/** The draft's numbers must be in the plan: a draft that could not be saved would show an impact that cannot happen. */
export async function assertDraftNumbersKnown(db: Db, draft: ImpactDraft): Promise<void> {
  if (draft.kle.length === 0) return;
  const known = new Set((await db.select({ n: kleNumber.number }).from(kleNumber).where(inArray(kleNumber.number, draft.kle))).map((r) => r.n));
  const unknown = draft.kle.filter((k) => !known.has(k));
  if (unknown.length > 0) throw invalid({ kle: `Findes ikke i KLE-planen: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ' …' : ''}` }, 'Udkastet nævner KLE-numre, der ikke findes; intet er beregnet.');
}

/**
 * The impact of a draft change on the 15–17-year-olds' cases of an uploaded, anonymised extract:
 * per KLE number their cases, how many they see now and under the draft, and what changes. The
 * extract is read as it arrives and counted line by line, never stored; one bad line refuses the
 * whole extract with a report of the lines (422). Five statements whatever the extract's size.
 */
export async function evaluateImpact(ctx: Ctx & { actor: Actor }, code: string, draft: ImpactDraft, date: string, extract: Readable): Promise<ImpactResult> {
  authorizeBorgerblikketMunicipality(ctx.actor, code, 'read');
  const [name, current, youthActivation] = await Promise.all([municipalityName(ctx.db, code), loadConfiguration(ctx.db, code), loadYouthActivation(ctx.db)]);
  await assertDraftNumbersKnown(ctx.db, draft);
  const tally = new ImpactTally({ municipalityName: name, current, draft: draftConfiguration(current, draft), date, youthActivation });

  const errors: FieldErrors = {};
  let bad = 0;
  let cases = 0;
  for await (const parsed of parseExtract(extract)) {
    if ('error' in parsed) {
      if (parsed.fatal) throw invalid({ fil: `Linje ${parsed.line}: ${parsed.error}` }, `${parsed.error}; intet er beregnet.`);
      bad++;
      if (bad <= MAX_ERRORS) errors[`linje-${parsed.line}`] = parsed.error;
      continue;
    }
    cases++;
    // After the first bad line the figures will not be shown: keep reading only to report the others.
    if (bad === 0) tally.add(parsed.case);
  }
  if (bad > 0) {
    throw invalid(errors, `Udtrækket har fejl i ${formatNumber(bad)} ${bad === 1 ? 'linje' : 'linjer'}${bad > MAX_ERRORS ? ` (de første ${MAX_ERRORS} vises)` : ''}; intet er beregnet.`);
  }
  if (cases === 0) throw invalid({ fil: 'Udtrækket indeholder ingen sager' }, 'Udtrækket indeholder ingen sager; intet er beregnet.');

  const rows = tally.rows();
  // The whole plan (a few thousand rows) rather than the extract's numbers: an extract may name more numbers than one statement takes parameters.
  const plan = rows.length === 0 ? [] : await ctx.db.select({ n: kleNumber.number, title: kleNumber.title, expiredOn: kleNumber.expiredOn }).from(kleNumber);
  const byNumber = new Map(plan.map((p) => [p.n, p]));
  return {
    municipality: { code, name },
    date,
    youthActivation,
    draft,
    cases,
    rows: rows.map((r) => ({ ...r, title: byNumber.get(r.kle)?.title ?? null, expiredOn: byNumber.get(r.kle)?.expiredOn ?? null })),
    totals: impactTotals(rows),
  };
}

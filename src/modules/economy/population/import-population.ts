import { and, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import { invalid } from '../../../platform/errors.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import { population } from '../schema.ts';
import { parseFolk1a, type SkippedRow } from './parse-folk1a.ts';
import { authorizePopulation } from './policy.ts';

export type PopulationImportResult = { periods: string[]; changed: number; unchanged: number; skipped: SkippedRow[] };

/**
 * Stores a FOLK1A extract, upserting by (municipality, period). The whole file is checked first; a
 * single bad row means nothing is written. Figures equal to the stored ones are not touched, so the
 * same file twice changes nothing the second time (and logs nothing). From the command line the
 * actor is null: whoever runs the CLI already has the server.
 */
export async function importPopulation(ctx: Ctx, file: Buffer): Promise<PopulationImportResult> {
  if (ctx.actor) authorizePopulation(ctx.actor, 'edit');
  const municipalities = await ctx.db.select({ code: municipality.code, name: municipality.name }).from(municipality);
  const { rows, skipped, errors } = parseFolk1a(file, municipalities);
  const bad = Object.keys(errors).filter((k) => k.startsWith('linje-')).length;
  if (errors.fil) throw invalid(errors, errors.fil);
  if (bad > 0) throw invalid(errors, `Filen har fejl i ${bad} ${bad === 1 ? 'linje' : 'linjer'}; ingen befolkningstal er ændret.`);

  const periods = [...new Set(rows.map((r) => r.period))].sort();
  return ctx.db.transaction(async (tx) => {
    const stored = await tx
      .select({ code: population.municipalityCode, period: population.period, population: population.population })
      .from(population)
      .where(and(inArray(population.period, periods), inArray(population.municipalityCode, [...new Set(rows.map((r) => r.code))])))
      .for('update');
    const was = new Map(stored.map((s) => [`${s.code} ${s.period}`, s.population]));
    const changed = rows.filter((r) => was.get(`${r.code} ${r.period}`) !== r.population);
    if (changed.length > 0) {
      await tx
        .insert(population)
        .values(changed.map((r) => ({ municipalityCode: r.code, period: r.period, population: r.population, importedAt: ctx.now, importedBy: ctx.actor?.userId ?? null })))
        .onConflictDoUpdate({
          target: [population.municipalityCode, population.period],
          set: { population: sql`excluded.population`, importedAt: sql`excluded.imported_at`, importedBy: sql`excluded.imported_by` },
        });
      const figures = (pick: (r: (typeof changed)[number]) => number | null) =>
        Object.fromEntries(changed.map((r) => [`${r.period} ${r.code}`, pick(r)]));
      await recordAudit(tx, ctx, {
        action: 'economy.population_imported',
        entityType: 'population',
        entityId: periods.join(', '),
        before: figures((r) => was.get(`${r.code} ${r.period}`) ?? null),
        after: { changed: changed.length, unchanged: rows.length - changed.length, figures: figures((r) => r.population) },
      });
    }
    return { periods, changed: changed.length, unchanged: rows.length - changed.length, skipped };
  });
}

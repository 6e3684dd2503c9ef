import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { conflict, invalid } from '../../../platform/errors.ts';
import { solution } from '../../../platform/identity/schema.ts';
import { priceModel } from '../schema.ts';

/** The chosen solution, or a 422 on the field: the form offers only the solution table's 14. */
export async function solutionOf(db: Db, key: string): Promise<{ key: string; name: string }> {
  const [row] = await db.select({ key: solution.key, name: solution.name }).from(solution).where(eq(solution.key, key));
  if (!row) throw invalid({ solution: 'Vælg en løsning fra listen' });
  return row;
}

export const labelTakenMessage = (label: string, solutionName: string, year: number) =>
  `${solutionName} har allerede en prismodel med navnet «${label}» i ${year}. Vælg et andet navn.`;

/**
 * Refuses a label the solution already uses that year (409 on the field). Case is ignored, since
 * "Aula" and "aula" would be two invoice lines nobody can tell apart; the unique index is the
 * backstop for two saves at the same moment.
 */
export async function assertLabelFree(db: Db, p: { year: number; solutionKey: string; solutionName: string; label: string; exceptId?: string }): Promise<void> {
  const [taken] = await db
    .select({ id: priceModel.id })
    .from(priceModel)
    .where(
      and(
        eq(priceModel.year, p.year),
        eq(priceModel.solutionKey, p.solutionKey),
        sql`lower(${priceModel.label}) = lower(${p.label})`,
        p.exceptId ? ne(priceModel.id, p.exceptId) : undefined,
      ),
    )
    .limit(1);
  if (taken) throw labelTaken(p.label, p.solutionName, p.year);
}

export const labelTaken = (label: string, solutionName: string, year: number) =>
  conflict(labelTakenMessage(label, solutionName, year), { label: labelTakenMessage(label, solutionName, year) });

export function assertYearParam(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw invalid({ aar: 'Året skal være et årstal mellem 2000 og 2100' });
}

import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { municipality, organisation, roleType, solution } from '../schema.ts';
import { referenceMunicipalities } from './municipalities.ts';
import { roleTypes } from './role-types.ts';
import { solutions } from './solutions.ts';

/**
 * Brings reference data up to date after migrations. Municipalities are only inserted when
 * missing: names, population and CVR may since have been updated by an import, which must win.
 */
export async function syncReferenceData(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(organisation)
      .values({ key: 'kombit', name: 'KOMBIT', cvr: '19435075' })
      .onConflictDoNothing();
    await tx.insert(municipality).values(referenceMunicipalities()).onConflictDoNothing();
    // The phase is only a new solution's starting point: central administrators keep phase and
    // product manager up to date in the portfolio, so an existing row keeps theirs.
    await tx
      .insert(solution)
      .values(solutions.map((s, i) => ({ key: s.key, name: s.name, k98: s.k98, phase: s.phase, sort: i })))
      .onConflictDoUpdate({
        target: solution.key,
        set: { name: sql`excluded.name`, k98: sql`excluded.k98`, sort: sql`excluded.sort` },
      });
    await tx
      .insert(roleType)
      .values(roleTypes.map((r, i) => ({ ...r, sort: i })))
      .onConflictDoUpdate({
        target: roleType.key,
        set: {
          labelDa: sql`excluded.label_da`,
          scope: sql`excluded.scope`,
          perSolution: sql`excluded.per_solution`,
          maxPerMunicipality: sql`excluded.max_per_municipality`,
          sort: sql`excluded.sort`,
        },
      });
  });
}

import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  municipality,
  complianceChoice,
  organisation,
  riskScaleLevel,
  riskMatrixCell,
  riskScale,
  riskScaleConsequence,
  riskScaleLikelihood,
  roleType,
  solution,
} from '../schema.ts';
import { complianceChoices } from './compliance-choices.ts';
import { referenceMunicipalities } from './municipalities.ts';
import { riskScales } from './risk-scales.ts';
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
    // A CVR missing from an earlier install is filled in; one set since (by an import) is kept.
    const cvrs = referenceMunicipalities().map((m) => sql`(${m.code}, ${m.cvr})`);
    await tx.execute(
      sql`update municipality m set cvr = v.cvr from (values ${sql.join(cvrs, sql`, `)}) as v(code, cvr) where m.code = v.code and m.cvr is null`,
    );
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
    await syncRiskScales(tx);
    await tx
      .insert(complianceChoice)
      .values(Object.entries(complianceChoices).flatMap(([list, rows]) => rows.map((r, i) => ({ list: list as keyof typeof complianceChoices, key: r.key, label: r.label, detail: r.detail ?? '', grp: r.grp ?? '', sort: i }))))
      .onConflictDoUpdate({
        target: [complianceChoice.list, complianceChoice.key],
        set: { label: sql`excluded.label`, detail: sql`excluded.detail`, grp: sql`excluded.grp`, sort: sql`excluded.sort` },
      });
  });
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * The reference scales' texts and matrix are kept as given here (a corrected definition reaches
 * every installation with the next deploy). Scales added later by users have other keys and are
 * left alone.
 */
async function syncRiskScales(tx: Tx): Promise<void> {
  if (riskScales.length === 0) return;
  await tx
    .insert(riskScale)
    .values(riskScales.map((s, i) => ({ key: s.key, name: s.name, description: s.description, sort: i })))
    .onConflictDoUpdate({ target: riskScale.key, set: { name: sql`excluded.name`, description: sql`excluded.description`, sort: sql`excluded.sort` } });
  const axis = (pick: 'likelihoods' | 'consequences') =>
    riskScales.flatMap((s) => s[pick].map((l, i) => ({ scaleKey: s.key, value: i + 1, label: l.label, definition: l.definition })));
  const axisSet = { label: sql`excluded.label`, definition: sql`excluded.definition` };
  await tx
    .insert(riskScaleLikelihood)
    .values(axis('likelihoods'))
    .onConflictDoUpdate({ target: [riskScaleLikelihood.scaleKey, riskScaleLikelihood.value], set: axisSet });
  await tx
    .insert(riskScaleConsequence)
    .values(axis('consequences'))
    .onConflictDoUpdate({ target: [riskScaleConsequence.scaleKey, riskScaleConsequence.value], set: axisSet });
  await tx
    .insert(riskScaleLevel)
    .values(riskScales.flatMap((s) => s.levels.map((l, i) => ({ scaleKey: s.key, key: l.key, label: l.label, colour: l.colour, rank: i + 1 }))))
    .onConflictDoUpdate({
      target: [riskScaleLevel.scaleKey, riskScaleLevel.key],
      set: { label: sql`excluded.label`, colour: sql`excluded.colour`, rank: sql`excluded.rank` },
    });
  await tx
    .insert(riskMatrixCell)
    .values(
      riskScales.flatMap((s) =>
        s.matrix.flatMap((row, c) => row.map((levelKey, l) => ({ scaleKey: s.key, consequence: c + 1, likelihood: l + 1, levelKey }))),
      ),
    )
    .onConflictDoUpdate({
      target: [riskMatrixCell.scaleKey, riskMatrixCell.consequence, riskMatrixCell.likelihood],
      set: { levelKey: sql`excluded.level_key` },
    });
}

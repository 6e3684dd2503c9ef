import { asc } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { riskMatrixCell, riskScale, riskScaleConsequence, riskScaleLevel, riskScaleLikelihood, type RiskColourToken } from './schema.ts';

export interface RiskAxisLevel {
  value: number;
  label: string;
  definition: string;
}

export interface RiskLevelDef {
  key: string;
  label: string;
  rank: number;
  colour: RiskColourToken;
}

export interface RiskScale {
  key: string;
  name: string;
  description: string;
  likelihoods: RiskAxisLevel[];
  consequences: RiskAxisLevel[];
  levels: RiskLevelDef[];
  /** `matrix[consequence-1][likelihood-1]` is the cell's risk level. */
  matrix: RiskLevelDef[][];
}

/**
 * Every scale with its levels and matrix: one statement per table, however many scales there are.
 * A scale whose matrix misses a cell is a data error and fails loudly here rather than showing a
 * blank cell.
 */
export async function loadRiskScales(db: Db): Promise<RiskScale[]> {
  const scales = await db.select().from(riskScale).orderBy(asc(riskScale.sort), asc(riskScale.key));
  const likelihoods = await db.select().from(riskScaleLikelihood).orderBy(asc(riskScaleLikelihood.value));
  const consequences = await db.select().from(riskScaleConsequence).orderBy(asc(riskScaleConsequence.value));
  const levels = await db.select().from(riskScaleLevel).orderBy(asc(riskScaleLevel.rank));
  const cells = await db.select().from(riskMatrixCell);
  return scales.map((s) => {
    const own = <T extends { scaleKey: string }>(rows: T[]) => rows.filter((r) => r.scaleKey === s.key);
    const axis = (rows: (typeof likelihoods)[number][]) => own(rows).map(({ value, label, definition }) => ({ value, label, definition }));
    const scaleLevels = own(levels).map(({ key, label, rank, colour }) => ({ key, label, rank, colour }));
    const byKey = new Map(scaleLevels.map((l) => [l.key, l]));
    const byCell = new Map(own(cells).map((c) => [`${c.consequence}:${c.likelihood}`, c.levelKey]));
    const ls = axis(likelihoods);
    const cs = axis(consequences);
    const matrix = cs.map((c) =>
      ls.map((l) => {
        const level = byKey.get(byCell.get(`${c.value}:${l.value}`) ?? '');
        if (!level) throw new Error(`Risikoskalaen ${s.key} mangler cellen konsekvens ${c.value}, sandsynlighed ${l.value}`);
        return level;
      }),
    );
    return { key: s.key, name: s.name, description: s.description, likelihoods: ls, consequences: cs, levels: scaleLevels, matrix };
  });
}

/**
 * The risk level of a likelihood and a consequence on the scale: the matrix cell, looked up, never
 * computed (on Datatilsynet's scale 1×4 and 4×1 are both Høj, which no product threshold gives).
 * A value outside the scale is refused.
 */
export function riskLevel(scale: RiskScale, likelihood: number, consequence: number): RiskLevelDef {
  const row = Number.isInteger(consequence) ? scale.matrix[consequence - 1] : undefined;
  const cell = row && Number.isInteger(likelihood) ? row[likelihood - 1] : undefined;
  if (!row) throw new RangeError(`Konsekvensen skal være et helt tal fra 1 til ${scale.consequences.length}`);
  if (!cell) throw new RangeError(`Sandsynligheden skal være et helt tal fra 1 til ${scale.likelihoods.length}`);
  return cell;
}

/** One scale by key (a package's); a missing one is a data error, not a user's. */
export async function loadRiskScale(db: Db, key: string): Promise<RiskScale> {
  const scale = (await loadRiskScales(db)).find((s) => s.key === key);
  if (!scale) throw new Error(`risk scale ${key} does not exist`);
  return scale;
}

import { DEFAULT_RISK_SCALE, riskScales } from '../../../db/reference/risk-scales.ts';
import type { RiskScale } from '../risk-scales.ts';

/** Datatilsynet's 4×4 as loadRiskScales gives it, built from the reference data without a database. */
export function defaultScaleInMemory(): RiskScale {
  const ref = riskScales.find((s) => s.key === DEFAULT_RISK_SCALE)!;
  const levels = ref.levels.map((l, i) => ({ key: l.key, label: l.label, rank: i + 1, colour: l.colour }));
  const axis = (rows: readonly { label: string; definition: string }[]) => rows.map((r, i) => ({ value: i + 1, label: r.label, definition: r.definition }));
  return {
    key: ref.key,
    name: ref.name,
    description: ref.description,
    likelihoods: axis(ref.likelihoods),
    consequences: axis(ref.consequences),
    levels,
    matrix: ref.matrix.map((row) => row.map((key) => levels.find((l) => l.key === key)!)),
  };
}

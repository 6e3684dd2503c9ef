import type { ContentRisk } from '../content.ts';
import { riskLevel, type RiskLevelDef, type RiskScale } from '../risk-scales.ts';
import type { RiskTreatment } from '../schema.ts';

/** The treatments as the deck names them (infinitive, as in "risikoen skal …"). */
export const TREATMENT_DA: Record<RiskTreatment, string> = {
  reduce: 'Reducere',
  accept: 'Acceptere',
  avoid: 'Undgå',
  transfer: 'Overføre',
};

export const TREATMENT_HINT: Record<RiskTreatment, string> = {
  reduce: 'Risikoen nedbringes med foranstaltninger.',
  accept: 'Risikoen accepteres, som den er. Skriv begrundelsen nedenfor.',
  avoid: 'Behandlingen ændres eller stoppes, så risikoen ikke opstår.',
  transfer: 'Risikoen overdrages til en anden, fx en leverandør eller en forsikring.',
};

export type RiskValues = Pick<ContentRisk, 'likelihood' | 'consequence' | 'residualLikelihood' | 'residualConsequence'>;

/** The risk's levels before and after its measures: the scale's matrix cells, looked up. */
export function riskLevels(scale: RiskScale, r: RiskValues): { inherent: RiskLevelDef; residual: RiskLevelDef } {
  return { inherent: riskLevel(scale, r.likelihood, r.consequence), residual: riskLevel(scale, r.residualLikelihood, r.residualConsequence) };
}

/** "3 Sandsynligt": a value with its label on the scale's axis. */
export function axisLabel(axis: RiskScale['likelihoods'], value: number): string {
  const level = axis.find((l) => l.value === value);
  return level ? `${value} ${level.label}` : String(value);
}

/**
 * Refs in the order people number them: R2 before R10. Letters compare as text (refs are codes,
 * not names), digits as numbers.
 */
export function compareRefs(a: string, b: string): number {
  const parts = (s: string) => s.toUpperCase().match(/\d+|\D+/g) ?? [];
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny) return Number(x) - Number(y) || x.length - y.length;
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

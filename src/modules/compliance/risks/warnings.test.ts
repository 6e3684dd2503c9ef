import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_SCALE, riskScales } from '../../../db/reference/risk-scales.ts';
import type { RiskScale } from '../risk-scales.ts';
import { riskWarnings, type WarnedRisk } from './warnings.ts';

/** Datatilsynet's 4×4 as loadRiskScales gives it, built from the reference data without a database. */
function defaultScaleInMemory(): RiskScale {
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

const scale = defaultScaleInMemory();

/** A risk no rule objects to: Høj (likelihood 3, consequence 2) lowered to Lav by a complete planned measure. */
const sound: WarnedRisk = {
  likelihood: 3,
  consequence: 2,
  residualLikelihood: 1,
  residualConsequence: 2,
  existingMeasures: 'Adgangsstyring',
  measures: [{ description: 'Logning af opslag', owner: 'KOMBIT', deadline: '2026-06-30' }],
  treatment: 'reduce',
  rationale: '',
};
const codes = (r: Partial<WarnedRisk>) => riskWarnings({ ...sound, ...r }, scale).map((w) => w.code);

describe('riskWarnings', () => {
  it('has nothing to say about a sound assessment', () => {
    expect(riskWarnings(sound, scale)).toEqual([]);
  });

  it('warns when the residual level is higher than the inherent one', () => {
    // 3×2 is Høj; 4×4 Meget høj (and both values above)
    const w = riskWarnings({ ...sound, residualLikelihood: 4, residualConsequence: 4 }, scale);
    expect(w.map((x) => x.code)).toContain('residual-higher');
    expect(w.find((x) => x.code === 'residual-higher')!.message).toContain('niveauet Meget høj mod Høj');
  });

  it('warns when a residual value is above the inherent one even at the same level', () => {
    // likelihood 3 → 4 at consequence 2: Høj both
    const w = riskWarnings({ ...sound, likelihood: 3, consequence: 2, residualLikelihood: 4, residualConsequence: 2 }, scale);
    expect(w.map((x) => x.code)).toEqual(['residual-higher']);
    expect(w[0]!.message).toContain('sandsynligheden 4 mod 3');
    expect(w[0]!.message).not.toContain('niveauet');
    expect(codes({ residualLikelihood: 3, residualConsequence: 3 })).toContain('residual-higher');
  });

  it('does not call an unchanged or lowered residual higher', () => {
    expect(codes({ residualLikelihood: 3, residualConsequence: 2 })).not.toContain('residual-higher');
    expect(codes({})).not.toContain('residual-higher');
  });

  it('warns when the residual is lowered with no existing or planned measure', () => {
    expect(codes({ existingMeasures: ' ', measures: [] })).toEqual(['lowered-without-measure']);
    // a lowered value counts even where the level stays (likelihood 2 → 1 at consequence 1: Lav both)
    expect(codes({ likelihood: 2, consequence: 1, residualLikelihood: 1, residualConsequence: 1, existingMeasures: '', measures: [] })).toContain('lowered-without-measure');
  });

  it('does not warn about a lowered residual with either kind of measure', () => {
    expect(codes({ existingMeasures: '', measures: sound.measures })).not.toContain('lowered-without-measure');
    expect(codes({ existingMeasures: 'Kryptering', measures: [] })).not.toContain('lowered-without-measure');
    expect(codes({ residualLikelihood: 3, existingMeasures: '', measures: [], treatment: 'accept', rationale: 'Lav værdi' })).not.toContain('lowered-without-measure');
  });

  it('warns when a risk is accepted without a rationale, and not with one', () => {
    expect(codes({ treatment: 'accept', rationale: '  ' })).toContain('accepted-without-rationale');
    expect(codes({ treatment: 'accept', rationale: 'Omkostningen står ikke mål med risikoen.' })).not.toContain('accepted-without-rationale');
    expect(codes({ treatment: 'transfer', rationale: '' })).not.toContain('accepted-without-rationale');
  });

  it('warns about each planned measure without owner or deadline', () => {
    const w = riskWarnings(
      {
        ...sound,
        measures: [
          { description: 'Uden ejer', owner: '', deadline: '2026-01-01' },
          { description: 'Uden frist', owner: 'KOMBIT', deadline: null },
          { description: 'Uden begge', owner: '', deadline: null },
          { description: 'Komplet', owner: 'KOMBIT', deadline: '2026-01-01' },
        ],
      },
      scale,
    );
    expect(w.map((x) => x.message)).toEqual([
      'Den planlagte foranstaltning »Uden ejer« mangler ejer.',
      'Den planlagte foranstaltning »Uden frist« mangler frist.',
      'Den planlagte foranstaltning »Uden begge« mangler ejer og frist.',
    ]);
  });

  it('warns when a risk to be reduced keeps its level with no planned measure', () => {
    expect(codes({ residualLikelihood: 3, residualConsequence: 2, measures: [] })).toEqual(['reduce-without-plan']);
    expect(codes({ residualLikelihood: 3, residualConsequence: 2 })).toEqual([]);
    expect(codes({ residualLikelihood: 3, residualConsequence: 2, measures: [], treatment: 'avoid' })).toEqual([]);
    expect(codes({ residualLikelihood: 1, measures: [] })).not.toContain('reduce-without-plan');
  });
});

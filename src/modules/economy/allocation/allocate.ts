import { sumOre } from '../../../platform/money.ts';
import { formatKroner } from '../../../platform/views/format.ts';
import type { StoredPriceModel } from '../prices/load-prices.ts';
import { distributeByPopulation, fixedAmount, perCitizen, perCitizenWithKink, usageTimesUnitPrice, type PriceLine } from '../price-models.ts';

export type AllocationLine = { modelId: string; model: string; amountOre: number; calculation: string };
/** One municipality's share of one solution: the sum of its lines, one per price model. */
export type MunicipalityShare = { code: string; name: string; population: number; amountOre: number; calculation: string; lines: AllocationLine[] };
export type SolutionAllocation = { solutionKey: string; solutionName: string; totalOre: number; municipalities: MunicipalityShare[] };
export type MunicipalityPopulation = { code: string; name: string; population: number };

/** Every municipality's line for one model, in the order of `municipalities`. */
export function modelLines(model: StoredPriceModel, municipalities: readonly MunicipalityPopulation[]): PriceLine[] {
  switch (model.kind) {
    case 'per_citizen':
      return municipalities.map((m) => perCitizen(model.rateOre!, m.population));
    case 'per_citizen_kink':
      return municipalities.map((m) => perCitizenWithKink(model.rateOre!, model.kink!, m.population));
    case 'fixed':
      return municipalities.map(() => fixedAmount(model.amountOre!));
    case 'distributed':
      return distributeByPopulation(
        model.amountOre!,
        municipalities.map((m) => m.population),
        model.kink ?? undefined,
      );
    case 'usage':
      return municipalities.map((m) => {
        const quantity = model.usage.get(m.code) ?? 0;
        return usageTimesUnitPrice(model.unitPrices.map((u) => ({ quantity, unit: model.usageUnit!, unitPriceOre: u.unitPriceOre, label: u.label })));
      });
  }
}

/** "Infrastruktur: 3.750.000,00 kr. + Buffet: 1.200.000,00 kr." — or the single line's own calculation. */
export function shareCalculation(lines: readonly AllocationLine[]): string {
  if (lines.length === 1) return lines[0]!.calculation;
  return lines.map((l) => `${l.model}: ${formatKroner(l.amountOre)}`).join(' + ');
}

/**
 * The year's prices applied to the municipalities, per solution (in the models' order), each
 * municipality's share the sum of one line per model. Pure: the same models and population always
 * give the same øre, and a distributed total's shares add up to it exactly.
 */
export function allocate(models: readonly StoredPriceModel[], municipalities: readonly MunicipalityPopulation[]): SolutionAllocation[] {
  const bySolution = new Map<string, StoredPriceModel[]>();
  for (const m of models) bySolution.set(m.solutionKey, [...(bySolution.get(m.solutionKey) ?? []), m]);
  return [...bySolution.values()].map((solutionModels) => {
    const perModel = solutionModels.map((model) => ({ model, lines: modelLines(model, municipalities) }));
    const shares = municipalities.map((m, i) => {
      const lines = perModel.map(({ model, lines }) => ({ modelId: model.id, model: model.label, ...lines[i]! }));
      return { ...m, amountOre: sumOre(lines.map((l) => l.amountOre)), calculation: shareCalculation(lines), lines };
    });
    return {
      solutionKey: solutionModels[0]!.solutionKey,
      solutionName: solutionModels[0]!.solutionName,
      totalOre: sumOre(shares.map((s) => s.amountOre)),
      municipalities: shares,
    };
  });
}

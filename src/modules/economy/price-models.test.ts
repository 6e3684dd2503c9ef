import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { distributeByPopulation, fixedAmount, kinkedPopulationHundredths, perCitizen, perCitizenWithKink, usageTimesUnitPrice } from './price-models.ts';

// The joint infrastructure: 25 kr. per citizen, 50 % of that for each citizen above 150.000.
const infrastructure = { rateOre: 2_500, kink: { thresholdCitizens: 150_000, reducedPercent: 50 } };

const reference = readFileSync(new URL('../../db/reference/municipalities.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(','));
const populationOf = (name: string) => Number(reference.find((r) => r[1] === name)![5]);

describe('per citizen', () => {
  it('multiplies the rate by the population', () => {
    // 1.700 × 2.500 øre = 4.250.000 øre
    expect(perCitizen(2_500, 1_700)).toEqual({ amountOre: 4_250_000, calculation: '1.700 indbyggere × 25,00 kr.' });
    // the 2021 buffet price: 58.341 × 480 øre = 28.003.680 øre
    expect(perCitizen(480, 58_341)).toEqual({ amountOre: 28_003_680, calculation: '58.341 indbyggere × 4,80 kr.' });
    expect(perCitizen(2_500, 1).calculation).toBe('1 indbygger × 25,00 kr.');
    expect(() => perCitizen(2_500, -1)).toThrow(RangeError);
    expect(() => perCitizen(2_500.5, 10)).toThrow(RangeError);
  });
});

describe('per citizen with a kink', () => {
  it('charges København the full rate for 150.000 citizens and half for the rest', () => {
    // København stated as 667.099 citizens (the example; the reference CSV rounds to 667.000):
    // 150.000 × 2.500 øre = 375.000.000 øre; 517.099 × 1.250 øre = 646.373.750 øre; sum 1.021.373.750 øre
    expect(perCitizenWithKink(infrastructure.rateOre, infrastructure.kink, 667_099)).toEqual({
      amountOre: 1_021_373_750,
      calculation: '150.000 indbyggere × 25,00 kr. + 517.099 indbyggere × 12,50 kr.',
    });
  });

  it('charges Aarhus from the reference population', () => {
    expect(populationOf('Aarhus')).toBe(373_000);
    // 150.000 × 2.500 øre = 375.000.000 øre; 223.000 × 1.250 øre = 278.750.000 øre; sum 653.750.000 øre
    expect(perCitizenWithKink(infrastructure.rateOre, infrastructure.kink, populationOf('Aarhus'))).toEqual({
      amountOre: 653_750_000,
      calculation: '150.000 indbyggere × 25,00 kr. + 223.000 indbyggere × 12,50 kr.',
    });
  });

  it('charges Læsø, below the threshold, the full rate with no reduced part', () => {
    expect(populationOf('Læsø')).toBe(1_700);
    // 1.700 × 2.500 øre = 4.250.000 øre
    const line = perCitizenWithKink(infrastructure.rateOre, infrastructure.kink, populationOf('Læsø'));
    expect(line).toEqual({ amountOre: 4_250_000, calculation: '1.700 indbyggere × 25,00 kr.' });
    expect(line.calculation).not.toContain('+');
    // exactly at the threshold is still the full rate only: 150.000 × 2.500 øre = 375.000.000 øre
    expect(perCitizenWithKink(2_500, infrastructure.kink, 150_000)).toEqual({ amountOre: 375_000_000, calculation: '150.000 indbyggere × 25,00 kr.' });
  });

  it('rounds the reduced rate to the øre half up and charges the rate it shows', () => {
    // 50 % of 1,95 kr. = 97,5 øre → 98 øre; 150.000 × 195 = 29.250.000; 10.001 × 98 = 980.098; sum 30.230.098 øre
    expect(perCitizenWithKink(195, infrastructure.kink, 160_001)).toEqual({
      amountOre: 30_230_098,
      calculation: '150.000 indbyggere × 1,95 kr. + 10.001 indbyggere × 0,98 kr.',
    });
  });
});

describe('a fixed amount per municipality', () => {
  it('is the amount itself', () => {
    expect(fixedAmount(5_000_000)).toEqual({ amountOre: 5_000_000, calculation: 'Fast beløb pr. kommune: 50.000,00 kr.' });
    expect(() => fixedAmount(0.5)).toThrow(RangeError);
  });
});

describe('a total distributed by population', () => {
  it("shares a total over the 98 municipalities so the lines add up to it to the øre", () => {
    const populations = reference.map((r) => Number(r[5]));
    for (const total of [1_000_000_001, 12_345_678_901]) {
      const lines = distributeByPopulation(total, populations);
      expect(lines.reduce((a, l) => a + l.amountOre, 0)).toBe(total);
      const kinked = distributeByPopulation(total, populations, infrastructure.kink);
      expect(kinked.reduce((a, l) => a + l.amountOre, 0)).toBe(total);
      // the kink moves cost from København to the small municipalities
      expect(kinked[0]!.amountOre).toBeLessThan(lines[0]!.amountOre);
    }
  });

  it('writes the share on each line', () => {
    // 1.000 øre over 200 : 100 : 100 citizens = 500 + 250 + 250 øre
    expect(distributeByPopulation(1_000, [200, 100, 100])).toEqual([
      { amountOre: 500, calculation: 'Andel af 10,00 kr. efter indbyggertal: 200 af 400 indbyggere' },
      { amountOre: 250, calculation: 'Andel af 10,00 kr. efter indbyggertal: 100 af 400 indbyggere' },
      { amountOre: 250, calculation: 'Andel af 10,00 kr. efter indbyggertal: 100 af 400 indbyggere' },
    ]);
  });

  it('counts citizens above the threshold at the reduced share when the kink applies', () => {
    // 300.000 citizens count 150.000 + 150.000 × 50 % = 225.000; with 100.000: 225.000 : 100.000 = 9 : 4,
    // so 13,00 kr. is 9,00 kr. + 4,00 kr.
    expect(distributeByPopulation(1_300, [300_000, 100_000], infrastructure.kink)).toEqual([
      { amountOre: 900, calculation: 'Andel af 13,00 kr. efter vægtet indbyggertal (indbyggere over 150.000 tæller 50 %): 225.000 af 325.000' },
      { amountOre: 400, calculation: 'Andel af 13,00 kr. efter vægtet indbyggertal (indbyggere over 150.000 tæller 50 %): 100.000 af 325.000' },
    ]);
    // København: 150.000 + 517.099 × 50 % = 408.549,5 citizens, kept whole as hundredths
    expect(kinkedPopulationHundredths(667_099, infrastructure.kink)).toBe(40_854_950);
    expect(distributeByPopulation(1_000, [667_099, 1_700], infrastructure.kink)[0]!.calculation).toContain(': 408.549,5 af 410.249,5');
  });

  it('refuses an empty list or a municipality with no population', () => {
    expect(() => distributeByPopulation(1_000, [])).toThrow(RangeError);
    expect(() => distributeByPopulation(1_000, [100, 0])).toThrow('vægt nr. 2 skal være større end 0');
  });
});

describe('usage × unit prices', () => {
  it("prices Valg's polling cards for print and postage", () => {
    // 12.000 × 190 øre = 2.280.000 øre; 12.000 × 740 øre = 8.880.000 øre; sum 11.160.000 øre
    expect(
      usageTimesUnitPrice([
        { quantity: 12_000, unit: 'valgkort', unitPriceOre: 190, label: 'tryk' },
        { quantity: 12_000, unit: 'valgkort', unitPriceOre: 740, label: 'porto' },
      ]),
    ).toEqual({ amountOre: 11_160_000, calculation: '12.000 valgkort × 1,90 kr. (tryk) + 12.000 valgkort × 7,40 kr. (porto)' });
    expect(() => usageTimesUnitPrice([])).toThrow(RangeError);
    expect(() => usageTimesUnitPrice([{ quantity: 1.5, unit: 'valgkort', unitPriceOre: 190 }])).toThrow(RangeError);
  });
});

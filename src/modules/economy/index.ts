// What other modules may use from this module. A module's own files never import this file.
export {
  distributeByPopulation,
  fixedAmount,
  kinkedPopulationHundredths,
  perCitizen,
  perCitizenWithKink,
  usageTimesUnitPrice,
  type Kink,
  type PriceLine,
  type Usage,
} from './price-models.ts';

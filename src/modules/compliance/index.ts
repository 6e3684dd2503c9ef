// What other modules may use from this module. A module's own files never import this file.
export { loadRiskScales, riskLevel, type RiskAxisLevel, type RiskLevelDef, type RiskScale } from './risk-scales.ts';

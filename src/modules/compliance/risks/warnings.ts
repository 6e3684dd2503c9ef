import type { ContentRisk } from '../content.ts';
import type { RiskScale } from '../risk-scales.ts';
import { riskLevels } from './labels.ts';

export const riskWarningCodes = [
  'residual-higher',
  'lowered-without-measure',
  'accepted-without-rationale',
  'measure-incomplete',
  'reduce-without-plan',
] as const;
export type RiskWarningCode = (typeof riskWarningCodes)[number];

export interface RiskWarning {
  code: RiskWarningCode;
  message: string;
}

export type WarnedRisk = Pick<
  ContentRisk,
  'likelihood' | 'consequence' | 'residualLikelihood' | 'residualConsequence' | 'existingMeasures' | 'treatment' | 'rationale'
> & { measures: Pick<ContentRisk['measures'][number], 'description' | 'owner' | 'deadline'>[] };

/**
 * Consistency checks like those of the GRC tools: they never block saving (an assessment can be
 * right for reasons the rules do not know), but each says what looks wrong, in words.
 */
export function riskWarnings(risk: WarnedRisk, scale: RiskScale): RiskWarning[] {
  const out: RiskWarning[] = [];
  const { inherent, residual } = riskLevels(scale, risk);
  const planned = risk.measures.length > 0;

  const higher: string[] = [];
  if (residual.rank > inherent.rank) higher.push(`niveauet ${residual.label} mod ${inherent.label}`);
  if (risk.residualLikelihood > risk.likelihood) higher.push(`sandsynligheden ${risk.residualLikelihood} mod ${risk.likelihood}`);
  if (risk.residualConsequence > risk.consequence) higher.push(`konsekvensen ${risk.residualConsequence} mod ${risk.consequence}`);
  if (higher.length > 0) {
    out.push({ code: 'residual-higher', message: `Restrisikoen er vurderet højere end risikoen før foranstaltninger (${higher.join(', ')}).` });
  }

  const lowered = residual.rank < inherent.rank || risk.residualLikelihood < risk.likelihood || risk.residualConsequence < risk.consequence;
  if (lowered && risk.existingMeasures.trim() === '' && !planned) {
    out.push({ code: 'lowered-without-measure', message: 'Restrisikoen er sænket, men der er hverken eksisterende eller planlagte foranstaltninger, der forklarer det.' });
  }

  if (risk.treatment === 'accept' && risk.rationale.trim() === '') {
    out.push({ code: 'accepted-without-rationale', message: 'Risikoen er accepteret uden en begrundelse.' });
  }

  for (const m of risk.measures) {
    const missing = [m.owner.trim() === '' ? 'ejer' : '', m.deadline ? '' : 'frist'].filter(Boolean);
    if (missing.length > 0) {
      out.push({ code: 'measure-incomplete', message: `Den planlagte foranstaltning »${m.description}« mangler ${missing.join(' og ')}.` });
    }
  }

  if (risk.treatment === 'reduce' && residual.rank === inherent.rank && !planned) {
    out.push({
      code: 'reduce-without-plan',
      message: `Risikoen skal reduceres, men restrisikoen har samme niveau som før (${residual.label}), og der er ingen planlagte foranstaltninger.`,
    });
  }
  return out;
}

import type { ContentRisk } from '../content.ts';
import type { RiskScale } from '../risk-scales.ts';

/** The risk overview: two heatmaps (inherent and residual) with counts per cell, each with a table beside it. */
export function RiskHeatmaps(props: { scale: RiskScale; risks: ContentRisk[]; headingLevel?: 2 | 3 }): JSX.Element {
  void props;
  return <></>;
}

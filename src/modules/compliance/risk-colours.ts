import type { RiskColourToken } from './schema.ts';

/**
 * Light fills so the dark label in every cell keeps at least 4.5:1 contrast; the label, never the
 * colour alone, carries the level. Shared by the scales page and the packages' heatmaps, so a level
 * looks the same wherever it is drawn.
 */
export const FILL: Record<RiskColourToken, string> = { groen: '#c6e8cf', gul: '#fbe7a1', orange: '#f8c49a', roed: '#f2a7a7' };
export const INK = '#1a1a1a';

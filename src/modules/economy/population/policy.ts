import type { Actor } from '../../../platform/context.ts';
import { authorizeEconomy } from '../policy.ts';

export { ECONOMY_ROLE, isEconomyEditor } from '../policy.ts';

/** read: the population figures and settings (central staff); edit: import them and choose a year's period. */
export type PopulationAction = 'read' | 'edit';

export function authorizePopulation(actor: Actor | null, action: PopulationAction): void {
  authorizeEconomy(actor, action, 'Kun KOMBITs økonomi og administratorer kan importere befolkningstal og vælge periode.');
}

import { holds, isCentral, isCentralAdmin, type Actor } from '../../../platform/context.ts';
import { forbidden, notFound } from '../../../platform/errors.ts';

/** The central role that keeps the economy's data (population, prices). */
export const ECONOMY_ROLE = 'oekonomi';

/** read: the population figures and settings (central staff); edit: import them and choose a year's period. */
export type PopulationAction = 'read' | 'edit';

export const isEconomyEditor = (actor: Actor | null) => isCentral(actor) && (holds(actor!, ECONOMY_ROLE) || isCentralAdmin(actor));

/** Municipal users get 404: the central economy pages are not theirs to know of. */
export function authorizePopulation(actor: Actor | null, action: PopulationAction): void {
  if (!isCentral(actor)) throw notFound();
  if (action === 'edit' && !isEconomyEditor(actor)) throw forbidden('Kun KOMBITs økonomi og administratorer kan importere befolkningstal og vælge periode.');
}

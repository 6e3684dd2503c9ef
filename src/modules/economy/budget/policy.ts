import type { Actor } from '../../../platform/context.ts';
import { authorizeEconomy, isEconomyEditor } from '../policy.ts';

export { isEconomyEditor };

/** The cost budget, the actual costs and the year overview are central: read by central staff, kept by økonomi and administrators. */
export function authorizeBudget(actor: Actor | null, action: 'read' | 'edit'): void {
  authorizeEconomy(actor, action, 'Kun KOMBITs økonomi og administratorer kan ændre budgettet og de faktiske omkostninger.');
}

import { eq, sql, type SQL } from 'drizzle-orm';
import { type Actor, holds, isCentral, isCentralAdmin } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { economyDocument } from './schema.ts';

/**
 * Who may see and do what in the K98 economy and its governance, written once (decision 0007).
 *
 * - The economy's working data (population, prices, usage, budgets, allocation before publishing,
 *   the year overview) is central: central staff read it, the economy role and administrators edit
 *   it, a municipality gets 404.
 * - A published yearly document (invoice, budget guidance, statement) belongs to one municipality:
 *   every user of that municipality reads it, central staff read all, another municipality gets 404.
 * - The councils, meetings, minutes and the prioritisation pool are shared with all 98: everyone
 *   logged in reads them; that is the transparency the agreement promises.
 * - The K98 secretariat (the economy role and administrators) keeps the councils and meetings and
 *   moves proposals; a municipality's programleder, IT chief and økonomikontakt submit proposals
 *   for their municipality, central staff submit them for KOMBIT.
 */

/** The central role that keeps the economy's data and runs the councils' secretariat. */
export const ECONOMY_ROLE = 'oekonomi';
/** The municipal role that receives the yearly documents beside the IT chief. */
export const ECONOMY_CONTACT_ROLE = 'oekonomikontakt';
export const IT_CHIEF_ROLE = 'it-chef';
/** Municipal roles that may put a proposal into the pool on their municipality's behalf. */
export const PROPOSER_ROLES: readonly string[] = ['programleder', IT_CHIEF_ROLE, ECONOMY_CONTACT_ROLE];

export const isEconomyEditor = (actor: Actor | null) => isCentral(actor) && (holds(actor!, ECONOMY_ROLE) || isCentralAdmin(actor));

/** read: the central economy pages and API; edit: change prices, usage, budgets, publish. */
export type EconomyAction = 'read' | 'edit';

/** Municipal users get 404: the central economy pages are not theirs to know of. */
export function authorizeEconomy(actor: Actor | null, action: EconomyAction, editMessage = 'Kun KOMBITs økonomi og administratorer kan ændre økonomien.'): void {
  if (!isCentral(actor)) throw notFound();
  if (action === 'edit' && !isEconomyEditor(actor)) throw forbidden(editMessage);
}

// ---------------------------------------------------------------- the published documents

export const canReadDocument = (actor: Actor | null, municipalityCode: string): boolean =>
  actor !== null && (isCentral(actor) || actor.municipalityCode === municipalityCode);

/** Another municipality's document does not exist for the actor: 404, never 403. */
export function authorizeDocument(actor: Actor | null, municipalityCode: string): void {
  if (!canReadDocument(actor, municipalityCode)) throw notFound('Dokumentet findes ikke.');
}

/** canReadDocument over `economy_document`, for lists and the ZIP of all invoices. */
export function documentsVisibleTo(actor: Actor | null): SQL {
  if (actor === null) return sql`false`;
  if (isCentral(actor)) return sql`true`;
  return eq(economyDocument.municipalityCode, actor.municipalityCode!);
}

// ---------------------------------------------------------------- governance and the pool

export const canReadGovernance = (actor: Actor | null): boolean => actor !== null;
/** The secretariat keeps councils, members, meetings and files, and moves proposals through the steps. */
export const isSecretariat = (actor: Actor | null): boolean => isEconomyEditor(actor);

export function authorizeGovernance(actor: Actor | null, action: 'read' | 'edit'): void {
  if (!canReadGovernance(actor)) throw notFound();
  if (action === 'edit' && !isSecretariat(actor)) throw forbidden('Kun KOMBITs sekretariat for K98-styringen kan ændre råd, møder og forslag.');
}

/** Central staff propose for KOMBIT; in a municipality its programleder, IT chief and økonomikontakt. */
export const canSubmitProposal = (actor: Actor | null): boolean =>
  actor !== null && (isCentral(actor) || actor.roles.some((r) => PROPOSER_ROLES.includes(r.roleTypeKey)));

export function authorizeSubmitProposal(actor: Actor | null): void {
  if (!canReadGovernance(actor)) throw notFound();
  if (!canSubmitProposal(actor)) throw forbidden('Kun kommunens programleder, IT-chef og økonomikontakt kan indsende forslag til prioriteringspuljen.');
}

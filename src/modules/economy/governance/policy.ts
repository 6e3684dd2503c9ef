import type { Actor } from '../../../platform/context.ts';
import { authorizeGovernance, isSecretariat } from '../policy.ts';

/**
 * The councils, their members, meetings, agenda, decisions and minutes are shared with all 98
 * municipalities: everyone signed in reads them (the transparency the K98 agreement promises). The
 * K98 secretariat (the economy role and the central administrators) keeps them; anyone else gets
 * 403 on a write. The checks themselves live in the economy's one policy file.
 */
export { authorizeGovernance, isSecretariat };

/** What the views may offer the actor. */
export type GovernanceAbilities = { edit: boolean };

export const governanceAbilities = (actor: Actor | null): GovernanceAbilities => ({ edit: isSecretariat(actor) });

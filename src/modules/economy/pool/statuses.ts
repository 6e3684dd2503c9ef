import type { BadgeVariant } from '../../../platform/views/badge.tsx';
import { proposalStatuses, type CouncilKind, type ProposalStatus } from '../schema.ts';

/**
 * The path a proposal takes through the K98 governance: received by the secretariat, treated in a
 * Fagråd, recommended to the Porteføljeråd, and there prioritised (gets money from the pool) or
 * rejected. Rejection may come at any step before the end; nothing goes back, because each step is
 * a council's decision that stands in its minutes.
 */

export { proposalStatuses, type ProposalStatus };

export const STATUS_LABELS: Readonly<Record<ProposalStatus, string>> = {
  modtaget: 'Modtaget',
  behandlet_fagraad: 'Behandlet i fagråd',
  indstillet: 'Indstillet til Porteføljerådet',
  prioriteret: 'Prioriteret',
  afvist: 'Afvist',
};

export const STATUS_VARIANTS: Readonly<Record<ProposalStatus, BadgeVariant>> = {
  modtaget: null,
  behandlet_fagraad: 'info',
  indstillet: 'warning',
  prioriteret: 'success',
  afvist: 'error',
};

/** The main path in order; afvist is the side exit. */
const PATH: readonly ProposalStatus[] = ['modtaget', 'behandlet_fagraad', 'indstillet', 'prioriteret'];

export const isFinal = (status: ProposalStatus): boolean => status === 'prioriteret' || status === 'afvist';

/** Where a proposal may go from `status`: the next step on the path, and afvist unless it is decided. */
export function nextStatuses(status: ProposalStatus): ProposalStatus[] {
  if (isFinal(status)) return [];
  const next = PATH[PATH.indexOf(status) + 1];
  return next ? [next, 'afvist'] : ['afvist'];
}

export const canMove = (from: ProposalStatus, to: ProposalStatus): boolean => nextStatuses(from).includes(to);

/** Whose meeting decides a move: a Fagråd treats a proposal, the Porteføljeråd does the rest. */
export const COUNCIL_FOR: Readonly<Record<ProposalStatus, CouncilKind>> = {
  modtaget: 'portefoeljeraad',
  behandlet_fagraad: 'fagraad',
  indstillet: 'portefoeljeraad',
  prioriteret: 'portefoeljeraad',
  afvist: 'portefoeljeraad',
};

export const isProposalStatus = (s: unknown): s is ProposalStatus => typeof s === 'string' && (proposalStatuses as readonly string[]).includes(s);

/** "Modtaget", "Behandlet i fagråd" or "Afvist" in a sentence: lower case after the first word. */
export const statusInText = (status: ProposalStatus): string => STATUS_LABELS[status].charAt(0).toLowerCase() + STATUS_LABELS[status].slice(1);

/** The Danish reason a move is refused, naming where the proposal may go instead. */
export function refusedMoveMessage(from: ProposalStatus, to: ProposalStatus): string {
  if (from === to) return `Forslaget har allerede status ${STATUS_LABELS[from]}.`;
  const allowed = nextStatuses(from);
  if (allowed.length === 0) return `Forslaget er ${statusInText(from)} og kan ikke flyttes videre.`;
  const names = allowed.map((s) => STATUS_LABELS[s]);
  const choices = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} eller ${names.at(-1)!}`;
  return `Et forslag med status ${STATUS_LABELS[from]} kan kun flyttes til ${choices}, ikke tilbage eller uden om et trin.`;
}

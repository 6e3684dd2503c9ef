import { danishDay } from '../../platform/views/format.ts';
import type { TargetStatus } from './schema.ts';

/** Danish labels of a municipality's status on a task, as users say them. */
export const TARGET_STATUS_DA: Record<TargetStatus, string> = {
  ikke_startet: 'Ikke startet',
  i_gang: 'I gang',
  loest: 'Løst',
  ikke_relevant: 'Ikke relevant',
};

export const TASK_STATUS_DA = {
  draft: 'Kladde',
  announced: 'Annonceret',
  published: 'Publiceret',
  closed: 'Lukket',
} as const;

/**
 * A municipality's status on a task follows from what it did: marked not relevant; every step
 * completed (solved); anything done at all (in progress); nothing yet. Kept on task_target by
 * every write so lists and counts need no aggregation over answers.
 */
export function deriveTargetStatus(f: {
  notRelevant: boolean;
  stepsTotal: number;
  stepsCompleted: number;
  anyActivity: boolean;
}): TargetStatus {
  if (f.notRelevant) return 'ikke_relevant';
  if (f.stepsTotal > 0 && f.stepsCompleted >= f.stepsTotal) return 'loest';
  if (f.stepsCompleted > 0 || f.anyActivity) return 'i_gang';
  return 'ikke_startet';
}

/** Overdue means: the deadline day has passed in Denmark and the municipality is neither done nor excused. */
export function isOverdue(deadline: string, status: TargetStatus, now: Date): boolean {
  return status !== 'loest' && status !== 'ikke_relevant' && danishDay(now) > deadline;
}

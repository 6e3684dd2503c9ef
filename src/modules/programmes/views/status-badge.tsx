import { StatusBadge, type BadgeVariant } from '../../../platform/views/badge.tsx';
import { STATUS_DA } from '../inputs.ts';
import type { ProgrammeStatus } from '../schema.ts';

const VARIANT: Record<ProgrammeStatus, BadgeVariant> = { groen: 'success', gul: 'warning', roed: 'error' };

/** The status as a badge whose word, not only its colour, says green, yellow or red. */
export function ProgrammeStatusBadge(p: { status: ProgrammeStatus | null }): JSX.Element {
  return p.status ? <StatusBadge label={STATUS_DA[p.status]} variant={VARIANT[p.status]} /> : <StatusBadge label="Ingen status" variant={null} />;
}

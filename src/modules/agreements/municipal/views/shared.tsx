import { danishDay, formatDayLong } from '../../../../platform/views/format.ts';
import { MUNICIPAL_STATUS_LABELS } from '../../labels.ts';
import type { MunicipalStatus, StatusRow } from '../../status.ts';

export const MUNICIPAL_NOTICES: Record<string, string> = {
  underskrevet: 'Aftalen er underskrevet. Du får en kvittering på mail.',
  'allerede-underskrevet': 'Aftalen var allerede underskrevet for kommunen; intet er ændret.',
  indsendt: 'Den underskrevne kopi er indsendt. Den tæller, når KOMBIT har godkendt den.',
  'allerede-indsendt': 'Den samme kopi var allerede indsendt; intet er ændret.',
};

const STATUS_BADGE: Record<MunicipalStatus, string> = {
  signed: 'badge badge-success',
  replaced: 'badge badge-success',
  pending: 'badge badge-info',
  in_dialogue: 'badge badge-info',
  not_signed: 'badge',
};

/** "Erstattet af K98-aftalen fra 3. juni 2025", or the status's label. */
export function ownStatusText(own: Pick<StatusRow, 'status' | 'replacedBy'>): string {
  if (own.status === 'replaced' && own.replacedBy) return `Erstattet af K98-aftalen fra ${formatDayLong(danishDay(own.replacedBy.from))}`;
  return MUNICIPAL_STATUS_LABELS[own.status];
}

export function StatusBadge(p: { own: Pick<StatusRow, 'status' | 'replacedBy'> }): JSX.Element {
  return (
    <span class={STATUS_BADGE[p.own.status]} safe>
      {ownStatusText(p.own)}
    </span>
  );
}

export const deadlineText = (deadline: string | null) => (deadline ? formatDayLong(deadline) : '–');

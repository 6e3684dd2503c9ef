import { type BadgeVariant, StatusBadge as Badge } from '../../../../platform/views/badge.tsx';
import { formatDateLong, formatDayLong } from '../../../../platform/views/format.ts';
import { MUNICIPAL_STATUS_LABELS } from '../../labels.ts';
import type { MunicipalStatus, StatusRow } from '../../status.ts';

export const MUNICIPAL_NOTICES: Record<string, string> = {
  underskrevet: 'Aftalen er underskrevet. Du får en kvittering på mail.',
  'allerede-underskrevet': 'Aftalen var allerede underskrevet for kommunen; intet er ændret.',
  indsendt: 'Den underskrevne kopi er indsendt. Den tæller, når KOMBIT har godkendt den.',
  'allerede-indsendt': 'Den samme kopi var allerede indsendt; intet er ændret.',
};

const STATUS_VARIANT: Record<MunicipalStatus, BadgeVariant> = {
  signed: 'success',
  replaced: 'success',
  pending: 'info',
  in_dialogue: 'info',
  not_signed: null,
};

/** "Erstattet af K98-aftalen fra 3. juni 2025", or the status's label. */
export function ownStatusText(own: Pick<StatusRow, 'status' | 'replacedBy'>): string {
  if (own.status === 'replaced' && own.replacedBy) return `Erstattet af K98-aftalen fra ${formatDateLong(own.replacedBy.from)}`;
  return MUNICIPAL_STATUS_LABELS[own.status];
}

export const StatusBadge = (p: { own: Pick<StatusRow, 'status' | 'replacedBy'> }) => <Badge label={ownStatusText(p.own)} variant={STATUS_VARIANT[p.own.status]} />;

export const deadlineText = (deadline: string | null) => (deadline ? formatDayLong(deadline) : '–');

import { formatDateTimeLong } from '../views/format.ts';
import type { LastManualRound } from './last-manual-round.ts';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "Sidste påmindelse blev sendt 6. december 2026 kl. 14.05 til 21 kommuner (42 mails)." */
export const recentRoundSentence = (last: LastManualRound) =>
  `Sidste påmindelse blev sendt ${formatDateTimeLong(last.sentAt)} til ${count(last.municipalities, 'kommune', 'kommuner')} (${count(last.recipients, 'mail', 'mails')}).`;

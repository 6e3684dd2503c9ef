import { daysUntil, dueInWords } from '../../platform/attention/due.ts';

/** Within this many days a deadline is "soon" and stands out, as on the front page. */
const SOON_DAYS = 14;

/**
 * "om 3 dage" / "overskredet med 12 dage" beside a deadline the municipality still has to meet:
 * red when passed, yellow within two weeks, grey otherwise. The words carry it, not the colour.
 */
export function DueMarker(p: { deadline: string | null; today: string }): JSX.Element {
  if (!p.deadline) return <></>;
  const n = daysUntil(p.deadline, p.today);
  const variant = n < 0 ? 'badge badge-error' : n <= SOON_DAYS ? 'badge badge-warning' : 'badge';
  return (
    <span class={variant} data-frist={n < 0 ? 'overskredet' : n <= SOON_DAYS ? 'snart' : 'senere'} safe>
      {dueInWords(p.deadline, p.today)}
    </span>
  );
}

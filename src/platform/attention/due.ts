/**
 * A deadline relative to today in words, as the front page says it: "i dag", "i morgen",
 * "om 3 dage", "overskredet med 1 dag", "overskredet med 12 dage". Both days are Danish days
 * (yyyy-mm-dd), so the count is whole calendar days whatever the hour or the clock change.
 */
export function daysUntil(due: string, today: string): number {
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export function dueInWords(due: string, today: string): string {
  const n = daysUntil(due, today);
  if (n === 0) return 'i dag';
  if (n === 1) return 'i morgen';
  if (n > 1) return `om ${n} dage`;
  return n === -1 ? 'overskredet med 1 dag' : `overskredet med ${-n} dage`;
}

/** How long something has waited, in whole days: "i dag", "1 dag", "12 dage". */
export function ageInWords(since: string, today: string): string {
  const n = daysUntil(today, since);
  if (n <= 0) return 'i dag';
  return n === 1 ? '1 dag' : `${n} dage`;
}

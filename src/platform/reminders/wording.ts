/** "om 7 dage", "i morgen", "i dag" – how far off a deadline is, on the Danish calendar; for reminder mails. */
export function whenText(days: number): string {
  if (days === 0) return 'i dag';
  if (days === 1) return 'i morgen';
  return `om ${days} dage`;
}

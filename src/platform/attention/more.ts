import type { AttentionItem } from './provider.ts';

/**
 * A section shows at most this many items: a front page with a thousand overdue tasks helps nobody,
 * and the page must cost the same whatever the data. The badge still counts them all.
 */
export const ATTENTION_LIMIT = 50;

/**
 * The items a capped query returned and, when there were more than it shows, one last item saying
 * how many more and where they are all listed. `total` is the uncapped count (count(*) over () in
 * the same statement).
 */
export function withMore(
  items: AttentionItem[],
  total: number,
  more: { kind: string; href: string; what: string; title?: (rest: number) => string; detail?: string },
): AttentionItem[] {
  const rest = total - items.length;
  if (rest <= 0) return items;
  const title = more.title ? more.title(rest) : `Og ${rest} flere ${more.what}`;
  return [...items, { kind: more.kind, title, detail: more.detail, href: more.href, severity: 'info', label: 'Flere' }];
}

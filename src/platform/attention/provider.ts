import type { SQL } from 'drizzle-orm';
import type { Actor, Ctx } from '../context.ts';
import type { NavKey } from '../views/menu.ts';

/**
 * What needs someone's attention: the front page ("Det skal I nu"), the municipality page and the
 * menu badges are built from the items modules contribute through providers, so a new module
 * (compliance packages, invoices, readiness) adds its items in one place and every view shows them.
 */

/** alert: overdue or blocking; warning: due within 14 days or waiting on someone; info: news to read. */
export type AttentionSeverity = 'alert' | 'warning' | 'info';

export type AttentionItem = {
  /** Stable machine-readable kind, e.g. `task.overdue`, `agreement.sign`, `gallery.vacancy`. */
  kind: string;
  /** Danish, plain text (escaped when shown). */
  title: string;
  /** Danish, plain text: who signs, how many municipalities are missing, … */
  detail?: string | undefined;
  /** The deadline as a Danish day (yyyy-mm-dd), if the item has one. */
  due?: string | null | undefined;
  /** Since when the item has waited (a question's age, a mail's failure), if that matters. */
  since?: Date | null | undefined;
  /** Where the item is handled: a local path. */
  href: string;
  severity: AttentionSeverity;
  /** The word in the item's badge when the severity's own (Haster, Snart, Nyt) would mislead, e.g. "Ubesat". */
  label?: string | undefined;
};

export type AttentionCtx = Ctx & { actor: Actor };

export type AttentionProvider = {
  /** Unique, e.g. `tasks.mine`. */
  key: string;
  /** The section heading on the pages, Danish. */
  heading: string;
  /** Place on the page, lowest first. */
  order: number;
  /**
   * The most SQL statements one call of `forActor` or `forMunicipality` runs, whatever the data
   * size; the bounded-query test holds the pages to the sum.
   */
  statements: number;
  /** The menu entry whose badge counts this provider's items for the actor. */
  menu?: NavKey | undefined;
  /** The actor's own front page; null when the section does not apply to this actor. */
  forActor?: ((ctx: AttentionCtx, today: string) => Promise<AttentionItem[]> | null) | undefined;
  /** The municipality page (`/kommuner/:code`) and its API; the caller has checked read access. */
  forMunicipality?: ((ctx: AttentionCtx, code: string, today: string) => Promise<AttentionItem[]> | null) | undefined;
  /**
   * One scalar SQL expression counting the same items as `forActor` for the menu badge, or null
   * when the provider has no badge for this actor. All badges on a page are one statement.
   */
  countForActor?: ((actor: Actor, today: string) => SQL | null) | undefined;
};

export type AttentionSection = { key: string; heading: string; items: AttentionItem[] };

// Process-wide like the menu registry: views render without the Fastify instance at hand. Keyed so
// building the app again (every test file does) replaces a provider rather than adding it twice.
const providers = new Map<string, AttentionProvider>();

export function registerAttentionProvider(provider: AttentionProvider): void {
  providers.set(provider.key, provider);
}

export function attentionProviders(): AttentionProvider[] {
  return [...providers.values()].sort((a, b) => a.order - b.order);
}

const severityRank: Record<AttentionSeverity, number> = { alert: 0, warning: 1, info: 2 };

/**
 * Overdue and blocking first, then by deadline (items without one last), then by age. The sort is
 * stable: ties keep the provider's own order (its most important first, or Danish by title).
 */
export function byUrgency(a: AttentionItem, b: AttentionItem): number {
  return (
    severityRank[a.severity] - severityRank[b.severity] ||
    (a.due ?? '9999-12-31').localeCompare(b.due ?? '9999-12-31') ||
    (a.since?.getTime() ?? Infinity) - (b.since?.getTime() ?? Infinity)
  );
}

type Call = { p: AttentionProvider; run: () => Promise<AttentionItem[]> | null };

async function collect(calls: Call[]): Promise<AttentionSection[]> {
  const sections: AttentionSection[] = [];
  // One after another: PGlite has one connection, and the order keeps the statement log readable.
  for (const { p, run } of calls) {
    const pending = run();
    if (!pending) continue; // the section does not apply to this actor
    const items = await pending;
    sections.push({ key: p.key, heading: p.heading, items: [...items].sort(byUrgency) });
  }
  return sections;
}

/** The actor's front page: every provider that applies to them, in page order. */
export function attentionForActor(ctx: AttentionCtx, today: string): Promise<AttentionSection[]> {
  const calls: Call[] = [];
  for (const p of attentionProviders()) {
    const forActor = p.forActor;
    if (forActor) calls.push({ p, run: () => forActor(ctx, today) });
  }
  return collect(calls);
}

/** Everything a municipality owes and has, for the municipality page and its API. */
export function attentionForMunicipality(ctx: AttentionCtx, code: string, today: string): Promise<AttentionSection[]> {
  const calls: Call[] = [];
  for (const p of attentionProviders()) {
    const forMunicipality = p.forMunicipality;
    if (forMunicipality) calls.push({ p, run: () => forMunicipality(ctx, code, today) });
  }
  return collect(calls);
}

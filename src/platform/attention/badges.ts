import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { rawRows } from '../../db/client.ts';
import { danishDay } from '../views/format.ts';
import type { Actor } from '../context.ts';
import type { NavKey } from '../views/menu.ts';
import { attentionProviders } from './provider.ts';

/**
 * Menu badges: the layout leaves a marker in each menu link and this hook fills in the counts just
 * before an HTML page leaves, so only pages that show the menu pay, and all badges on a page cost
 * one SQL statement (one scalar subquery per provider), or none while the user's counts are kept.
 */
declare module 'fastify' {
  interface FastifyContextConfig {
    /** The page counts the menu afresh rather than reuse the user's kept counts (the front page). */
    freshMenuCounts?: boolean;
  }
}

const MARKER = /<!--attention-badge:([a-z]+)-->/g;

/** A menu entry's count, or `all`: the sum, on the phone's folded Menu button. */
export const badgeMarker = (key: NavKey | 'all') => `<!--attention-badge:${key}-->`;

type Counted = { at: number; generation: number; counts: Map<string, number> };

/** Users whose counts are kept at most; past it the cache starts over (a burst of logins, not a leak). */
const MAX_CACHED = 5_000;

export function registerAttentionBadges(app: FastifyInstance): void {
  // Every page shows the menu, and on PGlite the counting statement is most of a light page's
  // database time, so a user's counts are kept for config.menuCountSeconds. A successful write in
  // this process (anyone's: an answer changes what the others owe) starts every count afresh; the
  // front page, which lists the items themselves, always counts so its menu agrees with it.
  const cache = new Map<string, Counted>();
  let generation = 0;
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) generation++;
  });

  async function countsFor(actor: Actor, fresh: boolean): Promise<Map<string, number>> {
    const now = app.clock().getTime();
    const ttl = app.config.menuCountSeconds * 1000;
    const kept = cache.get(actor.userId);
    if (!fresh && kept && kept.generation === generation && now - kept.at < ttl) return kept.counts;
    const counts = await countAll(actor, danishDay(app.clock()));
    if (ttl > 0) {
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(actor.userId, { at: now, generation, counts });
    }
    return counts;
  }

  async function countAll(actor: Actor, today: string): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    const parts: Array<{ menu: NavKey; expr: SQL }> = [];
    for (const p of attentionProviders()) {
      const expr = p.menu && p.countForActor ? p.countForActor(actor, today) : null;
      if (p.menu && expr) parts.push({ menu: p.menu, expr });
    }
    if (parts.length === 0) return counts;
    const columns = sql.join(parts.map((part, i) => sql`(${part.expr})::int as ${sql.raw(`c${i}`)}`), sql`, `);
    const [row] = await rawRows<Record<string, number>>(app.database.db, sql`select ${columns}`);
    parts.forEach((part, i) => {
      const n = Number(row?.[`c${i}`] ?? 0);
      counts.set(part.menu, (counts.get(part.menu) ?? 0) + n);
      counts.set('all', (counts.get('all') ?? 0) + n);
    });
    return counts;
  }

  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' || !payload.includes('<!--attention-badge:')) return payload;
    const actor = request.actor;
    const counts = actor && reply.statusCode < 400 ? await countsFor(actor, request.routeOptions.config.freshMenuCounts === true) : new Map<string, number>();
    // The markers are in the header; a 170 KiB page need not be scanned past it.
    const end = payload.indexOf('</header>');
    const head = end < 0 ? payload : payload.slice(0, end);
    const filled = head.replace(MARKER, (_m, key: string) => {
      const n = counts.get(key) ?? 0;
      return n > 0 ? ` <span class="samspil-menu-count">${n}<span class="sr-only"> kræver handling</span></span>` : '';
    });
    return end < 0 ? filled : filled + payload.slice(end);
  });
}

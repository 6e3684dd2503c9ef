import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { rawRows } from '../../db/client.ts';
import { danishDay } from '../views/format.ts';
import type { NavKey } from '../views/menu.ts';
import { attentionProviders } from './provider.ts';

/**
 * Menu badges: the layout leaves a marker in each menu link and this hook fills in the counts just
 * before an HTML page leaves, so only pages that show the menu pay, and all badges on a page cost
 * one SQL statement (one scalar subquery per provider).
 */
const MARKER = /<!--attention-badge:([a-z]+)-->/g;

/** A menu entry's count, or `all`: the sum, on the phone's folded Menu button. */
export const badgeMarker = (key: NavKey | 'all') => `<!--attention-badge:${key}-->`;

export function registerAttentionBadges(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' || !payload.includes('<!--attention-badge:')) return payload;
    const actor = request.actor;
    const counts = new Map<string, number>();
    if (actor && reply.statusCode < 400) {
      const today = danishDay(app.clock());
      const parts: Array<{ menu: NavKey; expr: SQL }> = [];
      for (const p of attentionProviders()) {
        const expr = p.menu && p.countForActor ? p.countForActor(actor, today) : null;
        if (p.menu && expr) parts.push({ menu: p.menu, expr });
      }
      if (parts.length > 0) {
        const columns = sql.join(parts.map((part, i) => sql`(${part.expr})::int as ${sql.raw(`c${i}`)}`), sql`, `);
        const [row] = await rawRows<Record<string, number>>(app.database.db, sql`select ${columns}`);
        parts.forEach((part, i) => {
          const n = Number(row?.[`c${i}`] ?? 0);
          counts.set(part.menu, (counts.get(part.menu) ?? 0) + n);
          counts.set('all', (counts.get('all') ?? 0) + n);
        });
      }
    }
    return payload.replace(MARKER, (_m, key: string) => {
      const n = counts.get(key) ?? 0;
      return n > 0 ? ` <span class="samspil-menu-count">${n}<span class="sr-only"> kræver handling</span></span>` : '';
    });
  });
}

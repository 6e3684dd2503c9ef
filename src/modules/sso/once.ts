import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { ssoOnce } from './schema.ts';

type Kind = (typeof ssoOnce.$inferSelect)['kind'];

/**
 * Claims a one-time value for every app instance at once (the table is shared): true the first
 * time, false when it is already claimed and not yet expired. A replayed assertion is refused by it.
 */
export async function claimOnce(db: Db, kind: Kind, key: string, expiresAt: Date, now: Date, value: Record<string, unknown> = {}): Promise<boolean> {
  // An expired claim of the same key no longer counts; it is cleared first so the insert can win.
  await db.delete(ssoOnce).where(and(eq(ssoOnce.kind, kind), eq(ssoOnce.key, key), lt(ssoOnce.expiresAt, now)));
  const rows = await db.insert(ssoOnce).values({ kind, key, value, expiresAt }).onConflictDoNothing().returning({ key: ssoOnce.key });
  return rows.length === 1;
}

/** Reads a stored value without using it up (null when missing or expired). */
export async function peekOnce(db: Db, kind: Kind, key: string, now: Date): Promise<Record<string, unknown> | null> {
  const [row] = await db
    .select({ value: ssoOnce.value })
    .from(ssoOnce)
    .where(and(eq(ssoOnce.kind, kind), eq(ssoOnce.key, key), gt(ssoOnce.expiresAt, now)));
  return row?.value ?? null;
}

/** Uses a stored value up: only one of two concurrent takers gets it. */
export async function takeOnce(db: Db, kind: Kind, key: string, now: Date): Promise<Record<string, unknown> | null> {
  const [row] = await db
    .delete(ssoOnce)
    .where(and(eq(ssoOnce.kind, kind), eq(ssoOnce.key, key)))
    .returning({ value: ssoOnce.value, expiresAt: ssoOnce.expiresAt });
  return row && row.expiresAt > now ? row.value : null;
}

export async function pruneOnce(db: Db, now: Date): Promise<number> {
  const rows = await db.delete(ssoOnce).where(lt(ssoOnce.expiresAt, now)).returning({ k: sql`1` });
  return rows.length;
}

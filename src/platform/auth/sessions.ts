import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { randomToken, sha256 } from './secrets.ts';
import { session, type LoginMethod } from './schema.ts';

export const SESSION_COOKIE = 'samspil_session';
export const SESSION_HOURS = 12;

export type SessionMeta = {
  ip?: string;
  userAgent?: string;
  method?: LoginMethod;
  samlNameId?: string | null;
  samlSessionIndex?: string | null;
};

export async function createSession(db: Db, userId: string, now: Date, meta: SessionMeta) {
  const id = randomToken();
  const csrfToken = randomToken();
  await db.insert(session).values({
    idHash: sha256(id),
    userId,
    csrfToken,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000),
    ip: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    method: meta.method ?? 'password',
    samlNameId: meta.samlNameId ?? null,
    samlSessionIndex: meta.samlSessionIndex ?? null,
  });
  // Expired sessions are swept at login time; no separate job is needed for a table this small.
  await db.delete(session).where(lt(session.expiresAt, now));
  return { id, csrfToken };
}

export async function findSession(db: Db, id: string, now: Date) {
  const [row] = await db
    .select({
      userId: session.userId,
      csrfToken: session.csrfToken,
      method: session.method,
      samlNameId: session.samlNameId,
      samlSessionIndex: session.samlSessionIndex,
    })
    .from(session)
    .where(and(eq(session.idHash, sha256(id)), gt(session.expiresAt, now)));
  return row ?? null;
}

export async function destroySession(db: Db, id: string) {
  await db.delete(session).where(eq(session.idHash, sha256(id)));
}

import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { LinkWay } from '../schema.ts';
import { ssoIdentity } from '../schema.ts';

export type OwnLink = {
  mitid: { subject: string; linkedVia: LinkWay; linkedAt: Date; lastLoginAt: Date | null } | null;
  /** Has logged in through Context Handler, and whether it sent the professional UUID. */
  contextHandler: { professionalUuidKnown: boolean; lastLoginAt: Date | null } | null;
};

/** The person's own single sign-on identities, in one statement. */
export async function loadOwnLink(db: Db, personId: string): Promise<OwnLink> {
  const rows = await db
    .select({ provider: ssoIdentity.provider, subject: ssoIdentity.subject, linkedVia: ssoIdentity.linkedVia, createdAt: ssoIdentity.createdAt, lastLoginAt: ssoIdentity.lastLoginAt, professionalUuid: ssoIdentity.professionalUuid })
    .from(ssoIdentity)
    .where(eq(ssoIdentity.personId, personId));
  const m = rows.find((r) => r.provider === 'mitid-erhverv');
  const ch = rows.find((r) => r.provider === 'context-handler');
  return {
    mitid: m ? { subject: m.subject, linkedVia: m.linkedVia, linkedAt: m.createdAt, lastLoginAt: m.lastLoginAt } : null,
    contextHandler: ch ? { professionalUuidKnown: ch.professionalUuid !== null, lastLoginAt: ch.lastLoginAt } : null,
  };
}

export const linkWayText: Record<LinkWay, string> = {
  login: 'ved første log ind med MitID Erhverv',
  self: 'af brugeren selv',
  admin: 'af en administrator',
};

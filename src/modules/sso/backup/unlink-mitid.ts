import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { authorizeManageLogins } from '../policy.ts';
import { ssoIdentity } from '../schema.ts';
import { personInMunicipality } from './person-in-municipality.ts';

/** Removes a person's MitID Erhverv link, audited with what it was; nothing left to remove writes nothing. */
export async function unlinkMitid(ctx: Ctx & { actor: Actor }, code: string, personId: string): Promise<{ removed: boolean }> {
  authorizeManageLogins(ctx.actor, code);
  return ctx.db.transaction(async (tx) => {
    const target = await personInMunicipality(tx, personId, code);
    const [gone] = await tx
      .delete(ssoIdentity)
      .where(and(eq(ssoIdentity.provider, 'mitid-erhverv'), eq(ssoIdentity.personId, target.personId)))
      .returning({ id: ssoIdentity.id, subject: ssoIdentity.subject, linkedVia: ssoIdentity.linkedVia });
    if (!gone) return { removed: false };
    await recordAudit(tx, ctx, {
      action: 'sso.backup_unlinked',
      entityType: 'sso_identity',
      entityId: gone.id,
      municipalityCode: code,
      before: { personId: target.personId, name: target.name, subject: gone.subject, linkedVia: gone.linkedVia },
    });
    return { removed: true };
  });
}

import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Ctx } from '../../../platform/context.ts';
import { conflict } from '../../../platform/errors.ts';
import { person } from '../../../platform/identity/schema.ts';
import { type LinkWay, ssoIdentity } from '../schema.ts';

export type LinkTarget = { personId: string; municipalityCode: string | null; name: string };

/**
 * Ties a MitID Erhverv identifier to a person, in the caller's transaction, audited. Safe to
 * repeat: the same link again writes nothing (created false). Refused (409): the person already
 * has another MitID Erhverv, or the identifier belongs to someone else in the same municipality
 * (one person's backup login must never open another person's account).
 */
export async function attachMitid(tx: Db, ctx: Ctx, target: LinkTarget, subject: string, way: { via: LinkWay; by: string | null }): Promise<{ created: boolean }> {
  const [current] = await tx
    .select({ subject: ssoIdentity.subject })
    .from(ssoIdentity)
    .where(and(eq(ssoIdentity.provider, 'mitid-erhverv'), eq(ssoIdentity.personId, target.personId)));
  if (current?.subject === subject) return { created: false };
  if (current) {
    throw conflict(`${target.name} har allerede et andet MitID Erhverv tilknyttet. Fjern den tilknytning først.`, {
      identifikator: 'Personen har allerede et andet MitID Erhverv tilknyttet',
    });
  }
  const [other] = await tx
    .select({ name: person.name })
    .from(ssoIdentity)
    .innerJoin(person, eq(person.id, ssoIdentity.personId))
    .where(
      and(
        eq(ssoIdentity.provider, 'mitid-erhverv'),
        eq(ssoIdentity.subject, subject),
        ne(ssoIdentity.personId, target.personId),
        sql`${person.municipalityCode} is not distinct from ${target.municipalityCode}`,
      ),
    )
    .limit(1);
  if (other) {
    throw conflict('Dette MitID Erhverv er allerede tilknyttet en anden bruger i samme kommune.', {
      identifikator: 'MitID Erhverv er allerede tilknyttet en anden bruger i kommunen',
    });
  }
  // A second click racing the first meets the unique (provider, person) index and writes nothing.
  const inserted = await tx
    .insert(ssoIdentity)
    .values({ provider: 'mitid-erhverv', subject, personId: target.personId, linkedVia: way.via, linkedBy: way.by, createdAt: ctx.now })
    .onConflictDoNothing()
    .returning({ id: ssoIdentity.id });
  const row = inserted[0];
  if (!row) return { created: false };
  await recordAudit(tx, ctx, {
    action: 'sso.backup_linked',
    entityType: 'sso_identity',
    entityId: row.id,
    municipalityCode: target.municipalityCode,
    after: { personId: target.personId, name: target.name, subject, linkedVia: way.via },
  });
  return { created: true };
}

import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { person, roleAssignment, userAccount } from '../../../platform/identity/schema.ts';
import type { NotifyRecipient } from '../../../platform/notify/notify.ts';
import { ECONOMY_CONTACT_ROLE, IT_CHIEF_ROLE } from '../policy.ts';

/** The municipal roles a published document is mailed to. */
export const DOCUMENT_RECIPIENT_ROLES = [IT_CHIEF_ROLE, ECONOMY_CONTACT_ROLE] as const;

export type DocumentRecipient = NotifyRecipient & { personId: string; municipalityCode: string };

/**
 * Every municipality's IT chiefs and økonomikontakter, active people only, each person once per
 * municipality however many of the two roles they hold. One statement.
 */
export async function loadDocumentRecipients(db: Db): Promise<DocumentRecipient[]> {
  const rows = await db
    .selectDistinct({
      municipalityCode: roleAssignment.municipalityCode,
      personId: person.id,
      email: person.email,
      userId: userAccount.id,
      digestMode: userAccount.digestMode,
    })
    .from(roleAssignment)
    .innerJoin(person, eq(person.id, roleAssignment.personId))
    .leftJoin(userAccount, and(eq(userAccount.personId, person.id), eq(userAccount.disabled, false)))
    .where(
      and(
        inArray(roleAssignment.roleTypeKey, [...DOCUMENT_RECIPIENT_ROLES]),
        isNull(roleAssignment.removedAt),
        eq(person.active, true),
        isNotNull(roleAssignment.municipalityCode),
      ),
    );
  // A person with two accounts would appear twice; the first is enough, the mail goes to the person.
  const seen = new Set<string>();
  const out: DocumentRecipient[] = [];
  for (const r of rows) {
    const key = `${r.municipalityCode}:${r.personId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...r, municipalityCode: r.municipalityCode! });
  }
  return out;
}

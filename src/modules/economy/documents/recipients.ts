import type { Db } from '../../../db/client.ts';
import { loadRoleHolders } from '../../../platform/identity/role-holders.ts';
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
  const holders = await loadRoleHolders(db, DOCUMENT_RECIPIENT_ROLES);
  const seen = new Set<string>();
  const out: DocumentRecipient[] = [];
  for (const { municipalityCode, personId, email, userId, digestMode } of holders) {
    const key = `${municipalityCode}:${personId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ municipalityCode, personId, email, userId, digestMode });
  }
  return out;
}

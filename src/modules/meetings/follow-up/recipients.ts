import type { Db } from '../../../db/client.ts';
import { loadRoleHolders } from '../../../platform/identity/role-holders.ts';
import { danishCompare } from '../../../platform/views/format.ts';

/** The municipal role the follow-up is for (issue #14: "sendes til programlederne"). */
export const FOLLOW_UP_ROLE = 'programleder';

export type FollowUpRecipient = { personId: string; municipalityCode: string; name: string; email: string };

/**
 * The current program leaders, of one municipality or all: one entry per person (a person holding
 * the role twice is mailed once; one leading two municipalities gets the follow-up of the first by
 * code, as the follow-up is one row per meeting and person). Sorted by municipality, then name.
 * One statement.
 */
export async function loadFollowUpRecipients(db: Db, code?: string): Promise<FollowUpRecipient[]> {
  const holders = await loadRoleHolders(db, [FOLLOW_UP_ROLE], code ? { code } : {});
  const sorted = holders
    .filter((h) => h.email.trim() !== '')
    .sort((a, b) => a.municipalityCode.localeCompare(b.municipalityCode) || danishCompare(a.name, b.name) || a.personId.localeCompare(b.personId));
  const seen = new Set<string>();
  const out: FollowUpRecipient[] = [];
  for (const h of sorted) {
    if (seen.has(h.personId)) continue;
    seen.add(h.personId);
    out.push({ personId: h.personId, municipalityCode: h.municipalityCode, name: h.name, email: h.email });
  }
  return out;
}

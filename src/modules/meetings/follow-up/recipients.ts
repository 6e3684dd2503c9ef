import type { Db } from '../../../db/client.ts';
import { loadRoleHolders } from '../../../platform/identity/role-holders.ts';
import { danishCompare } from '../../../platform/views/format.ts';

/** The municipal role the follow-up is for (issue #14: "sendes til programlederne"). */
export const FOLLOW_UP_ROLE = 'programleder';

export type FollowUpRecipient = { personId: string; municipalityCode: string; name: string; email: string };

/** A recipient of one municipality's follow-up: a person leading two municipalities is two recipients. */
export const recipientKey = (code: string, personId: string) => `${code}:${personId}`;

/**
 * The current program leaders, of one municipality or all: one entry per person and municipality
 * (a person holding the role twice in a municipality is mailed once; one leading two municipalities
 * gets each municipality's follow-up). Sorted by municipality, then name. One statement.
 */
export async function loadFollowUpRecipients(db: Db, code?: string): Promise<FollowUpRecipient[]> {
  const holders = await loadRoleHolders(db, [FOLLOW_UP_ROLE], code ? { code } : {});
  const sorted = holders
    .filter((h) => h.email.trim() !== '')
    .sort((a, b) => a.municipalityCode.localeCompare(b.municipalityCode) || danishCompare(a.name, b.name) || a.personId.localeCompare(b.personId));
  const seen = new Set<string>();
  const out: FollowUpRecipient[] = [];
  for (const h of sorted) {
    const key = recipientKey(h.municipalityCode, h.personId);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ personId: h.personId, municipalityCode: h.municipalityCode, name: h.name, email: h.email });
  }
  return out;
}

import type { Db } from '../../../db/client.ts';
import { loadRoleHolders } from '../../../platform/identity/role-holders.ts';
import { RECIPIENT_ROLE } from '../policy.ts';

/** The municipal role told to register recipients when its municipality has none. */
export const PROGRAM_LEADER_ROLE = 'programleder';

export type Holder = {
  municipalityCode: string;
  personId: string;
  name: string;
  email: string;
  userId: string | null;
  digestMode: string | null;
  role: typeof RECIPIENT_ROLE | typeof PROGRAM_LEADER_ROLE;
};

/**
 * Current holders of the recipient role (and, when asked, the programleder role) in every
 * municipality or in one, active people only, one entry per person and role. One statement.
 */
export async function loadHolders(db: Db, opts: { programLeaders?: boolean; code?: string } = {}): Promise<Holder[]> {
  const roles = opts.programLeaders ? [RECIPIENT_ROLE, PROGRAM_LEADER_ROLE] : [RECIPIENT_ROLE];
  const rows = await loadRoleHolders(db, roles, { code: opts.code });
  return rows.map(({ roleTypeKey, ...r }) => ({ ...r, role: roleTypeKey as Holder['role'] }));
}

/** The holders grouped by municipality. */
export function byMunicipality(holders: Holder[]): Map<string, Holder[]> {
  const map = new Map<string, Holder[]>();
  for (const h of holders) {
    const list = map.get(h.municipalityCode);
    if (list) list.push(h);
    else map.set(h.municipalityCode, [h]);
  }
  return map;
}

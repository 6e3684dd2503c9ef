import type { Db } from '../../db/client.ts';
import { CVR, demoPrivilege } from './dev-idps/identities.ts';
import { ssoPrivilegeMapping, ssoUnmappedPrivilege } from './schema.ts';

/** The demo's privilege mapping: the privileges the demo identities carry, as KOMBIT would map them. */
export const DEMO_MAPPINGS: { privilege: string; roleTypeKey: string; solutionKey: string | null }[] = [
  { privilege: demoPrivilege('programleder'), roleTypeKey: 'programleder', solutionKey: null },
  { privilege: demoPrivilege('klik-administrator'), roleTypeKey: 'klik-administrator', solutionKey: null },
  { privilege: demoPrivilege('it-chef'), roleTypeKey: 'it-chef', solutionKey: null },
  { privilege: demoPrivilege('systemansvarlig-valg'), roleTypeKey: 'systemansvarlig', solutionKey: 'valg' },
  { privilege: demoPrivilege('superbruger-aula'), roleTypeKey: 'superbruger', solutionKey: 'aula' },
];

/** A privilege Faxe's users carry that maps to nothing yet, so /sso/rettigheder shows the case. */
export const DEMO_UNMAPPED = { privilege: demoPrivilege('laeser'), scopeCvr: CVR.faxe };

/** Safe to run again: existing rows are kept as they are. */
export async function seedDemoMappings(db: Db, now: Date): Promise<void> {
  await db.insert(ssoPrivilegeMapping).values(DEMO_MAPPINGS.map((m) => ({ ...m, createdAt: now }))).onConflictDoNothing();
  const firstSeen = new Date(now.getTime() - 3 * 86_400_000);
  await db
    .insert(ssoUnmappedPrivilege)
    .values({ ...DEMO_UNMAPPED, firstSeenAt: firstSeen, lastSeenAt: now, times: 4 })
    .onConflictDoNothing({ target: [ssoUnmappedPrivilege.privilege, ssoUnmappedPrivilege.scopeCvr] });
}

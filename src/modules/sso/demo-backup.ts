import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { person, roleAssignment, userAccount } from '../../platform/identity/schema.ts';
import { demoIdentities } from './dev-idps/identities.ts';
import { ssoIdentity } from './schema.ts';

const FAXE = '0320';
const DAY = 86_400_000;

type DemoPerson = { email: string; name: string; title: string; role?: { roleTypeKey: string; solutionKey: string | null } };

/** Faxe people the demo adds for the report: Context Handler users, a VALG system owner among them. */
const ADDED: DemoPerson[] = [
  { email: 'system-valg-0320@samspil.demo', name: 'Systemansvarlig valg Faxe', title: 'Systemansvarlig', role: { roleTypeKey: 'systemansvarlig', solutionKey: 'valg' } },
  { email: 'superbruger-aula-0320@samspil.demo', name: 'Superbruger Aula Faxe', title: 'Superbruger', role: { roleTypeKey: 'superbruger', solutionKey: 'aula' } },
  { email: 'valgsekretariat-0320@samspil.demo', name: 'Valgsekretariatet Faxe', title: 'Valgsekretær', role: { roleTypeKey: 'valgsekretariat', solutionKey: null } },
  { email: 'superbruger-flis-0320@samspil.demo', name: 'Superbruger FLIS Faxe', title: 'Superbruger', role: { roleTypeKey: 'superbruger', solutionKey: 'flis' } },
];

type Identity = { email: string; code: string; nameId: string; professionalUuid: string | null; mitid: string | null; daysAgo: number };

const known = (key: string) => demoIdentities.find((i) => i.key === key)!;
const madeUpNameId = (name: string, rid: number) => `C=DK,O=Faxe Kommune,CN=${name},Serial=CVR:29188475-RID:${String(rid)}`;

/**
 * Who has a backup login, for the demo: Faxe's KLIK-administrator opens the report right after
 * `npm start` and sees Context Handler users without MitID Erhverv (its VALG system owner first)
 * and the front-page item. The programleder has none linked on purpose: Context Handler gave their
 * professional UUID, so their first backup login (in the demo's MitID Erhverv picker) links it.
 * Aarhus' VALG system owner of the identity picker gets their Context Handler identity when the
 * person exists. Safe to run again: what exists is left as it is.
 */
export async function seedDemoBackup(db: Db, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const existing = await tx.select({ email: person.email }).from(person).where(and(eq(person.municipalityCode, FAXE), inArray(person.email, ADDED.map((a) => a.email))));
    const missing = ADDED.filter((a) => !existing.some((e) => e.email === a.email));
    if (missing.length > 0) {
      const added = await tx
        .insert(person)
        .values(missing.map((a) => ({ name: a.name, email: a.email, title: a.title, municipalityCode: FAXE })))
        .returning({ id: person.id, email: person.email });
      // Accounts without a password: these people log in through Context Handler only.
      await tx.insert(userAccount).values(added.map((p) => ({ personId: p.id, email: p.email })));
      await tx.insert(roleAssignment).values(
        added.flatMap((p) => {
          const role = missing.find((a) => a.email === p.email)?.role;
          return role ? [{ personId: p.id, municipalityCode: FAXE, roleTypeKey: role.roleTypeKey, solutionKey: role.solutionKey, isPrimary: role.roleTypeKey === 'systemansvarlig' }] : [];
        }),
      );
    }

    const programleder = known('faxe-programleder');
    const klik = known('faxe-klikadmin');
    const aarhus = known('aarhus-valg');
    const identities: Identity[] = [
      { email: programleder.email, code: FAXE, nameId: programleder.nameId, professionalUuid: programleder.professionalUuid, mitid: null, daysAgo: 2 },
      { email: 'system-valg-0320@samspil.demo', code: FAXE, nameId: madeUpNameId('Systemansvarlig valg Faxe', 41101), professionalUuid: null, mitid: null, daysAgo: 5 },
      { email: 'system-flis-0320@samspil.demo', code: FAXE, nameId: madeUpNameId('Systemansvarlig flis Faxe', 41102), professionalUuid: null, mitid: null, daysAgo: 12 },
      { email: 'valgsekretariat-0320@samspil.demo', code: FAXE, nameId: madeUpNameId('Valgsekretariatet Faxe', 41103), professionalUuid: null, mitid: null, daysAgo: 1 },
      { email: klik.email, code: FAXE, nameId: klik.nameId, professionalUuid: klik.professionalUuid, mitid: klik.mitidSub, daysAgo: 3 },
      { email: 'superbruger-aula-0320@samspil.demo', code: FAXE, nameId: madeUpNameId('Superbruger Aula Faxe', 41104), professionalUuid: null, mitid: 'b7e1d3c2-0000-4000-8000-0000000f0320', daysAgo: 20 },
      { email: 'superbruger-flis-0320@samspil.demo', code: FAXE, nameId: madeUpNameId('Superbruger FLIS Faxe', 41105), professionalUuid: null, mitid: 'b7e1d3c2-0000-4000-8000-0000000f0321', daysAgo: 8 },
      { email: aarhus.email, code: '0751', nameId: aarhus.nameId, professionalUuid: aarhus.professionalUuid, mitid: null, daysAgo: 4 },
    ];
    const people = await tx
      .select({ id: person.id, email: person.email, code: person.municipalityCode })
      .from(person)
      .where(and(inArray(person.email, identities.map((i) => i.email)), eq(person.active, true)));
    for (const i of identities) {
      const p = people.find((x) => x.email === i.email && x.code === i.code);
      if (!p) continue; // e.g. Aarhus' VALG system owner, until the privileges demo has made them
      await tx
        .insert(ssoIdentity)
        .values({ provider: 'context-handler', subject: i.nameId, personId: p.id, professionalUuid: i.professionalUuid, createdAt: new Date(now.getTime() - 90 * DAY), lastLoginAt: new Date(now.getTime() - i.daysAgo * DAY) })
        .onConflictDoNothing();
      if (i.mitid) {
        await tx
          .insert(ssoIdentity)
          .values({ provider: 'mitid-erhverv', subject: i.mitid, personId: p.id, linkedVia: 'admin', createdAt: new Date(now.getTime() - 30 * DAY) })
          .onConflictDoNothing();
      }
    }
  });
}

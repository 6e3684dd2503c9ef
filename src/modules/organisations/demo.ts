import { eq, sql } from 'drizzle-orm';
import { rawRows, type Db } from '../../db/client.ts';
import { person, roleAssignment, userAccount } from '../../db/schema.ts';
import { hashPassword } from '../../platform/auth/secrets.ts';
import { referenceMunicipalities } from '../../db/reference/municipalities.ts';

export const DEMO_PASSWORD = 'demo1234';

/** Some municipalities get system owners so the overviews have something to show; Faxe gets none for Aula. */
const SYSTEM_OWNERS: { code: string; solutions: string[] }[] = [
  { code: '0101', solutions: ['aula', 'flis', 'valg'] },
  { code: '0153', solutions: ['aula', 'byg-og-miljoe'] },
  { code: '0707', solutions: ['aula', 'flis'] },
  { code: '0751', solutions: ['aula', 'valg', 'borgerblikket'] },
  { code: '0461', solutions: ['aula', 'dubu'] },
  { code: '0851', solutions: ['flis', 'sapa'] },
  { code: '0320', solutions: ['flis'] },
];

export async function hasAnyPeople(db: Db): Promise<boolean> {
  const [r] = await rawRows<{ found: boolean }>(db, sql`select exists(select 1 from person) as found`);
  return Boolean(r?.found);
}

/**
 * Demo accounts (password demo1234): a central administrator and consultant, and for every
 * municipality a programleder and a KLIK-administrator. Never run in production mode.
 */
export async function seedDemo(db: Db): Promise<{ users: number }> {
  // One hash for every demo account keeps seeding fast; these accounts exist only in demo mode.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const municipalities = referenceMunicipalities();
  return db.transaction(async (tx) => {
    const people: (typeof person.$inferInsert)[] = [
      { name: 'Anne Administrator', email: 'admin@samspil.demo', title: 'Systemadministrator', municipalityCode: null },
      { name: 'Karsten Konsulent', email: 'konsulent@samspil.demo', title: 'Implementeringskonsulent', municipalityCode: null },
    ];
    for (const m of municipalities) {
      people.push({ name: `Programleder ${m.name}`, email: `programleder-${m.code}@samspil.demo`, title: 'Programleder', municipalityCode: m.code });
      people.push({ name: `KLIK-administrator ${m.name}`, email: `klikadmin-${m.code}@samspil.demo`, title: 'KLIK-administrator', municipalityCode: m.code });
    }
    for (const so of SYSTEM_OWNERS) {
      const m = municipalities.find((x) => x.code === so.code)!;
      for (const s of so.solutions) {
        people.push({ name: `Systemansvarlig ${s} ${m.name}`, email: `system-${s}-${m.code}@samspil.demo`, title: 'Systemansvarlig', municipalityCode: m.code });
      }
    }
    const inserted = await tx.insert(person).values(people).returning({ id: person.id, email: person.email, municipalityCode: person.municipalityCode });
    await tx.insert(userAccount).values(inserted.map((p) => ({ personId: p.id, email: p.email, passwordHash })));
    const assignments: (typeof roleAssignment.$inferInsert)[] = inserted.map((p) => {
      const local = p.email.split('@')[0]!;
      if (local === 'admin') return { personId: p.id, municipalityCode: null, roleTypeKey: 'administrator' };
      if (local === 'konsulent') return { personId: p.id, municipalityCode: null, roleTypeKey: 'konsulent' };
      if (local.startsWith('programleder-')) return { personId: p.id, municipalityCode: p.municipalityCode, roleTypeKey: 'programleder' };
      if (local.startsWith('klikadmin-')) return { personId: p.id, municipalityCode: p.municipalityCode, roleTypeKey: 'klik-administrator' };
      const solutionKey = local.slice('system-'.length, local.lastIndexOf('-'));
      return { personId: p.id, municipalityCode: p.municipalityCode, roleTypeKey: 'systemansvarlig', solutionKey, isPrimary: true };
    });
    await tx.insert(roleAssignment).values(assignments);
    return { users: inserted.length };
  });
}

export const itChefEmail = (code: string) => `it-chef-${code}@samspil.demo`;

/**
 * An IT- og digitaliseringschef per municipality (it-chef-KKKK@samspil.demo, password demo1234):
 * the addressees of the Microsoft Education and K98 agreements. Kept out of seedDemo, which the
 * tests' galleries are built on; the agreements demo adds them in its own transaction.
 */
export async function seedDemoItChefs(tx: Db): Promise<{ users: number }> {
  // Every demo account shares one hash; reuse it rather than hashing again.
  const [admin] = await tx.select({ hash: userAccount.passwordHash }).from(userAccount).where(eq(userAccount.email, 'admin@samspil.demo'));
  const passwordHash = admin?.hash ?? (await hashPassword(DEMO_PASSWORD));
  const people = referenceMunicipalities().map((m) => ({
    name: `IT-chef ${m.name}`,
    email: itChefEmail(m.code),
    title: 'IT- og digitaliseringschef',
    municipalityCode: m.code,
  }));
  const inserted = await tx.insert(person).values(people).returning({ id: person.id, email: person.email, municipalityCode: person.municipalityCode });
  await tx.insert(userAccount).values(inserted.map((p) => ({ personId: p.id, email: p.email, passwordHash })));
  await tx.insert(roleAssignment).values(inserted.map((p) => ({ personId: p.id, municipalityCode: p.municipalityCode, roleTypeKey: 'it-chef' })));
  return { users: inserted.length };
}

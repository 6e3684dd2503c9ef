import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { referenceMunicipalities } from '../../db/reference/municipalities.ts';
import { person, roleAssignment, userAccount } from '../../db/schema.ts';
import { hashPassword } from '../../platform/auth/secrets.ts';
import { ECONOMY_CONTACT_ROLE, ECONOMY_ROLE } from './policy.ts';

/** The organisations demo's password; its hash is reused from the admin account, which that demo made first. */
const DEMO_PASSWORD = 'demo1234';

/** KOMBIT's economy consultant: keeps prices, budgets and the councils' secretariat. */
export const DEMO_ECONOMIST = { name: 'Øjvind Østergaard', email: 'oekonomi@samspil.demo', title: 'Økonomikonsulent' };
export const economyContactEmail = (code: string) => `oekonomikontakt-${code}@samspil.demo`;
/** Faxe, København, Aarhus and Læsø: the smallest, the largest two and the deck's own municipality. */
export const ECONOMY_CONTACT_CODES = ['0320', '0101', '0751', '0825'] as const;

export type DemoEconomyPeople = {
  /** the economy consultant's account: who set the prices and budgets and keeps the minutes */
  economist: string;
  /** accounts by e-mail (the ones the economy demo needs and that exist), for who proposed what */
  accountOf: (email: string) => string | null;
};

/** The economy consultant and the økonomikontakter, in one statement per table. */
export async function seedEconomyPeople(tx: Db): Promise<DemoEconomyPeople> {
  const [admin] = await tx.select({ hash: userAccount.passwordHash }).from(userAccount).where(eq(userAccount.email, 'admin@samspil.demo'));
  const passwordHash = admin?.hash ?? (await hashPassword(DEMO_PASSWORD));
  const names = new Map(referenceMunicipalities().map((m) => [m.code, m.name]));
  const people = await tx
    .insert(person)
    .values([
      { ...DEMO_ECONOMIST, municipalityCode: null },
      ...ECONOMY_CONTACT_CODES.map((code) => ({ name: `Økonomikontakt ${names.get(code)}`, email: economyContactEmail(code), title: 'Økonomikontakt', municipalityCode: code })),
    ])
    .returning({ id: person.id, email: person.email, municipalityCode: person.municipalityCode });
  await tx.insert(userAccount).values(people.map((p) => ({ personId: p.id, email: p.email, passwordHash })));
  await tx
    .insert(roleAssignment)
    .values(people.map((p) => ({ personId: p.id, municipalityCode: p.municipalityCode, roleTypeKey: p.municipalityCode === null ? ECONOMY_ROLE : ECONOMY_CONTACT_ROLE })));

  // The proposers: program leaders from the organisations demo, Faxe's IT chief from the agreements demo.
  const wanted = [DEMO_ECONOMIST.email, 'programleder-0320@samspil.demo', 'programleder-0101@samspil.demo', 'programleder-0751@samspil.demo', 'it-chef-0320@samspil.demo'];
  const accounts = await tx.select({ id: userAccount.id, email: userAccount.email }).from(userAccount).where(inArray(userAccount.email, wanted));
  const byEmail = new Map(accounts.map((a) => [a.email, a.id]));
  return { economist: byEmail.get(DEMO_ECONOMIST.email)!, accountOf: (email) => byEmail.get(email) ?? null };
}

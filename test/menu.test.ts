import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { person, roleAssignment, userAccount } from '../src/db/schema.ts';
import { hashPassword } from '../src/platform/auth/secrets.ts';
import { DEMO, loginAs, startTestApp, type TestApp } from './app.ts';

/**
 * The menu is the policy: every link in the main menu opens for the user who sees it (no 403,
 * no 404), and each kind of user still sees the links their work needs.
 */
const ECONOMIST = { email: 'oekonomi@menutest.dk', password: 'menutest-oekonomi-1' };
/** The demo's IT chief of Faxe (the test seed leaves the IT chiefs out; the full demo adds them). */
const IT_CHIEF = { email: 'it-chef-0320@samspil.demo', password: DEMO.password };

type Account = { who: string; email: string; password?: string; sees: string[]; lacks: string[] };
const ACCOUNTS: Account[] = [
  { who: 'central administrator', email: DEMO.admin, sees: ['/', '/overblik', '/aftaler', '/compliance', '/portefoelje', '/oekonomi', '/styring', '/aula', '/kommuner', '/rolleoverblik', '/log', '/udgaaende-post'], lacks: [] },
  { who: 'consultant', email: DEMO.consultant, sees: ['/', '/overblik', '/aftaler', '/compliance', '/portefoelje', '/oekonomi', '/styring', '/aula', '/kommuner', '/rolleoverblik'], lacks: ['/log', '/udgaaende-post'] },
  { who: 'central økonomi', email: ECONOMIST.email, password: ECONOMIST.password, sees: ['/', '/overblik', '/aftaler', '/compliance', '/portefoelje', '/oekonomi', '/styring', '/aula', '/kommuner'], lacks: ['/log', '/udgaaende-post'] },
  { who: 'program leader', email: DEMO.programLeader('0320'), sees: ['/', '/opgaver', '/aftaler', '/compliance', '/portefoelje', '/oekonomi', '/styring', '/aula/kommuner/0320', '/kommuner/0320', '/log'], lacks: ['/udgaaende-post', '/oekonomi/befolkning'] },
  { who: 'KLIK administrator', email: DEMO.klikAdmin('0320'), sees: ['/', '/opgaver', '/aftaler', '/compliance', '/kommuner/0320', '/log'], lacks: ['/udgaaende-post'] },
  { who: 'IT chief', email: IT_CHIEF.email, sees: ['/', '/opgaver', '/aftaler', '/oekonomi', '/styring', '/aula/kommuner/0320', '/kommuner/0320'], lacks: ['/log', '/udgaaende-post', '/compliance', '/oekonomi/befolkning'] },
];

/** The hrefs inside the main menu's <nav>, not the page's other links. */
function menuLinks(html: string): string[] {
  const nav = /<nav[^>]*aria-label="Hovedmenu"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1];
  if (!nav) throw new Error('no main menu on the page');
  return [...nav.matchAll(/<a\b[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
}

describe('main menu: every visible link opens for the user who sees it', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    const db = t.database.db;
    const newUser = async (who: { email: string; password: string }, name: string, municipalityCode: string | null, roleTypeKey: string) => {
      const [p] = await db.insert(person).values({ municipalityCode, name, email: who.email, title: name }).returning({ id: person.id });
      await db.insert(userAccount).values({ personId: p!.id, email: who.email, passwordHash: await hashPassword(who.password) });
      await db.insert(roleAssignment).values({ personId: p!.id, municipalityCode, roleTypeKey, solutionKey: null });
    };
    await newUser(ECONOMIST, 'Øjvind Økonomi', null, 'oekonomi');
    await newUser(IT_CHIEF, 'IT-chef Faxe', '0320', 'it-chef');
  });
  afterAll(async () => {
    await t?.close();
  });

  for (const account of ACCOUNTS) {
    it(`${account.who}: no menu link answers 403 or 404, and the needed ones are there`, async () => {
      const client = await loginAs(t.app, account.email, account.password);
      const front = await client.get('/');
      expect(front.statusCode).toBe(200);
      const links = menuLinks(front.body);
      const answers: Record<string, number> = {};
      for (const href of links) answers[href] = (await client.get(href)).statusCode;
      const refused = Object.entries(answers).filter(([, status]) => status === 403 || status === 404);
      expect(refused).toEqual([]);
      expect(links).toEqual(expect.arrayContaining(account.sees));
      for (const href of account.lacks) expect(links).not.toContain(href);
    });
  }
});

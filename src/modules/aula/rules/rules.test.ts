import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { hashPassword } from '../../../platform/auth/secrets.ts';
import { auditEvent } from '../../../platform/audit/schema.ts';
import { person, roleAssignment, userAccount } from '../../../db/schema.ts';
import { aulaCategories } from '../categories.ts';
import { aulaDeletionRule, aulaRuleSet } from '../schema.ts';

const form = (name: string, activationDate: string, months = '36', extra: Record<string, string> = {}) => ({
  name,
  activationDate,
  description: 'Eksempelværdier, ikke de gældende regler.',
  ...Object.fromEntries(aulaCategories.flatMap((c) => [[`trigger-${c.key}`, 'barnet_fratraeder'], [`periodMonths-${c.key}`, months]])),
  ...extra,
});
const body = (name: string, activationDate: string, periodMonths = 36) => ({
  name,
  activationDate,
  rules: aulaCategories.map((c) => ({ category: c.key, trigger: 'oprettet', periodMonths })),
});

describe('the deletion rules as versions', () => {
  let t: TestApp;
  let admin: Client;
  let consultant: Client;
  let faxe: Client;
  let economist: Client;

  const snapshot = async () => {
    const db = t.database.db;
    return JSON.stringify({
      sets: await db.select().from(aulaRuleSet).orderBy(aulaRuleSet.activationDate),
      rules: (await db.select({ n: count() }).from(aulaDeletionRule))[0]!.n,
      audit: (await db.select({ n: count() }).from(auditEvent))[0]!.n,
    });
  };
  const audits = async (action: string) => (await t.database.db.select({ n: count() }).from(auditEvent).where(eq(auditEvent.action, action)))[0]!.n;
  const idOf = async (activationDate: string) => (await t.database.db.select({ id: aulaRuleSet.id }).from(aulaRuleSet).where(eq(aulaRuleSet.activationDate, activationDate)))[0]?.id;

  beforeAll(async () => {
    t = await startTestApp();
    t.setNow(new Date('2026-08-15T10:00:00Z'));
    admin = await loginAs(t.app, DEMO.admin);
    consultant = await loginAs(t.app, DEMO.consultant);
    faxe = await loginAs(t.app, DEMO.programLeader('0320'));
    const db = t.database.db;
    const [p] = await db.insert(person).values({ municipalityCode: null, name: 'Øjvind Økonomi', email: 'oekonomi@regeltest.dk', title: 'Økonomi' }).returning({ id: person.id });
    await db.insert(userAccount).values({ personId: p!.id, email: 'oekonomi@regeltest.dk', passwordHash: await hashPassword('regeltest-1') });
    await db.insert(roleAssignment).values({ personId: p!.id, municipalityCode: null, roleTypeKey: 'oekonomi', solutionKey: null });
    economist = await loginAs(t.app, 'oekonomi@regeltest.dk', 'regeltest-1');
  });
  afterAll(async () => t.close());

  it('creates versions on the page, once per double submit, audited, and tells which is in force on a boundary day', async () => {
    await admin.get('/aula/sletteregler/ny');
    const first = form('Første regler', '2024-01-01', '36', { requestKey: 'dobbelt-1' });
    const a = await admin.post('/aula/sletteregler/ny', first);
    const b = await admin.post('/aula/sletteregler/ny', first);
    expect(a.statusCode).toBe(303);
    expect(b.headers.location).toBe(a.headers.location);
    expect((await t.database.db.select({ n: count() }).from(aulaRuleSet))[0]!.n).toBe(1);
    expect(await audits('aula.rule_set_saved')).toBe(1);

    const c = await consultant.api('POST', '/api/v1/aula/rules', body('Reviderede regler', '2026-09-01', 24));
    expect(c.statusCode).toBe(201);

    const page = await admin.get('/aula/sletteregler');
    expect(page.body).toContain('Gældende nu');
    expect(page.body).toContain('Træder i kraft 1. september 2026');
    expect(page.body).toContain('Barnet fratræder institutionen');
    expect(page.body).toContain('36 måneder (3 år)');
    expect(page.body).toContain('24 måneder (2 år)');

    const onDay = (await faxe.api('GET', '/api/v1/aula/rules?date=2026-09-01')).json();
    const dayBefore = (await faxe.api('GET', '/api/v1/aula/rules?date=2026-08-31')).json();
    const revised = await idOf('2026-09-01');
    expect(onDay.inForceId).toBe(revised);
    expect(dayBefore.inForceId).toBe(await idOf('2024-01-01'));
    expect(onDay.ruleSets[0].rules).toHaveLength(9);
    expect(onDay.ruleSets[0].status).toBe('in_force');
    expect(dayBefore.ruleSets.map((s: { status: string }) => s.status)).toEqual(['future', 'in_force']);
  });

  it('prefills a new version from the one in force', async () => {
    const res = await admin.get('/aula/sletteregler/ny');
    expect(res.body).toMatch(/name="periodMonths-handleplaner"[^>]*value="36"/);
  });

  it('refuses bad input with Danish messages and changes nothing', async () => {
    const before = await snapshot();
    for (const months of ['0', '700', 'abc']) {
      const res = await admin.post('/aula/sletteregler/ny', form('Forkert', '2027-01-01', months));
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('Der er problemer med det indsendte');
    }
    const badDay = await admin.post('/aula/sletteregler/ny', form('Forkert', '2027-02-30'));
    expect(badDay.statusCode).toBe(422);
    expect(badDay.body).toContain('Skriv datoen som åååå-mm-dd');
    const sameDay = await admin.post('/aula/sletteregler/ny', form('Samme dag', '2026-09-01'));
    expect(sameDay.statusCode).toBe(409);
    expect(sameDay.body).toContain('Der findes allerede en version, der træder i kraft 1. september 2026');
    const short = await admin.api('POST', '/api/v1/aula/rules', { ...body('Kort', '2027-03-01'), rules: body('x', 'y').rules.slice(0, 8) });
    expect(short.statusCode).toBe(422);
    expect(short.json().fieldErrors.rules).toBe('Angiv præcis én regel for hver af de ni kategorier');
    expect((await faxe.api('GET', '/api/v1/aula/rules?date=2026-02-30')).statusCode).toBe(422);
    const dup = await admin.api('PUT', `/api/v1/aula/rules/${(await idOf('2024-01-01'))!}`, body('Flyttet', '2026-09-01'));
    expect(dup.statusCode).toBe(409);
    expect(await snapshot()).toBe(before);
  });

  it('edits a version with audit, and a repeat changes nothing', async () => {
    const id = (await idOf('2026-09-01'))!;
    const edited = form('Reviderede regler', '2026-09-01', '60');
    const res = await admin.post(`/aula/sletteregler/${id}/ret`, edited);
    expect(res.headers.location).toBe(`/aula/sletteregler?besked=gemt#version-${id}`);
    const again = await admin.post(`/aula/sletteregler/${id}/ret`, edited);
    expect(again.headers.location).toBe(`/aula/sletteregler?besked=uaendret#version-${id}`);
    const rules = await t.database.db.select().from(aulaDeletionRule).where(eq(aulaDeletionRule.ruleSetId, id));
    expect(rules.every((r) => r.periodMonths === 60 && r.trigger === 'barnet_fratraeder')).toBe(true);
    expect(await audits('aula.rule_set_saved')).toBe(3);
  });

  it('deletes only a version not yet in force, audited', async () => {
    const past = (await idOf('2024-01-01'))!;
    const before = await snapshot();
    const refused = await admin.api('DELETE', `/api/v1/aula/rules/${past}`);
    expect(refused.statusCode).toBe(409);
    expect(await snapshot()).toBe(before);
    const future = (await idOf('2026-09-01'))!;
    const res = await admin.post(`/aula/sletteregler/${future}/slet`, {});
    expect(res.headers.location).toBe('/aula/sletteregler?besked=slettet');
    expect(await idOf('2026-09-01')).toBeUndefined();
    expect(await audits('aula.rule_set_deleted')).toBe(1);
  });

  it('lets a municipal user and the økonomi user read, and refuses them and the programleder the writes', async () => {
    const id = (await idOf('2024-01-01'))!;
    for (const reader of [faxe, economist]) {
      expect((await reader.get('/aula/sletteregler')).body).toContain('Første regler');
      expect((await reader.get('/aula/sletteregler')).body).not.toContain('Opret ny version');
      expect((await reader.api('GET', '/api/v1/aula/rules')).statusCode).toBe(200);
    }
    const before = await snapshot();
    for (const refused of [faxe, economist]) {
      expect((await refused.get('/aula/sletteregler/ny')).statusCode).toBe(403);
      expect((await refused.post('/aula/sletteregler/ny', form('Nej', '2028-01-01'))).statusCode).toBe(403);
      expect((await refused.api('POST', '/api/v1/aula/rules', body('Nej', '2028-01-01'))).statusCode).toBe(403);
      expect((await refused.api('PUT', `/api/v1/aula/rules/${id}`, body('Nej', '2028-01-01'))).statusCode).toBe(403);
      expect((await refused.api('DELETE', `/api/v1/aula/rules/${id}`)).statusCode).toBe(403);
    }
    expect(await snapshot()).toBe(before);
    const landing = await faxe.get('/aula');
    expect(landing.body).toContain('href="/aula/kommuner/0320"');
  });

  // Last, because moving the clock ends the other sessions.
  it('on the activation day, Danish time, shows the new version in force and the old one superseded', async () => {
    t.setNow(new Date('2026-08-31T22:30:00Z'));
    const later = await loginAs(t.app, DEMO.consultant);
    expect((await later.api('POST', '/api/v1/aula/rules', body('Reviderede regler', '2026-09-01'))).statusCode).toBe(201);
    const page = (await later.get('/aula/sletteregler')).body;
    expect(page).toContain('Afløst');
    expect(page.indexOf('Gældende nu')).toBeLessThan(page.indexOf('Første regler'));
    expect((await later.api('GET', '/api/v1/aula/rules')).json().inForceId).toBe(await idOf('2026-09-01'));
  });
});

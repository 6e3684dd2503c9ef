import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/client.ts';
import { person } from '../../../platform/identity/schema.ts';
import { DEMO, loginAs, startTestApp, type TestApp } from '../../../../test/app.ts';
import { seedDemoBackup } from '../demo-backup.ts';
import { ssoIdentity } from '../schema.ts';

/**
 * The demo's backup-login rows, and a broker that cannot be reached: the app's broker address is
 * a loopback port nothing listens on.
 */
describe('the backup login demo, and an unreachable broker', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { OIDC_ISSUER: 'http://127.0.0.1:9', OIDC_CLIENT_ID: 'samspil', OIDC_CLIENT_SECRET: 'ingen-udbyder' } });
    await seedDemoBackup(t.database.db, new Date());
    await seedDemoBackup(t.database.db, new Date());
  });
  afterAll(() => t?.close());

  it("shows Faxe's KLIK-administrator a non-empty report with the VALG system owner first, and the front-page item", async () => {
    const klik = await loginAs(t.app, DEMO.klikAdmin('0320'));
    const report = await klik.get('/kommuner/0320/reservelogin');
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('4 mangler reservelogin');
    expect(report.body).toContain('3 har MitID Erhverv som reservelogin');
    const firstGroup = report.body.indexOf('id="gruppe-');
    expect(report.body.slice(firstGroup, firstGroup + 20)).toContain('gruppe-valg');
    expect(report.body.indexOf('Systemansvarlig valg Faxe')).toBeLessThan(report.body.indexOf('Valgsekretariatet Faxe'));
    expect((await klik.get('/')).body).toContain('4 brugere mangler MitID Erhverv som reservelogin');
  });

  it("leaves Faxe's programleder unlinked, with the professional UUID that links their first backup login", async () => {
    const [p] = await t.database.db.select({ id: person.id }).from(person).where(eq(person.email, DEMO.programLeader('0320')));
    const rows = await t.database.db.select().from(ssoIdentity).where(eq(ssoIdentity.personId, p!.id));
    expect(rows.map((r) => r.provider)).toEqual(['context-handler']);
    expect(rows[0]!.professionalUuid).toBe('a6f0c2b1-4c1e-4f7a-9a55-0320000000a1');
    const twice = await rawRows(t.database.db, sql`select 1 from sso_identity where provider = 'mitid-erhverv' group by person_id having count(*) > 1`);
    expect(twice).toHaveLength(0);
    const links = await t.database.db.select().from(ssoIdentity).where(and(eq(ssoIdentity.provider, 'mitid-erhverv')));
    expect(links).toHaveLength(3);
  });

  it('answers the backup login with a Danish 503 page while the broker cannot be reached', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/mitid-erhverv/login?next=%2F' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('MitID Erhverv kan ikke nås lige nu');
    expect(res.headers['set-cookie'] ?? '').not.toContain('samspil_mitid_state');
  });
});

import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildAulaRuleSet, clearAula } from '../../../../test/factories/aula.ts';
import { aulaReadinessEvent } from '../schema.ts';

const FAXE = '0320';
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/**
 * "Ready for the deletion rules" is said for a version of them: Faxe confirms for the 2024 rules,
 * the revised rules arrive, and Faxe is no longer counted ready until it confirms again.
 */
describe('readiness for the deletion rules holds for the version confirmed', () => {
  let t: TestApp;
  let leader: Client;
  let consultant: Client;
  const faxeReady = async () => {
    const list = (await consultant.api('GET', '/api/v1/aula/municipalities')).json() as { municipalities: { code: string; readiness: { readyForRules: boolean } }[] };
    return list.municipalities.find((m) => m.code === FAXE)!.readiness.readyForRules;
  };
  const events = async () =>
    (await t.database.db.select({ n: count() }).from(aulaReadinessEvent).where(and(eq(aulaReadinessEvent.municipalityCode, FAXE), eq(aulaReadinessEvent.item, 'klar_til_sletteregler'))))[0]!.n;
  const confirm = () => leader.api('POST', `/api/v1/aula/municipalities/${FAXE}/readiness`, { item: 'klar_til_sletteregler', done: true });

  beforeAll(async () => {
    t = await startTestApp();
    await clearAula(t.database.db);
    await buildAulaRuleSet(t.database.db, { activationDate: '2024-01-01', name: 'Slettereglerne 2024' });
    leader = await loginAs(t.app, DEMO.programLeader(FAXE));
    consultant = await loginAs(t.app, DEMO.consultant);
  });
  afterAll(async () => t?.close());

  it('counts a confirmation until a newer version comes, then asks for it again; a repeated confirmation adds no event', async () => {
    expect((await confirm()).statusCode).toBe(200);
    expect(await faxeReady()).toBe(true);
    expect(text((await leader.get(`/aula/kommuner/${FAXE}`)).body)).toContain('Klaret for «Slettereglerne 2024»');

    await buildAulaRuleSet(t.database.db, { activationDate: '2026-09-01', name: 'De reviderede sletteregler' });
    expect(await faxeReady()).toBe(false);
    const page = text((await leader.get(`/aula/kommuner/${FAXE}`)).body);
    expect(page).toContain('Klaret for «Slettereglerne 2024» – bekræft igen for «De reviderede sletteregler»');
    expect(page).toContain('Bekræft «Klar til de reviderede sletteregler» for «De reviderede sletteregler»');
    expect((await consultant.get('/aula?ikkeKlar=on')).body).toContain(`/aula/kommuner/${FAXE}"`);

    expect((await confirm()).statusCode).toBe(200);
    expect(await faxeReady()).toBe(true);
    expect(await events()).toBe(2);
    expect((await confirm()).statusCode).toBe(200);
    expect(await events()).toBe(2);
    expect(text((await leader.get(`/aula/kommuner/${FAXE}`)).body)).toContain('Klaret for «De reviderede sletteregler»');
  });
});

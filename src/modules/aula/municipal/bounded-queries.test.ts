import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { aulaCategories } from '../categories.ts';
import { aulaMunicipality, aulaReadinessEvent, aulaRelevantCategory, readinessItems } from '../schema.ts';
import { HISTORY_LIMIT } from './load-municipality.ts';

/**
 * A municipality's Aula page and API run the same number of statements with an empty registration
 * as with a full one and a long readiness history, and the page shows only the newest events.
 */
const FAXE = '0320';

describe("a municipality's Aula page runs a bounded number of statements", () => {
  let t: TestApp;
  let keeper: Client;
  const urls = [`/aula/kommuner/${FAXE}`, `/api/v1/aula/municipalities/${FAXE}`];

  async function count(url: string) {
    const start = t.database.queries.count;
    const res = await keeper.get(url);
    expect(res.statusCode, url).toBe(200);
    return { n: t.database.queries.count - start, body: res.body };
  }

  beforeAll(async () => {
    t = await startTestApp();
    keeper = await loginAs(t.app, DEMO.programLeader(FAXE));
  });
  afterAll(async () => t.close());

  it('whatever the history, and shows only the newest events', async () => {
    const empty = [];
    for (const url of urls) empty.push(await count(url));
    const db = t.database.db;
    await db.insert(aulaMunicipality).values({ municipalityCode: FAXE, esdhSystem: 'acadre', integrationState: 'i_test' });
    await db.insert(aulaRelevantCategory).values(aulaCategories.map((c) => ({ municipalityCode: FAXE, category: c.key, relevant: true })));
    const base = Date.UTC(2026, 0, 1);
    await db.insert(aulaReadinessEvent).values(
      Array.from({ length: HISTORY_LIMIT + 30 }, (_, i) => ({
        municipalityCode: FAXE,
        item: readinessItems[i % 3]!,
        done: i % 2 === 0,
        note: `Hændelse ${i}`,
        at: new Date(base + i * 60_000),
      })),
    );
    const full = [];
    for (const url of urls) full.push(await count(url));
    expect(full.map((f) => f.n)).toEqual(empty.map((e) => e.n));
    const history = full[0]!.body.slice(full[0]!.body.indexOf('<h3>Historik</h3>'));
    expect(history).toContain(`Hændelse ${HISTORY_LIMIT + 29}<`);
    expect(history).not.toContain('Hændelse 29<');
    expect(history.match(/Hændelse \d+</g)).toHaveLength(HISTORY_LIMIT);
  });
});

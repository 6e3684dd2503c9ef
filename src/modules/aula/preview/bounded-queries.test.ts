import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildAulaFiles, buildAulaRuleSet, clearAula, type BuiltFile } from '../../../../test/factories/aula.ts';
import { aulaCategories } from '../categories.ts';

/**
 * The preview's page, its journaliseringsliste and its API run the same number of statements with
 * one institution and a handful of files as with forty institutions and two thousand files: an
 * N+1 over institutions, categories, months or files shows up as a count that grows.
 */
const FAXE = '0320';
const urls = [
  `/aula/kommuner/${FAXE}/sletning?dato=01.03.2027`,
  `/aula/kommuner/${FAXE}/journaliseringsliste.xlsx?dato=01.03.2027`,
  `/aula/kommuner/${FAXE}/journaliseringsliste.csv?dato=01.03.2027`,
  `/api/v1/aula/deletion-preview?date=2027-03-01&groupBy=institution&municipality=${FAXE}`,
  `/api/v1/aula/deletion-preview?date=2027-03-01&groupBy=category`,
  `/api/v1/aula/deletion-preview/months?from=2027-03-01&municipality=${FAXE}`,
];

function files(institutions: number, perInstitution: number, prefix: string): BuiltFile[] {
  return Array.from({ length: institutions * perInstitution }, (_, i) => ({
    id: `${prefix}${i}`,
    institution: String(100 + (i % institutions)),
    category: aulaCategories[i % aulaCategories.length]!.key,
    trigger: `20${String(20 + (i % 6))}-0${String(1 + (i % 9))}-15`,
    journalised: i % 4 === 0,
  }));
}

describe('the deletion preview runs a bounded number of statements', () => {
  let t: TestApp;
  let keeper: Client;

  async function counts() {
    const out: [string, number][] = [];
    // One at a time: the counter is shared by every request in flight.
    for (const url of urls) {
      const start = t.database.queries.count;
      const res = await keeper.get(url);
      expect(res.statusCode, url).toBe(200);
      out.push([url, t.database.queries.count - start]);
    }
    return out;
  }

  beforeAll(async () => {
    t = await startTestApp();
    await clearAula(t.database.db);
    await buildAulaRuleSet(t.database.db, { activationDate: '2024-01-01' });
    keeper = await loginAs(t.app, DEMO.programLeader(FAXE));
  });
  afterAll(async () => t.close());

  it('with one institution and a few files, and with forty institutions and two thousand files', async () => {
    await buildAulaFiles(t.database.db, FAXE, files(1, 5, 'S'), { '100': 'Lille Børnehus' });
    const small = await counts();
    const institutions = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [String(100 + i), `Institution ${String(i)}`]));
    for (let batch = 0; batch < 4; batch++) await buildAulaFiles(t.database.db, FAXE, files(40, 12, `B${String(batch)}-`), institutions);
    const large = await counts();
    expect(large).toEqual(small);
  });
});

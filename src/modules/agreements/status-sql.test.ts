import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildAgreement, buildSignature } from '../../../test/factories/agreements.ts';
import type { Db } from '../../db/client.ts';
import { DEMO_TITLES, seedDemoAgreements } from './demo.ts';
import { agreement, agreementSignature } from './schema.ts';
import { countStatusesSql, municipalityStatusesSql, statusGridSql } from './status-sql.ts';
import { countStatuses, loadStatuses, signedText, type StatusCounts } from './status.ts';

const KBH = '0101';
const FRB = '0147';
const BALLERUP = '0151';
const FAXE = '0320';

let t: TestApp;
let db: Db;

beforeAll(async () => {
  t = await startTestApp();
  db = t.database.db;
  await seedDemoAgreements(db);
  // The corners of the K98 rule on top of the demo data: a connection agreement without solutions
  // is never replaced; a K98 agreement covering only part of it, or only pending or drafted, does not replace it.
  const partial = (await buildAgreement(db, { type: 'tilslutningsaftale', title: 'Tilslutning to løsninger', solutions: ['aula', 'flis'], targets: [KBH, FRB, BALLERUP] })).agreement;
  await buildAgreement(db, { type: 'tilslutningsaftale', title: 'Tilslutning uden løsninger', solutions: [], targets: [KBH, FRB] });
  const k98Part = (await buildAgreement(db, { type: 'k98', title: 'K98 kun Aula', solutions: ['aula'], targets: [KBH, FRB, BALLERUP] })).agreement;
  await buildSignature(db, k98Part.id, KBH);
  await buildSignature(db, k98Part.id, FRB, { state: 'pending', method: 'upload' });
  const k98Draft = (await buildAgreement(db, { type: 'k98', title: 'K98 kladde', status: 'draft', solutions: ['aula', 'flis'], targets: [BALLERUP] })).agreement;
  await buildSignature(db, k98Draft.id, BALLERUP);
  await buildSignature(db, partial.id, FRB, { state: 'pending', method: 'upload' });
  // A superseded signature does not count.
  const dpa = (await buildAgreement(db, { title: 'Databehandleraftale med ny version', targets: [KBH, FAXE] })).agreement;
  await buildSignature(db, dpa.id, FAXE);
  await db
    .update(agreementSignature)
    .set({ supersededAt: new Date() })
    .where(and(eq(agreementSignature.agreementId, dpa.id), eq(agreementSignature.municipalityCode, FAXE)));
});
afterAll(() => t?.close());

describe('the status rule in SQL', () => {
  it('gives every target the status loadStatuses derives, for the demo data and the K98 corners', async () => {
    const ids = (await db.select({ id: agreement.id }).from(agreement)).map((a) => a.id);
    const rows = await loadStatuses(db, { agreementIds: ids });
    expect(rows.length).toBeGreaterThan(300);
    // Every status occurs, so the comparison covers every branch of the rule.
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['signed', 'replaced', 'pending', 'in_dialogue', 'not_signed']));
    const { grid, counts: gridCounts } = await statusGridSql(db, ids);
    const fromSql = rows.map((r) => grid.get(r.municipalityCode)?.get(r.agreementId));
    expect(fromSql).toEqual(rows.map((r) => r.status));
    expect([...grid.values()].reduce((n, cells) => n + cells.size, 0)).toBe(rows.length);

    const js = countStatuses(rows);
    const counted = await countStatusesSql(db, ids);
    for (const id of js.keys()) expect(counted.get(id), id).toEqual(js.get(id));
    expect(gridCounts).toEqual(counted);

    const own = await municipalityStatusesSql(db, ids, FRB);
    expect(own).toEqual(new Map(rows.filter((r) => r.municipalityCode === FRB).map((r) => [r.agreementId, r.status])));
  });
});

/** "Underskrevet: 38" etc. from the matrix's footer, for one agreement's column. */
function matrixColumn(html: string, agreementId: string): Record<string, number> {
  const order = [...html.matchAll(/<th scope="col" data-aftale="([^"]+)"/g)].map((m) => m[1]);
  const col = order.indexOf(agreementId);
  const foot = /<tfoot>([\s\S]*?)<\/tfoot>/.exec(html)![1]!;
  return Object.fromEntries(
    [...foot.matchAll(/<tr><th scope="row">([^<]+)<\/th>([\s\S]*?)<\/tr>/g)].map((m) => [m[1]!, Number([...m[2]!.matchAll(/<td>(\d+)<\/td>/g)][col]![1])]),
  );
}

describe('the agreements list, the matrix, the status page and the portfolio', () => {
  it('count every demo agreement the same way', async () => {
    const consultant = await loginAs(t.app, DEMO.consultant);
    const demo = await db
      .select({ id: agreement.id, title: agreement.title })
      .from(agreement)
      .where(inArray(agreement.title, [DEMO_TITLES.aula, DEMO_TITLES.valg, DEMO_TITLES.flis, DEMO_TITLES.bygOgMiljoe, DEMO_TITLES.k98]));
    expect(demo).toHaveLength(5);
    const counts = countStatuses(await loadStatuses(db, { agreementIds: demo.map((a) => a.id) }));
    const list = await consultant.get('/aftaler');
    const matrix = await consultant.get('/aftaler/overblik');
    const portfolio = await consultant.get('/portefoelje');
    for (const a of demo) {
      const c: StatusCounts = counts.get(a.id)!;
      const text = signedText(c);
      const listRow = new RegExp(`<a href="/aftaler/${a.id}">[\\s\\S]*?</tr>`).exec(list.body)![0];
      expect(listRow, a.title).toContain(`>${text}<`);
      const status = await consultant.get(`/aftaler/${a.id}/status`);
      expect(status.body, a.title).toContain(`${text}. ${c.outstanding} mangler.`);
      expect(portfolio.body, a.title).toContain(`${text} · ${c.outstanding} mangler`);
      expect(matrixColumn(matrix.body, a.id), a.title).toEqual({
        Underskrevet: c.signed,
        'Erstattet af K98': c.replaced,
        'Afventer godkendelse': c.pending,
        'I dialog': c.in_dialogue,
        'Ikke underskrevet': c.not_signed,
        'Sendt til i alt': c.addressed,
      });
    }
    // The case the numbers used to disagree on: a connection agreement mostly replaced by K98.
    const aula = demo.find((a) => a.title === DEMO_TITLES.aula)!;
    expect(counts.get(aula.id)!.replaced).toBeGreaterThan(0);
    expect(list.body).toContain(signedText(counts.get(aula.id)!));
  });
});

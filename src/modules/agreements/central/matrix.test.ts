import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type TestApp } from '../../../../test/app.ts';
import { buildAgreement, buildSignature } from '../../../../test/factories/agreements.ts';
import type { Db } from '../../../db/client.ts';
import { readTable } from '../../../platform/spreadsheet/read.ts';
import { agreementTarget } from '../schema.ts';

const KBH = '0101';
const FRB = '0147';
const BALLERUP = '0151';
const FAXE = '0320';
const SYDDJURS = '0706';
const AARHUS = '0751';

let t: TestApp;
let db: Db;
let ids: { dpa: string; connection: string; k98: string; draft: string };

beforeAll(async () => {
  t = await startTestApp();
  db = t.database.db;
  const dpa = (await buildAgreement(db, { title: 'Databehandleraftale Byg og Miljø', targets: [KBH, FRB, BALLERUP, SYDDJURS] })).agreement;
  await buildSignature(db, dpa.id, KBH);
  await buildSignature(db, dpa.id, FRB, { state: 'pending', method: 'upload' });
  await db
    .update(agreementTarget)
    .set({ inDialogue: true, dialogueSince: new Date() })
    .where(and(eq(agreementTarget.agreementId, dpa.id), eq(agreementTarget.municipalityCode, SYDDJURS)));
  const connection = (await buildAgreement(db, { type: 'tilslutningsaftale', title: 'Tilslutningsaftale Aula', solutions: ['aula'], targets: [KBH, FAXE] })).agreement;
  const k98 = (await buildAgreement(db, { type: 'k98', title: 'K98-aftalen', solutions: ['aula', 'valg'], targets: [KBH] })).agreement;
  await buildSignature(db, k98.id, KBH, { signedAt: new Date('2025-06-03T09:00:00Z') });
  const draft = (await buildAgreement(db, { status: 'draft', title: 'Kladde til ny aftale' })).agreement;
  ids = { dpa: dpa.id, connection: connection.id, k98: k98.id, draft: draft.id };
});
afterAll(() => t?.close());

const STATUS_OF_CLASS: Record<string, string> = { s: 'signed', r: 'replaced', p: 'pending', d: 'in_dialogue', n: 'not_signed', x: 'none' };

/** The cells of a municipality's row, keyed by agreement id (from the header's order). */
function cellsOf(html: string, code: string): Record<string, { status: string; text: string }> {
  const order = [...html.matchAll(/<th scope="col" data-aftale="([^"]+)"/g)].map((m) => m[1]!);
  const row = new RegExp(`<tr data-kommune="${code}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';
  const cells = [...row.matchAll(/<td class="([a-z])">([^<]*)<\/td>/g)].map((m) => ({ status: STATUS_OF_CLASS[m[1]!]!, text: m[2]! }));
  return Object.fromEntries(order.map((id, i) => [id, cells[i]!]));
}

describe('the matrix of municipalities and agreements', () => {
  it('shows every municipality against every sent agreement, each cell a colour with an icon and a word, and a legend', async () => {
    const consultant = await loginAs(t.app, DEMO.consultant);
    const page = await consultant.get('/aftaler/overblik');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Overblik over tilslutnings- og databehandleraftaler</h1>');
    const order = [...page.body.matchAll(/<th scope="col" data-aftale="([^"]+)"/g)].map((m) => m[1]);
    // By type (databehandleraftale, tilslutningsaftale, …, k98); drafts are left out.
    expect(order).toEqual([ids.dpa, ids.connection, ids.k98]);
    expect(page.body).not.toContain('Kladde til ny aftale');
    expect([...page.body.matchAll(/<tr data-kommune="(\d{4})">/g)]).toHaveLength(98);

    const kbh = cellsOf(page.body, KBH);
    expect(kbh[ids.dpa]).toEqual({ status: 'signed', text: '✓ Ja' });
    expect(kbh[ids.connection]).toEqual({ status: 'replaced', text: '✓ K98' });
    expect(kbh[ids.k98]!.status).toBe('signed');
    const frb = cellsOf(page.body, FRB);
    expect(frb[ids.dpa]).toEqual({ status: 'pending', text: '◷ Afventer' });
    expect(frb[ids.connection]).toEqual({ status: 'none', text: '–' });
    expect(cellsOf(page.body, SYDDJURS)[ids.dpa]).toEqual({ status: 'in_dialogue', text: '↔ Dialog' });
    expect(cellsOf(page.body, BALLERUP)[ids.dpa]).toEqual({ status: 'not_signed', text: '✗ Nej' });
    expect(cellsOf(page.body, FAXE)[ids.connection]!.status).toBe('not_signed');
    expect(Object.values(cellsOf(page.body, AARHUS)).map((c) => c.status)).toEqual(['none', 'none', 'none']);
    // The legend explains every icon and word; the table scrolls in its own keyboard-reachable box.
    const legend = /<ul class="nobullet-list samspil-matrix-legend" id="forklaring">([\s\S]*?)<\/ul>/.exec(page.body)![1]!;
    for (const words of ['Ja: Underskrevet', 'K98: Erstattet af K98-aftalen', 'Afventer: Underskrevet kopi modtaget', 'Dialog: I dialog med KOMBIT', 'Nej: Ikke underskrevet', '–: Ikke sendt til kommunen']) {
      expect(legend).toContain(words);
    }
    expect(page.body).toContain('<div class="table--responsive-scroll samspil-matrix-scroll" tabindex="0" role="region" aria-labelledby="overblik-titel">');
    expect(page.body).toContain('<th scope="row">København</th>');

    const totals = /<tfoot>([\s\S]*?)<\/tfoot>/.exec(page.body)![1]!;
    const totalRow = (label: string) =>
      [...(new RegExp(`<th scope="row">${label}</th>([\\s\\S]*?)</tr>`).exec(totals)?.[1] ?? '').matchAll(/<td>(\d+)<\/td>/g)].map((m) => Number(m[1]));
    expect(totalRow('Underskrevet')).toEqual([1, 0, 1]);
    expect(totalRow('Erstattet af K98')).toEqual([0, 1, 0]);
    expect(totalRow('Ikke underskrevet')).toEqual([1, 1, 0]);
    expect(totalRow('Sendt til i alt')).toEqual([4, 2, 1]);
  });

  it('filters by type', async () => {
    const admin = await loginAs(t.app, DEMO.admin);
    const page = await admin.get('/aftaler/overblik?type=tilslutningsaftale');
    expect([...page.body.matchAll(/<th scope="col" data-aftale="([^"]+)"/g)].map((m) => m[1])).toEqual([ids.connection]);
    expect(page.body).toMatch(/<option value="tilslutningsaftale" selected>/);
    const none = await admin.get('/aftaler/overblik?type=samarbejdsaftale');
    expect(none.body).toContain('Der er ingen udsendte aftaler af denne type.');
    // An unknown type shows all.
    expect([...(await admin.get('/aftaler/overblik?type=nope')).body.matchAll(/data-aftale=/g)]).toHaveLength(3);
  });

  it('runs the same number of queries however many agreements there are', async () => {
    const admin = await loginAs(t.app, DEMO.admin);
    const count = async () => {
      const start = t.database.queries.count;
      expect((await admin.get('/aftaler/overblik')).statusCode).toBe(200);
      return t.database.queries.count - start;
    };
    const before = await count();
    const extra = [];
    for (let i = 0; i < 4; i++) extra.push((await buildAgreement(db, { type: 'samarbejdsaftale', title: `Ekstra ${i}` })).agreement);
    await buildSignature(db, extra[0]!.id, FAXE);
    expect(await count()).toBe(before);
    // auth 2, agreements, municipalities, one statement for every cell and every count, the menu badges.
    expect(before).toBeLessThanOrEqual(6);
  });

  it('keeps the grid on PGlite until the next write, so a status is never stale', async () => {
    const admin = await loginAs(t.app, DEMO.admin);
    const { agreement } = await buildAgreement(db, { type: 'samarbejdsaftale', title: 'Kept-aftale' });
    const faxeRow = async () => {
      const start = t.database.queries.count;
      const page = await admin.get('/aftaler/overblik');
      expect(page.statusCode).toBe(200);
      const row = /<tr data-kommune="0320">([\s\S]*?)<\/tr>/.exec(page.body)?.[1] ?? '';
      return { signed: row.match(/<td class="s">/g)?.length ?? 0, statements: t.database.queries.count - start };
    };
    const first = await faxeRow();
    const again = await faxeRow();
    expect(again.signed).toBe(first.signed);
    // PGlite: the grid statement is kept; PostgreSQL (other instances may write) reads every time.
    expect(again.statements).toBe(t.database.kind === 'pglite' ? first.statements - 1 : first.statements);

    await buildSignature(db, agreement.id, FAXE);
    const signed = await faxeRow();
    expect(signed.signed).toBe(first.signed + 1);
    expect(signed.statements).toBe(first.statements);
  });

  it('exports XLSX and answers the API, with the full status per cell', async () => {
    const admin = await loginAs(t.app, DEMO.admin);
    const res = await admin.get('/aftaler/overblik.xlsx?type=databehandleraftale');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="aftaler-overblik-databehandleraftale.xlsx"');
    const table = await readTable(res.rawPayload, 'overblik.xlsx');
    expect(table.headers).toEqual(['kommune', 'kommunekode', 'databehandleraftale byg og miljø']);
    expect(table.rows).toHaveLength(98);
    const value = (code: string) => table.rows.find((r) => r.values.kommunekode === code)!.values['databehandleraftale byg og miljø'];
    expect(value(KBH)).toBe('Underskrevet');
    expect(value(SYDDJURS)).toBe('I dialog');
    expect(value(AARHUS)).toBe('–');

    const api = await admin.api('GET', '/api/v1/agreements/matrix?type=tilslutningsaftale');
    expect(api.statusCode).toBe(200);
    const body = api.json() as { agreements: { id: string; counts: { replaced: number } }[]; municipalities: { code: string; statuses: (string | null)[] }[] };
    expect(body.agreements.map((a) => a.id)[0]).toBe(ids.connection);
    expect(body.agreements[0]!.counts.replaced).toBe(1);
    expect(body.municipalities).toHaveLength(98);
    expect(body.municipalities.find((m) => m.code === KBH)!.statuses[0]).toBe('replaced');
    expect(body.municipalities.find((m) => m.code === AARHUS)!.statuses[0]).toBeNull();
    expect((await admin.api('GET', '/api/v1/agreements/matrix?type=nope')).statusCode).toBe(422);
  });

  it('is for central staff only: municipal users get 403 with a Danish message', async () => {
    const user = await loginAs(t.app, DEMO.programLeader(KBH));
    const page = await user.get('/aftaler/overblik');
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('forbeholdt KOMBIT');
    expect((await user.get('/aftaler/overblik.xlsx')).statusCode).toBe(403);
    const api = await user.api('GET', '/api/v1/agreements/matrix');
    expect(api.statusCode).toBe(403);
    expect((api.json() as { message: string }).message).toContain('forbeholdt KOMBIT');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type TestApp } from '../../../../test/app.ts';
import { buildAgreement, buildSignature } from '../../../../test/factories/agreements.ts';
import { danishDay } from '../../../platform/views/format.ts';

const FAXE = '0320';
let t: TestApp;
const today = danishDay(new Date());
const dayOffset = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
let ids: { later: string; overdue: string; soon: string; signed: string; itChef: string };

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  const mk = (title: string, deadline: string, audienceRoleKey = 'programleder') =>
    buildAgreement(db, { title, deadline, audienceRoleKey, targets: [FAXE, '0101'] }).then((r) => r.agreement.id);
  ids = {
    later: await mk('Aftale med frist om en måned', dayOffset(30)),
    overdue: await mk('Aftale med overskredet frist', dayOffset(-12)),
    soon: await mk('Aftale med frist om tre dage', dayOffset(3)),
    signed: await mk('Aftale, der er underskrevet', dayOffset(-40)),
    itChef: await mk('Aftale til it-chefen', dayOffset(10), 'it-chef'),
  };
  await buildSignature(db, ids.signed, FAXE);
});
afterAll(() => t?.close());

const rowsIn = (html: string, caption: string) => {
  const table = new RegExp(`<caption>${caption}[^<]*</caption>([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '';
  return [...table.matchAll(/<tr data-aftale="([^"]+)">([\s\S]*?)<\/tr>/g)].map((m) => ({ id: m[1]!, html: m[2]! }));
};

describe("the municipality's agreement list", () => {
  it('reads like tasks: nearest deadline first, days left or overdue, and who signs', async () => {
    const leader = await loginAs(t.app, DEMO.programLeader(FAXE));
    const page = await leader.get('/aftaler');
    expect(page.statusCode).toBe(200);
    const toSign = rowsIn(page.body, 'Aftaler, kommunen skal underskrive');
    const mine = toSign.filter((r) => Object.values(ids).includes(r.id)).map((r) => r.id);
    expect(mine).toEqual([ids.overdue, ids.soon, ids.itChef, ids.later]);
    const row = (id: string) => toSign.find((r) => r.id === id)!.html;
    expect(row(ids.overdue)).toContain('<span class="badge badge-error" data-frist="overskredet">overskredet med 12 dage</span>');
    expect(row(ids.soon)).toContain('<span class="badge badge-warning" data-frist="snart">om 3 dage</span>');
    expect(row(ids.later)).toContain('om 30 dage');
    // Who signs: the role, and the people holding it in Faxe; the reader is one of them.
    expect(row(ids.soon)).toMatch(/Programleder<\/span><br\/?><span>[^<]*\(dig\)/);
    expect(row(ids.itChef)).toContain('IT- og digitaliseringschef');
    expect(row(ids.itChef)).not.toContain('(dig)');
    // Signed agreements are listed among the others, without a countdown.
    const others = rowsIn(page.body, 'Underskrevne, erstattede og lukkede aftaler');
    const signed = others.find((r) => r.id === ids.signed)!.html;
    expect(signed).not.toContain('data-frist');
  });

  it("shows the countdown on the agreement's own page while the municipality has not signed", async () => {
    const leader = await loginAs(t.app, DEMO.programLeader(FAXE));
    expect((await leader.get(`/aftaler/${ids.overdue}`)).body).toContain('overskredet med 12 dage');
    expect((await leader.get(`/aftaler/${ids.signed}`)).body).not.toContain('data-frist');
    const consultant = await loginAs(t.app, DEMO.consultant);
    expect((await consultant.get(`/aftaler/${ids.soon}/status`)).body).toContain('<span class="badge badge-warning" data-frist="snart">om 3 dage</span>');
  });
});

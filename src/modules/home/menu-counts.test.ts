import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { danishDay } from '../../platform/views/format.ts';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../test/app.ts';
import { buildTask } from '../../../test/factories/tasks.ts';

const FAXE = '0320';

/** The number in the "Mine opgaver" link's menu badge. */
function taskBadge(html: string): number {
  const link = /<a[^>]*href="\/opgaver"[^>]*>([\s\S]*?)<\/a>/.exec(html)?.[1] ?? '';
  return Number(/samspil-menu-count">(\d+)/.exec(link)?.[1] ?? 0);
}

/**
 * The menu's counts are kept per user for MENU_COUNT_SECONDS (the rest of the suite runs with 0):
 * a kept count costs no statement, the front page always counts, any write starts every count
 * afresh, and a kept count never outlives its seconds.
 */
describe('menu counts kept between pages', () => {
  let t: TestApp;
  let leader: Client;
  const soon = (days: number) => new Date(Date.parse(`${danishDay(new Date())}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const addTask = (n: number) => buildTask(t.database.db, { code: `KEPT - ${n}`, title: `Opgave ${n}`, deadline: soon(5), targets: [FAXE] });
  const statements = async (url: string) => {
    const start = t.database.queries.count;
    const page = await leader.get(url);
    expect(page.statusCode).toBe(200);
    return { badge: taskBadge(page.body), statements: t.database.queries.count - start };
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { MENU_COUNT_SECONDS: '60' } });
    leader = await loginAs(t.app, DEMO.programLeader(FAXE));
  });
  afterAll(() => t?.close());

  it('reuses a count on the next page, but not on the front page, after a write or after its seconds', async () => {
    let now = Date.now();
    const later = (seconds: number) => t.setNow(new Date((now += seconds * 1000)));
    later(0);
    await addTask(1);
    expect((await statements('/')).badge).toBe(1);
    const kept = await statements('/profil');
    expect(kept.badge).toBe(1);
    later(61);
    const counted = await statements('/profil');
    expect(counted.badge).toBe(1);
    expect(kept.statements).toBe(counted.statements - 1);

    // A task added behind the app's back: the kept count lags, the front page does not.
    await addTask(2);
    expect((await statements('/profil')).badge).toBe(1);
    expect((await statements('/')).badge).toBe(2);

    // Any successful write in the process counts afresh (here the user's own notification setting).
    await addTask(3);
    expect((await statements('/profil')).badge).toBe(2);
    const saved = await leader.post('/profil/notifikationer', { digestMode: 'daily' });
    expect(saved.statusCode).toBe(303);
    expect((await statements('/profil')).badge).toBe(3);

    // And a kept count ends with its seconds.
    await addTask(4);
    later(59);
    expect((await statements('/profil')).badge).toBe(3);
    later(2);
    expect((await statements('/profil')).badge).toBe(4);
  });
});

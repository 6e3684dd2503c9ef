import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../test/app.ts';
import { auditEvent } from '../../platform/audit/schema.ts';

/**
 * The log's filters as an administrator uses them: dates are Danish calendar days (both ends
 * included, summer and winter time), and the search finds the text typed, wildcards and all.
 */

let t: TestApp;
let admin: Client;
let seq = 0;

/** Log entries with an action of their own, so that each test sees only what it wrote. */
async function entries(list: { at: string; actor?: string; entityId?: string }[]) {
  const action = `test.filter_${++seq}`;
  await t.database.db.insert(auditEvent).values(
    list.map((e) => ({ at: new Date(e.at), actorLabel: e.actor ?? `Ulla Log ${e.at}`, action, entityType: 'test', entityId: e.entityId ?? e.at })),
  );
  return action;
}

/** The entity ids the API lists for the filter, oldest first. */
async function listed(action: string, filter: Record<string, string>): Promise<string[]> {
  const res = await admin.api('GET', `/api/v1/audit?${new URLSearchParams({ handling: action, ...filter })}`);
  expect(res.statusCode).toBe(200);
  return (res.json().entries as { entityId: string }[]).map((e) => e.entityId).reverse();
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await loginAs(t.app, DEMO.admin);
});
afterAll(() => t?.close());

describe('the log’s date filter', () => {
  it('uses Danish days in summer: 00:30 on 1 June (22:30 UTC on 31 May) is listed under 1 June, not 31 May', async () => {
    const action = await entries([
      { at: '2025-05-31T21:59:59Z' }, // 23:59:59 on 31 May
      { at: '2025-05-31T22:30:00Z' }, // 00:30 on 1 June
      { at: '2025-06-01T21:59:59Z' }, // 23:59:59 on 1 June
      { at: '2025-06-01T22:00:00Z' }, // 00:00 on 2 June
    ]);
    expect(await listed(action, { fra: '2025-06-01', til: '2025-06-01' })).toEqual(['2025-05-31T22:30:00Z', '2025-06-01T21:59:59Z']);
    expect(await listed(action, { fra: '2025-05-31', til: '2025-05-31' })).toEqual(['2025-05-31T21:59:59Z']);
    // Both ends are whole days.
    expect(await listed(action, { fra: '2025-05-31', til: '2025-06-01' })).toHaveLength(3);
    expect(await listed(action, { fra: '2025-06-01' })).toHaveLength(3);
    expect(await listed(action, { til: '2025-06-01' })).toHaveLength(3);

    // The page filters the same way.
    const page = await admin.get(`/log?${new URLSearchParams({ handling: action, fra: '2025-06-01', til: '2025-06-01' })}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ulla Log 2025-05-31T22:30:00Z');
    expect(page.body).toContain('Ulla Log 2025-06-01T21:59:59Z');
    expect(page.body).not.toContain('Ulla Log 2025-05-31T21:59:59Z');
    expect(page.body).not.toContain('Ulla Log 2025-06-01T22:00:00Z');
  });

  it('uses Danish days in winter and on the days the clocks change', async () => {
    const action = await entries([
      { at: '2025-01-14T23:30:00Z' }, // 00:30 on 15 January
      { at: '2025-01-15T22:59:59Z' }, // 23:59:59 on 15 January
      { at: '2025-01-15T23:00:00Z' }, // 00:00 on 16 January
      { at: '2025-03-29T23:30:00Z' }, // 00:30 on 30 March, a 23-hour day
      { at: '2025-03-30T21:59:59Z' }, // 23:59:59 on 30 March, summer time
      { at: '2025-10-25T22:30:00Z' }, // 00:30 on 26 October, a 25-hour day
      { at: '2025-10-26T22:59:59Z' }, // 23:59:59 on 26 October, winter time
      { at: '2025-10-26T23:00:00Z' }, // 00:00 on 27 October
    ]);
    expect(await listed(action, { fra: '2025-01-15', til: '2025-01-15' })).toEqual(['2025-01-14T23:30:00Z', '2025-01-15T22:59:59Z']);
    expect(await listed(action, { fra: '2025-01-14', til: '2025-01-14' })).toEqual([]);
    expect(await listed(action, { fra: '2025-03-30', til: '2025-03-30' })).toEqual(['2025-03-29T23:30:00Z', '2025-03-30T21:59:59Z']);
    expect(await listed(action, { fra: '2025-10-26', til: '2025-10-26' })).toEqual(['2025-10-25T22:30:00Z', '2025-10-26T22:59:59Z']);
    expect(await listed(action, { fra: '2025-10-27' })).toEqual(['2025-10-26T23:00:00Z']);
  });
});

describe('the log’s search', () => {
  it('finds % and _ and a backslash as the characters they are, not as wildcards', async () => {
    const action = await entries([
      { at: '2025-06-01T10:00:00Z', actor: 'Rabat 100% (Ulla)', entityId: 'procent' },
      { at: '2025-06-01T10:00:01Z', actor: 'Rabat 1000 (Ulla)', entityId: 'tal' },
      { at: '2025-06-01T10:00:02Z', actor: 'Ulla', entityId: 'sag_42' },
      { at: '2025-06-01T10:00:03Z', actor: 'Ulla', entityId: 'sagx42' },
      { at: '2025-06-01T10:00:04Z', actor: 'DOMÆNE\\ulla', entityId: 'backslash' },
      { at: '2025-06-01T10:00:05Z', actor: 'DOMÆNE/ulla', entityId: 'skråstreg' },
    ]);
    expect(await listed(action, { soeg: '%' })).toEqual(['procent']);
    expect(await listed(action, { soeg: '0%' })).toEqual(['procent']);
    expect(await listed(action, { soeg: '_' })).toEqual(['sag_42']);
    expect(await listed(action, { soeg: 'sag_4' })).toEqual(['sag_42']);
    expect(await listed(action, { soeg: '\\' })).toEqual(['backslash']);
    expect(await listed(action, { soeg: 'ne\\U' })).toEqual(['backslash']);
    // Ordinary searches still ignore case and match anywhere in the actor or the entity.
    expect(await listed(action, { soeg: 'rabat' })).toEqual(['procent', 'tal']);
    expect(await listed(action, { soeg: 'SAGX' })).toEqual(['sagx42']);

    const page = await admin.get(`/log?${new URLSearchParams({ handling: action, soeg: '%' })}`);
    expect(page.body).toContain('Rabat 100% (Ulla)');
    expect(page.body).not.toContain('Rabat 1000 (Ulla)');
  });
});

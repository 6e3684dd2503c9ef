import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, DEMO, loginAs, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildAgreement, buildSignature, tinyPdf } from '../../../test/factories/agreements.ts';
import { createTokenForEmail } from '../auth/index.ts';
import { municipality } from '../../platform/identity/schema.ts';
import { historyLines, type HistoryDispatch } from './history.ts';
import { agreementReminder } from './schema.ts';

/** The agreement's history in Danish sentences: the pure rendering, and a scripted sequence through the API. */

const at = (iso: string) => new Date(iso);
const dispatch = (o: Partial<HistoryDispatch> & { sentAt: Date }): HistoryDispatch => ({
  roleKey: 'programleder',
  solutionName: null,
  ccRoleKey: null,
  deadline: '2025-04-04',
  versionNumber: 1,
  municipalityCodes: Array.from({ length: 98 }, (_, i) => String(i).padStart(4, '0')),
  ...o,
});

describe('historyLines', () => {
  it('words first and later dispatches, versions and reminder rounds, in time order', () => {
    const lines = historyLines({
      dispatches: [
        dispatch({ sentAt: at('2025-03-28T10:00:00Z'), deadline: '2025-04-22', versionNumber: 2 }),
        dispatch({ sentAt: at('2025-03-07T09:00:00Z') }),
        dispatch({ sentAt: at('2025-05-02T08:00:00Z'), deadline: '2025-05-30', versionNumber: 2, roleKey: 'systemansvarlig', solutionName: 'Byg og Miljø', municipalityCodes: ['0320'] }),
      ],
      versions: [
        { number: 1, createdAt: at('2025-03-01T09:00:00Z'), changeNote: '', requiresResign: true },
        { number: 2, createdAt: at('2025-03-28T10:00:00Z'), changeNote: 'Rettet fejl i bilag 3', requiresResign: true },
        { number: 3, createdAt: at('2025-05-05T10:00:00Z'), changeNote: '', requiresResign: false },
      ],
      reminders: [
        { slot: 'manual-1', sentAt: at('2025-04-25T08:00:00Z'), municipalities: 1, manual: true },
        { slot: 'd-7@2025-04-22', sentAt: at('2025-04-15T07:00:00Z'), municipalities: 23, manual: false },
      ],
      totalMunicipalities: 98,
    });
    expect(lines.map((l) => l.text)).toEqual([
      'Udsendt første gang 7. marts 2025 – modtagere var programledere, frist 4. april 2025',
      // Same moment: the version comes before the dispatch that sends it.
      'Version 2 lagt op 28. marts 2025: Rettet fejl i bilag 3 – kræver ny underskrift',
      'Udsendt på ny 28. marts 2025, frist 22. april 2025 – modtagere var igen programledere (version 2)',
      'Påmindelse 15. april 2025 til 23 kommuner (automatisk)',
      'Påmindelse 25. april 2025 til 1 kommune',
      'Udsendt på ny 2. maj 2025, frist 30. maj 2025 – modtagere var systemansvarlige for Byg og Miljø (1 kommune)',
      'Version 3 lagt op 5. maj 2025 – kræver ikke ny underskrift',
    ]);
  });

  it('names the cc role and the number of municipalities when not all; a municipality\'s own view has no counts', () => {
    const input = {
      dispatches: [dispatch({ sentAt: at('2025-03-07T09:00:00Z'), roleKey: 'it-chef', ccRoleKey: 'programleder', municipalityCodes: ['0320', '0153', '0101'] })],
      versions: [],
      reminders: [{ slot: 'd0@2025-04-04', sentAt: at('2025-04-04T07:00:00Z'), municipalities: 1, manual: false }],
      totalMunicipalities: 98,
    };
    expect(historyLines(input).map((l) => l.text)).toEqual([
      'Udsendt første gang 7. marts 2025 – modtagere var IT- og digitaliseringschefer med programledere cc, frist 4. april 2025 (3 kommuner)',
      'Påmindelse 4. april 2025 til 1 kommune (automatisk)',
    ]);
    expect(historyLines({ ...input, showCounts: false }).map((l) => l.text)).toEqual([
      'Udsendt første gang 7. marts 2025 – modtagere var IT- og digitaliseringschefer med programledere cc, frist 4. april 2025',
      'Påmindelse 4. april 2025 (automatisk)',
    ]);
  });
});

describe('a scripted sequence', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp();
    token = await createTokenForEmail(t.database.db, t.config, DEMO.admin, 'historik');
  });
  afterAll(() => t?.close());

  async function newVersion(id: string, fields: Record<string, string>, tag: string) {
    const boundary = `----historik${tag}`;
    const parts = [
      ...Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
      `--${boundary}\r\nContent-Disposition: form-data; name="document"; filename="aftale-${tag}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ];
    const payload = Buffer.concat([Buffer.from(parts.join('')), tinyPdf(`aftale ${tag}`), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/agreements/${id}/versions`,
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(res.statusCode).toBe(201);
  }
  const send = async (id: string, body: Record<string, unknown>) => {
    const res = await bearer(t.app, token, 'POST', `/api/v1/agreements/${id}/dispatches`, { requestKey: randomUUID(), ...body });
    expect(res.statusCode).toBe(201);
  };

  it('tells the history exactly, on the page and in the API; a municipality sees its own part without counts', async () => {
    const { agreement: a } = await buildAgreement(t.database.db, { status: 'draft', title: 'Databehandleraftale for Byg og Miljø', solutions: ['byg-og-miljoe'] });

    t.setNow(at('2025-03-07T09:00:00Z'));
    await send(a.id, { roleKey: 'programleder', scope: 'all', deadline: '2025-04-04' });

    t.setNow(at('2025-03-28T10:00:00Z'));
    await buildSignature(t.database.db, a.id, '0101');
    await newVersion(a.id, { changeNote: 'Rettet fejl i bilag 3' }, 'v2');
    await send(a.id, { roleKey: 'programleder', scope: 'outstanding', deadline: '2025-04-22' });

    // Reminder rounds straight in the table: one automatic round to 23 municipalities (two people
    // in one of them), one manual round to one.
    const all = (await t.database.db.select({ code: municipality.code }).from(municipality).orderBy(municipality.code)).map((m) => m.code);
    const codes = [...all.filter((c) => c !== '0320' && c !== '0751').slice(0, 22), '0320'];
    const autoAt = at('2025-04-15T07:00:00Z');
    await t.database.db.insert(agreementReminder).values([
      ...codes.map((code) => ({ agreementId: a.id, municipalityCode: code, slot: 'd-7@2025-04-22', recipientEmail: `pl-${code}@x.dk`, sentAt: autoAt })),
      { agreementId: a.id, municipalityCode: codes[0]!, slot: 'd-7@2025-04-22', recipientEmail: 'cc@x.dk', sentAt: new Date(autoAt.getTime() + 1000) },
      { agreementId: a.id, municipalityCode: '0751', slot: `manual-${randomUUID()}`, recipientEmail: 'pl-0751@x.dk', sentAt: at('2025-04-25T08:00:00Z'), manual: true },
    ]);

    t.setNow(at('2025-05-02T08:00:00Z'));
    await send(a.id, { roleKey: 'it-chef', ccRoleKey: 'programleder', scope: 'chosen', municipalityCodes: ['0320', '0153', '0101'], deadline: '2025-05-30' });
    t.setNow(at('2025-05-05T10:00:00Z'));
    await newVersion(a.id, { changeNote: 'Stavefejl', requiresResign: 'false' }, 'v3');

    const expected = [
      'Udsendt første gang 7. marts 2025 – modtagere var programledere, frist 4. april 2025',
      'Version 2 lagt op 28. marts 2025: Rettet fejl i bilag 3 – kræver ny underskrift',
      'Udsendt på ny 28. marts 2025, frist 22. april 2025 – modtagere var igen programledere (version 2)',
      'Påmindelse 15. april 2025 til 23 kommuner (automatisk)',
      'Påmindelse 25. april 2025 til 1 kommune',
      'Udsendt på ny 2. maj 2025, frist 30. maj 2025 – modtagere var IT- og digitaliseringschefer med programledere cc (3 kommuner)',
      'Version 3 lagt op 5. maj 2025: Stavefejl – kræver ikke ny underskrift',
    ];
    const api = await bearer(t.app, token, 'GET', `/api/v1/agreements/${a.id}`);
    expect(api.json().history.map((h: { text: string }) => h.text)).toEqual(expected);
    expect(api.json().history[0].at).toBe('2025-03-07T09:00:00.000Z');

    const consultant = await loginAs(t.app, DEMO.consultant);
    const page = await consultant.get(`/aftaler/${a.id}`);
    expect(page.statusCode).toBe(200);
    for (const line of expected) expect(page.body).toContain(line);

    // Faxe (0320) was in every dispatch and the automatic round, not in the manual one.
    const faxe = await createTokenForEmail(t.database.db, t.config, DEMO.klikAdmin('0320'), 'historik');
    const own = await bearer(t.app, faxe, 'GET', `/api/v1/agreements/${a.id}`);
    expect(own.json().history.map((h: { text: string }) => h.text)).toEqual([
      'Udsendt første gang 7. marts 2025 – modtagere var programledere, frist 4. april 2025',
      'Version 2 lagt op 28. marts 2025: Rettet fejl i bilag 3 – kræver ny underskrift',
      'Udsendt på ny 28. marts 2025, frist 22. april 2025 – modtagere var igen programledere (version 2)',
      'Påmindelse 15. april 2025 (automatisk)',
      'Udsendt på ny 2. maj 2025, frist 30. maj 2025 – modtagere var IT- og digitaliseringschefer med programledere cc',
      'Version 3 lagt op 5. maj 2025: Stavefejl – kræver ikke ny underskrift',
    ]);
    t.setNow(null);
  });
});

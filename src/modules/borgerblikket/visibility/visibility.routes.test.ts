import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildKleNumbers, setKleEntries } from '../../../../test/factories/borgerblikket.ts';
import { auditEvent } from '../../../platform/audit/schema.ts';
import { bbConfigChange, bbConfigEntry } from '../schema.ts';

const FAXE = '0320';
const BRONDBY = '0153';
const HEADER = 'KLE-nummer;Kildesystem;Oprettet;Aktiv;Alder';

/** Fields first, then the file: the streamed upload hands the route the file the moment it begins. */
function multipart(fields: Record<string, string>, file: string | null) {
  const boundary = `----samspil${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file !== null) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="fil"; filename="udtraek.csv"\r\nContent-Type: text/csv\r\n\r\n${file}\r\n`));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(c: Client, url: string, fields: Record<string, string>, file: string | null) {
  const api = url.startsWith('/api/');
  const { payload, contentType } = multipart(api ? fields : { _csrf: c.csrf, ...fields }, file);
  const headers: Record<string, string> = { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType };
  if (api) headers['x-csrf-token'] = c.csrf;
  return c.app.inject({ method: 'POST', url, headers, payload });
}

const csv = (...lines: string[]) => [HEADER, ...lines].join('\r\n') + '\r\n';
/** The issue's own example question. */
const QUESTION = { municipality: FAXE, citizenAge: 16, kle: '27.12.04', sourceSystem: 'KY', caseCreated: '2025-06-01', active: true, primaryParty: true, onCpr: true, indexed: true, date: '2025-12-01' };

describe('Borgerblikket: hvad ser borgeren?, the impact of a change, the youth activation day', () => {
  let t: TestApp;
  let leader: Client;
  let klikAdmin: Client;
  let consultant: Client;
  let brondby: Client;

  const entry = async (kle: string) =>
    (await t.database.db.select({ s: bbConfigEntry.settings }).from(bbConfigEntry).where(and(eq(bbConfigEntry.municipalityCode, FAXE), eq(bbConfigEntry.kle, kle))))[0]?.s ?? null;
  const count = async (action: string) => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvent).where(eq(auditEvent.action, action)))[0]!.n;

  beforeAll(async () => {
    t = await startTestApp();
    t.setNow(new Date('2025-12-01T10:00:00Z'));
    await buildKleNumbers(t.database.db, ['27.12.04', '27.12.05', '28.01.01'], { '27.12.04': 'Støtte til unge i uddannelse' });
    await setKleEntries(t.database.db, FAXE, { '27': { shown: true }, '27.12.04': { youth: false } });
    [leader, klikAdmin, consultant, brondby] = await Promise.all([
      loginAs(t.app, DEMO.programLeader(FAXE)),
      loginAs(t.app, DEMO.klikAdmin(FAXE)),
      loginAs(t.app, DEMO.consultant),
      loginAs(t.app, DEMO.programLeader(BRONDBY)),
    ]);
  });
  afterAll(async () => t?.close());

  it("answers the issue's question through the API with every reason, and names the level that decided each setting", async () => {
    const res = await leader.api('POST', '/api/v1/borgerblikket/visibility', QUESTION);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ visible: false, reasons: ['Skjult: borgeren er 16 år, og KLE 27.12.04 er ikke åbnet for unge i Faxe'], age: 16, kle: { number: '27.12.04', title: 'Støtte til unge i uddannelse' } });
    expect(body.settings).toMatchObject({ shown: true, youth: false, decidedBy: { shown: '27', youth: '27.12.04', fromDate: null } });
    // An adult sees it; a 16-year-old under the neighbouring number (youth inherited: Ja) too.
    expect((await leader.api('POST', '/api/v1/borgerblikket/visibility', { ...QUESTION, citizenAge: 18 })).json()).toMatchObject({ visible: true });
    expect((await leader.api('POST', '/api/v1/borgerblikket/visibility', { ...QUESTION, kle: '27.12.05' })).json()).toMatchObject({ visible: true });
    expect((await leader.api('POST', '/api/v1/borgerblikket/visibility', { ...QUESTION, citizenAge: undefined, citizenBirthDate: '2007-12-02' })).json()).toMatchObject({ visible: false, age: 17 });
  });

  it('keeps to the tenant: another municipality is 404 for its users, central staff ask for any; bad input is a structured 422', async () => {
    expect((await brondby.api('POST', '/api/v1/borgerblikket/visibility', QUESTION)).statusCode).toBe(404);
    expect((await brondby.api('POST', '/api/v1/borgerblikket/visibility', { ...QUESTION, kle: 'x' })).statusCode).toBe(404);
    expect((await consultant.api('POST', '/api/v1/borgerblikket/visibility', QUESTION)).json()).toMatchObject({ visible: false });
    expect((await consultant.api('POST', '/api/v1/borgerblikket/visibility', { ...QUESTION, municipality: '9999' })).statusCode).toBe(404);
    const bad = await leader.api('POST', '/api/v1/borgerblikket/visibility', { ...QUESTION, caseCreated: '31.02.2025', indexed: 'ja', municipality: FAXE });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().fieldErrors).toEqual({ caseCreated: 'Skriv oprettelsesdatoen som dd.mm.åååå eller åååå-mm-dd', indexed: 'Angiv true eller false' });
    expect((await leader.api('POST', '/api/v1/borgerblikket/visibility', { ...QUESTION, municipality: 320 })).json().fieldErrors).toEqual({ municipality: 'Angiv kommunekoden med fire cifre, fx 0320' });
  });

  it('shows the page with its form, the answer and where each setting comes from; a bad question is answered beside its field', async () => {
    const path = `/borgerblikket/kommuner/${FAXE}/hvad-ser-borgeren`;
    const first = await klikAdmin.get(path);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('<h1>Hvad ser borgeren?</h1>');
    expect(first.body).not.toContain('data-svar');
    const q = new URLSearchParams({ citizenAge: '16', kle: '27.12.04', sourceSystem: 'KY', caseCreated: '01.06.2025', active: 'on', primaryParty: 'on', onCpr: 'on', indexed: 'on', date: '01.12.2025' });
    const answer = await klikAdmin.get(`${path}?${q}`);
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain('data-svar="skjult"');
    expect(answer.body).toContain('Skjult: borgeren er 16 år, og KLE 27.12.04 er ikke åbnet for unge i Faxe');
    expect(answer.body).toContain('Sat på KLE 27.12.04');
    expect(answer.body).toContain('Arvet fra KLE 27 (hovedgruppe)');
    // A box not ticked is "no": the case is not on the citizen's CPR number.
    q.delete('onCpr');
    expect((await klikAdmin.get(`${path}?${q}`)).body).toContain('Skjult: sagen er ikke registreret på borgerens CPR-nummer');
    const bad = await klikAdmin.get(`${path}?kle=27.123&sourceSystem=KY&caseCreated=01.06.2025`);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Udfyld borgerens alder eller fødselsdato');
    expect(bad.body).toContain('Skriv KLE-nummeret som fx 27.12.04');
    expect((await brondby.get(path)).statusCode).toBe(404);
    expect((await consultant.get(`/borgerblikket/kommuner/${BRONDBY}/hvad-ser-borgeren`)).statusCode).toBe(200);
  });

  it('counts per KLE number what a draft would change for the 15–17-year-olds, through the API, without storing the extract', async () => {
    const extract = csv('27.12.04;KY;2025-06-01;ja;16', '27.12.04;KY;2025-06-01;nej;17', '27.12.04;KY;2025-06-01;ja;40', '27.12.05;SBSYS;2025-06-01;ja;15', '28.01.01;KY;2025-06-01;ja;16', '99.99.99;KY;2025-06-01;ja;16');
    const url = `/api/v1/borgerblikket/municipalities/${FAXE}/impact`;
    const res = await upload(leader, url, { draft: JSON.stringify({ kle: ['27.12.04', '28.01.01'], set: { youth: true, shown: true } }) }, extract);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.cases).toBe(6);
    expect(body.rows).toEqual([
      { kle: '27.12.04', title: 'Støtte til unge i uddannelse', expiredOn: null, youthCases: 2, visibleNow: 0, visibleDraft: 2, becomeVisible: 2, becomeHidden: 0 },
      { kle: '27.12.05', title: 'Emne 27.12.05', expiredOn: null, youthCases: 1, visibleNow: 1, visibleDraft: 1, becomeVisible: 0, becomeHidden: 0 },
      { kle: '28.01.01', title: 'Emne 28.01.01', expiredOn: null, youthCases: 1, visibleNow: 0, visibleDraft: 1, becomeVisible: 1, becomeHidden: 0 },
      { kle: '99.99.99', title: null, expiredOn: null, youthCases: 1, visibleNow: 0, visibleDraft: 0, becomeVisible: 0, becomeHidden: 0 },
    ]);
    expect(body.totals).toEqual({ youthCases: 5, visibleNow: 1, visibleDraft: 4, becomeVisible: 3, becomeHidden: 0 });
    expect(await entry('27.12.04')).toEqual({ youth: false });
    // Without a draft: the configuration as it stands; before the activation nothing is visible to the young.
    const before = await upload(consultant, url, { date: '2025-10-01' }, extract);
    expect(before.json().totals).toMatchObject({ visibleNow: 0, visibleDraft: 0 });
  });

  it('refuses an extract with a CPR column or value, or bad lines, with the line numbers, and computes nothing', async () => {
    const url = `/api/v1/borgerblikket/municipalities/${FAXE}/impact`;
    const cprColumn = await upload(leader, url, {}, 'KLE-nummer;Kildesystem;Oprettet;Aktiv;Alder;CPR\r\n27.12.04;KY;2025-06-01;ja;16;0102031234\r\n');
    expect(cprColumn.statusCode).toBe(422);
    expect(cprColumn.json().fieldErrors.fil).toContain('ligner CPR-numre');
    const lines = await upload(leader, url, {}, csv('27.12.04;KY;2025-06-01;ja;16', '27.12.04;KY 010203-1234;2025-06-01;ja;16', '27.12.04;KY;2025-06-01;ja;sytten'));
    expect(lines.statusCode).toBe(422);
    expect(lines.json().fieldErrors).toEqual({ 'linje-3': 'Linjen ligner et CPR-nummer; udtrækket må ikke indeholde CPR-numre', 'linje-4': 'Alder «sytten» skal være et helt antal år (0–130)' });
    expect(lines.json().message).toBe('Udtrækket har fejl i 2 linjer; intet er beregnet.');
    expect((await upload(leader, url, { draft: '{"kle": ["12.34.56"], "set": {"youth": false}}' }, csv('27.12.04;KY;2025-06-01;ja;16'))).json().fieldErrors).toEqual({ kle: 'Findes ikke i KLE-planen: 12.34.56' });
    expect((await upload(leader, url, { draft: '{kle' }, csv('27.12.04;KY;2025-06-01;ja;16'))).statusCode).toBe(422);
    expect((await upload(leader, url, {}, null)).json().fieldErrors).toEqual({ fil: 'Vælg en CSV-fil med udtrækket' });
    expect((await upload(brondby, url, {}, csv('27.12.04;KY;2025-06-01;ja;16'))).statusCode).toBe(404);
  });

  it('shows the impact on the page and saves the draft once, with who, when and why, for the keepers only', async () => {
    const page = `/borgerblikket/kommuner/${FAXE}/konsekvens`;
    expect((await leader.get(page)).statusCode).toBe(200);
    const shown = await upload(leader, page, { date: '01.12.2025', kle: '27.12.04', shown: '', youth: 'ja' }, csv('27.12.04;KY;2025-06-01;ja;16'));
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('data-kle="27.12.04"');
    expect(shown.body).toMatch(/data-tal="synlige"[^>]*>1</);
    expect(shown.body).toContain('Gem ændringen');
    const key = /name="requestKey" value="([^"]+)"/.exec(shown.body)![1]!;
    // The KLIK-administrator reads the impact but does not keep the configuration.
    const klik = await upload(klikAdmin, page, { kle: '27.12.04', youth: 'ja' }, csv('27.12.04;KY;2025-06-01;ja;16'));
    expect(klik.statusCode).toBe(200);
    expect(klik.body).not.toContain('name="reason"');
    const badLine = await upload(leader, page, { kle: '' }, csv('27.12.04;KY;2025-06-01;ja;tyve'));
    expect(badLine.statusCode).toBe(422);
    expect(badLine.body).toContain('Alder «tyve» skal være et helt antal år');

    const save = `${page}/gem`;
    const noReason = await leader.post(save, { kle: '27.12.04', shown: '', youth: 'ja', reason: ' ', requestKey: key });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('Skriv, hvorfor opsætningen ændres');
    expect((await klikAdmin.post(save, { kle: '27.12.04', youth: 'ja', reason: 'Klar' })).statusCode).toBe(403);
    expect((await consultant.post(`/borgerblikket/kommuner/${FAXE}/konsekvens/gem`, { kle: '27.12.04', youth: 'ja', reason: 'Klar' })).statusCode).toBe(403);
    const changesBefore = await count('borgerblikket.configuration_changed');
    const form = { kle: '27.12.04', shown: '', youth: 'ja', reason: 'Vurderet klar til visning for unge', requestKey: key };
    const saved = await leader.post(save, form);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${page}?besked=gemt`);
    expect((await leader.post(save, form)).headers.location).toBe(`${page}?besked=gemt`);
    expect(await entry('27.12.04')).toEqual({ youth: true });
    expect(await count('borgerblikket.configuration_changed')).toBe(changesBefore + 1);
    const [change] = await t.database.db.select().from(bbConfigChange).where(eq(bbConfigChange.municipalityCode, FAXE));
    expect(change).toMatchObject({ kind: 'rediger', reason: 'Vurderet klar til visning for unge', numbers: 1 });
    // The same draft under a new form is no change.
    expect((await leader.post(save, { ...form, requestKey: 'ny-formular' })).headers.location).toBe(`${page}?besked=uaendret`);
    expect((await leader.api('POST', '/api/v1/borgerblikket/visibility', QUESTION)).json()).toMatchObject({ visible: true });
  });

  it('keeps the youth activation day as data: central editors move it, audited once, and the answers follow', async () => {
    expect((await leader.api('GET', '/api/v1/borgerblikket/youth-activation')).json()).toEqual({ youthActivation: '2025-11-03' });
    expect((await leader.get('/borgerblikket/aktivering')).body).toContain('data-aktivering="2025-11-03"');
    expect((await leader.api('PUT', '/api/v1/borgerblikket/youth-activation', { youthActivation: '2026-01-01' })).statusCode).toBe(403);
    const bad = await consultant.api('PUT', '/api/v1/borgerblikket/youth-activation', { youthActivation: '1. januar' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().fieldErrors.youthActivation).toContain('dd.mm.åååå');
    const before = await count('borgerblikket.youth_activation_set');
    expect((await consultant.api('PUT', '/api/v1/borgerblikket/youth-activation', { youthActivation: '2026-01-01' })).json()).toEqual({ youthActivation: '2026-01-01', changed: true });
    // A retry within seconds is the same request and gets the same answer; the same day sent anew changes nothing.
    expect((await consultant.api('PUT', '/api/v1/borgerblikket/youth-activation', { youthActivation: '2026-01-01' })).json()).toEqual({ youthActivation: '2026-01-01', changed: true });
    expect((await consultant.api('PUT', '/api/v1/borgerblikket/youth-activation', { youthActivation: '2026-01-01' }, { 'idempotency-key': 'igen' })).json()).toEqual({ youthActivation: '2026-01-01', changed: false });
    expect(await count('borgerblikket.youth_activation_set')).toBe(before + 1);
    expect((await leader.api('POST', '/api/v1/borgerblikket/visibility', QUESTION)).json().reasons).toEqual(['Skjult: borgeren er 16 år, og visningen for 15–17-årige aktiveres først 1. januar 2026']);
    await consultant.get('/borgerblikket/aktivering');
    const form = await consultant.post('/borgerblikket/aktivering', { youthActivation: '03.11.2025' });
    expect(form.headers.location).toBe('/borgerblikket/aktivering?besked=gemt');
    expect((await consultant.post('/borgerblikket/aktivering', { youthActivation: 'snart' })).statusCode).toBe(422);
    expect((await leader.post('/borgerblikket/aktivering', { youthActivation: '03.11.2025' })).statusCode).toBe(403);
    expect((await leader.api('GET', '/api/v1/borgerblikket/youth-activation')).json()).toEqual({ youthActivation: '2025-11-03' });
  });
});

import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, type Client, type TestApp, startTestApp } from '../../../../test/app.ts';
import { person, roleAssignment, userAccount } from '../../../db/schema.ts';
import { auditEvent } from '../../../platform/audit/schema.ts';
import { hashPassword } from '../../../platform/auth/secrets.ts';
import { danishDay } from '../../../platform/days.ts';
import { formatKroner } from '../../../platform/views/format.ts';
import { costBudget, council, councilMeeting, poolProposal, poolProposalSolution, poolProposalStep } from '../schema.ts';

const FAXE = '0320';
const BRONDBY = '0153';
const SUPERBRUGER = { email: 'superbruger-faxe@puljen.test', password: 'puljen-superbruger-1' };
const THIS_YEAR = Number(danishDay(new Date()).slice(0, 4));
const COMING = THIS_YEAR + 1;

/** The hidden request key of the form on a page, so a test can post the same form twice. */
const requestKeyOf = (html: string) => /name="requestKey" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** A JSON call with the session and, when given, an Idempotency-Key, as an integration sends it. */
async function apiCall(c: Client, method: 'GET' | 'POST', url: string, body?: unknown, idempotencyKey?: string) {
  const headers: Record<string, string> = { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': c.csrf };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  return c.app.inject({ method, url, headers, payload: body === undefined ? undefined : JSON.stringify(body) });
}

const proposalForm = (over: Record<string, string | string[]> = {}) => ({
  title: 'Bedre søgning i Aula',
  description: 'Forældre finder ikke beskederne. Vi foreslår en bedre søgning.',
  solutions: ['aula'],
  estimatedCost: '250.000',
  year: String(COMING),
  ...over,
});

/** Posts a form whose fields may repeat (the solutions' checkboxes). */
async function postForm(c: Client, url: string, fields: Record<string, string | string[]>) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...fields, _csrf: c.csrf })) for (const x of [v].flat()) params.append(k, x);
  return c.app.inject({
    method: 'POST',
    url,
    headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    payload: params.toString(),
  });
}

describe('the prioritisation pool', () => {
  let t: TestApp;
  let faxe: Client;
  let brondby: Client;
  let admin: Client;
  let consultant: Client;
  let superbruger: Client;
  const meetings = { fagraad: '', portefoeljeraad: '' };

  const proposals = async () => (await t.database.db.select({ n: count() }).from(poolProposal))[0]!.n;
  const steps = async (number: number) =>
    t.database.db
      .select({ status: poolProposalStep.status, meetingId: poolProposalStep.meetingId, decision: poolProposalStep.decision })
      .from(poolProposalStep)
      .innerJoin(poolProposal, eq(poolProposal.id, poolProposalStep.proposalId))
      .where(eq(poolProposal.number, number));
  const statusOf = async (number: number) => (await t.database.db.select({ s: poolProposal.status }).from(poolProposal).where(eq(poolProposal.number, number)))[0]!.s;
  const audits = async (action: string) => (await t.database.db.select({ n: count() }).from(auditEvent).where(eq(auditEvent.action, action)))[0]!.n;

  /** Faxe's program leader submits through the page's form; returns the new proposal's number. */
  async function submitAsFaxe(over: Record<string, string | string[]> = {}): Promise<number> {
    const form = await faxe.get('/styring/puljen/nyt');
    const res = await postForm(faxe, '/styring/puljen', { ...proposalForm(over), requestKey: requestKeyOf(form.body) });
    expect(res.statusCode, res.body).toBe(303);
    return Number(/forslag\/(\d+)\?besked=indsendt$/.exec(String(res.headers.location))![1]);
  }

  async function move(c: Client, number: number, fields: Record<string, string>) {
    const page = await c.get(`/styring/puljen/forslag/${number}`);
    return postForm(c, `/styring/puljen/forslag/${number}/trin`, { requestKey: requestKeyOf(page.body), ...fields });
  }

  beforeAll(async () => {
    t = await startTestApp();
    const db = t.database.db;
    const [p] = await db.insert(person).values({ municipalityCode: FAXE, name: 'Sofie Superbruger', email: SUPERBRUGER.email, title: 'Superbruger' }).returning({ id: person.id });
    await db.insert(userAccount).values({ personId: p!.id, email: SUPERBRUGER.email, passwordHash: await hashPassword(SUPERBRUGER.password) });
    await db.insert(roleAssignment).values({ personId: p!.id, municipalityCode: FAXE, roleTypeKey: 'superbruger', solutionKey: 'aula' });
    const [fagraad] = await db.insert(council).values({ key: 'fagraad-puljetest', kind: 'fagraad', name: 'Fagråd for Dagtilbud og Skole', area: 'Dagtilbud og Skole' }).returning({ id: council.id });
    const [pr] = await db.insert(council).values({ key: 'portefoeljeraad-puljetest', kind: 'portefoeljeraad', name: 'Porteføljerådet' }).returning({ id: council.id });
    const [fm] = await db.insert(councilMeeting).values({ councilId: fagraad!.id, meetingDate: `${THIS_YEAR}-05-12`, title: 'Fagrådsmøde 2' }).returning({ id: councilMeeting.id });
    const [pm] = await db.insert(councilMeeting).values({ councilId: pr!.id, meetingDate: `${THIS_YEAR}-06-02`, title: 'Porteføljerådsmøde 2' }).returning({ id: councilMeeting.id });
    meetings.fagraad = fm!.id;
    meetings.portefoeljeraad = pm!.id;
    faxe = await loginAs(t.app, DEMO.programLeader(FAXE));
    brondby = await loginAs(t.app, DEMO.programLeader(BRONDBY));
    admin = await loginAs(t.app, DEMO.admin);
    consultant = await loginAs(t.app, DEMO.consultant);
    superbruger = await loginAs(t.app, SUPERBRUGER.email, SUPERBRUGER.password);
  });
  afterAll(() => t.close());

  it("Faxe's program leader submits a proposal and follows it with state Modtaget", async () => {
    const form = await faxe.get('/styring/puljen/nyt');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Indsend input til kommende møder');
    expect(form.body).toContain(`<option value="${COMING}" selected`);
    const number = await submitAsFaxe({ solutions: ['aula', 'valg'], estimatedCost: '1.234.500,50' });
    const page = await faxe.get(`/styring/puljen/forslag/${number}?besked=indsendt`);
    expect(page.body).toContain('Forslaget er indsendt og har status Modtaget.');
    expect(page.body).toContain(`Forslag ${number}: Bedre søgning i Aula`);
    expect(page.body).toContain('>Modtaget<');
    expect(page.body).toContain('>Faxe<');
    expect(page.body).toContain('Aula, Valg');
    expect(page.body).toContain('1.234.500,50 kr.');
    expect(await steps(number)).toEqual([{ status: 'modtaget', meetingId: null, decision: '' }]);
    expect(await audits('pool.proposal_submitted')).toBeGreaterThanOrEqual(1);

    // "Jeres forslag" comes first on the pool page, before the year's pool.
    const pool = await faxe.get('/styring/puljen');
    expect(pool.statusCode).toBe(200);
    const own = pool.body.indexOf('id="jeres-forslag"');
    expect(own).toBeGreaterThan(-1);
    expect(own).toBeLessThan(pool.body.indexOf(`Puljen ${COMING}`));
    expect(pool.body.slice(own)).toContain(`data-forslag="${number}"`);
  });

  it('another municipality sees the proposal (the pool is shared) but cannot move it', async () => {
    const number = await submitAsFaxe({ title: 'Delt med alle' });
    const pool = await brondby.get(`/styring/puljen?aar=${COMING}`);
    expect(pool.body).toContain('Delt med alle');
    expect(pool.body).toContain('Forslag fra Brøndby Kommune');
    expect(pool.body).toContain('Kommunen har ikke indsendt forslag til puljen endnu.');
    const page = await brondby.get(`/styring/puljen/forslag/${number}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Delt med alle');
    expect(page.body).not.toContain('Registrér en beslutning');
    const api = await apiCall(brondby, 'GET', `/api/v1/governance/proposals/${number}`);
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ number, status: 'modtaget', statusLabel: 'Modtaget', proposer: { municipalityCode: FAXE, name: 'Faxe' } });

    const byPage = await postForm(brondby, `/styring/puljen/forslag/${number}/trin`, { status: 'afvist', decision: 'Vi vil ikke have det' });
    expect(byPage.statusCode).toBe(403);
    const byApi = await apiCall(brondby, 'POST', `/api/v1/governance/proposals/${number}/steps`, { status: 'afvist', decision: 'Vi vil ikke have det' });
    expect(byApi.statusCode).toBe(403);
    expect(await statusOf(number)).toBe('modtaget');
    expect(await steps(number)).toHaveLength(1);
  });

  it('a superbruger without a proposer role cannot submit (403), and nothing is stored', async () => {
    const before = await proposals();
    expect((await superbruger.get('/styring/puljen')).statusCode).toBe(200);
    expect((await superbruger.get('/styring/puljen')).body).not.toContain('href="/styring/puljen/nyt"');
    expect((await superbruger.get('/styring/puljen/nyt')).statusCode).toBe(403);
    const res = await postForm(superbruger, '/styring/puljen', proposalForm());
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Kun kommunens programleder, IT-chef og økonomikontakt kan indsende forslag');
    const api = await apiCall(superbruger, 'POST', '/api/v1/governance/proposals', { year: COMING, title: 'x', description: 'y', solutions: ['aula'], estimatedCostOre: 100 });
    expect(api.statusCode).toBe(403);
    expect(await proposals()).toBe(before);
  });

  it('KOMBIT staff submit for KOMBIT', async () => {
    const res = await apiCall(consultant, 'POST', '/api/v1/governance/proposals', {
      year: COMING,
      title: 'Fælles overvågning',
      description: 'Driftsovervågning på tværs af løsningerne',
      solutions: ['infrastruktur'],
      estimatedCostOre: 50_000_000,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ proposer: { municipalityCode: null, name: 'KOMBIT' }, estimatedCostOre: 50_000_000, steps: [{ status: 'modtaget' }] });
  });

  it('the secretariat moves a proposal along the path, each step with its meeting and decision; backwards and skipping are refused in Danish', async () => {
    const number = await submitAsFaxe({ title: 'Ny skabelon i Valg' });
    // Skipping a step: refused, nothing changes.
    const skip = await move(admin, number, { status: 'prioriteret', decision: 'Prioriteret' });
    expect(skip.statusCode).toBe(409);
    expect(skip.body).toContain('Et forslag med status Modtaget kan kun flyttes til Behandlet i fagråd eller Afvist');
    // A Porteføljeråd meeting does not treat a proposal in a Fagråd.
    const wrongMeeting = await move(admin, number, { status: 'behandlet_fagraad', meetingId: meetings.portefoeljeraad, decision: 'Behandlet' });
    expect(wrongMeeting.statusCode).toBe(422);
    expect(wrongMeeting.body).toContain('Behandlet i fagråd besluttes på et møde i et fagråd');
    const noDecision = await move(admin, number, { status: 'behandlet_fagraad', meetingId: meetings.fagraad, decision: '  ' });
    expect(noDecision.statusCode).toBe(422);
    expect(noDecision.body).toContain('Skriv beslutningen');
    expect(await steps(number)).toHaveLength(1);

    const treated = await move(admin, number, { status: 'behandlet_fagraad', meetingId: meetings.fagraad, decision: 'Fagrådet bakker op om forslaget.' });
    expect(treated.statusCode).toBe(303);
    expect(treated.headers.location).toBe(`/styring/puljen/forslag/${number}?besked=flyttet`);
    expect((await move(admin, number, { status: 'indstillet', meetingId: meetings.portefoeljeraad, decision: 'Indstilles til prioritering.' })).statusCode).toBe(303);

    const back = await move(admin, number, { status: 'behandlet_fagraad', meetingId: meetings.fagraad, decision: 'Tilbage igen' });
    expect(back.statusCode).toBe(409);
    expect(back.body).toContain('Et forslag med status Indstillet til Porteføljerådet kan kun flyttes til Prioriteret eller Afvist, ikke tilbage eller uden om et trin.');
    expect(await statusOf(number)).toBe('indstillet');

    const page = await faxe.get(`/styring/puljen/forslag/${number}`);
    expect(page.body).toContain(`href="/styring/moeder/${meetings.fagraad}"`);
    expect(page.body).toContain(`href="/styring/moeder/${meetings.portefoeljeraad}"`);
    expect(page.body).toContain('Fagrådet bakker op om forslaget.');
    expect(page.body.indexOf('data-trin="modtaget"')).toBeLessThan(page.body.indexOf('data-trin="behandlet_fagraad"'));
    expect(page.body.indexOf('data-trin="behandlet_fagraad"')).toBeLessThan(page.body.indexOf('data-trin="indstillet"'));
    // Who recorded a step is for KOMBIT's eyes.
    expect(page.body).not.toContain('registreret af');
    expect((await admin.get(`/styring/puljen/forslag/${number}`)).body).toContain('registreret af');

    const done = await apiCall(admin, 'POST', `/api/v1/governance/proposals/${number}/steps`, { status: 'prioriteret', meetingId: meetings.portefoeljeraad, decision: 'Prioriteret af Porteføljerådet.' });
    expect(done.statusCode).toBe(201);
    expect(done.json()).toMatchObject({ status: 'prioriteret', steps: [{ status: 'modtaget' }, { status: 'behandlet_fagraad' }, { status: 'indstillet' }, { status: 'prioriteret', decision: 'Prioriteret af Porteføljerådet.' }] });
    const after = await apiCall(admin, 'POST', `/api/v1/governance/proposals/${number}/steps`, { status: 'afvist', decision: 'Alligevel ikke' });
    expect(after.statusCode).toBe(409);
    expect((after.json() as { message: string }).message).toBe('Forslaget er prioriteret og kan ikke flyttes videre.');
    expect(await steps(number)).toHaveLength(4);
  });

  it('a double submit of the same move records one step', async () => {
    const number = await submitAsFaxe({ title: 'Dobbeltklik' });
    const before = await audits('pool.proposal_moved');
    const page = await admin.get(`/styring/puljen/forslag/${number}`);
    const fields = { requestKey: requestKeyOf(page.body), status: 'afvist', meetingId: meetings.portefoeljeraad, decision: 'Ligger uden for aftalen.' };
    const first = await postForm(admin, `/styring/puljen/forslag/${number}/trin`, fields);
    const second = await postForm(admin, `/styring/puljen/forslag/${number}/trin`, fields);
    expect(first.headers.location).toBe(`/styring/puljen/forslag/${number}?besked=flyttet`);
    expect(second.headers.location).toBe(`/styring/puljen/forslag/${number}?besked=uaendret`);
    expect((await steps(number)).filter((s) => s.status === 'afvist')).toHaveLength(1);
    expect(await audits('pool.proposal_moved')).toBe(before + 1);
    // The same move written anew (another decision text) is refused with the reason.
    const again = await apiCall(admin, 'POST', `/api/v1/governance/proposals/${number}/steps`, { status: 'afvist', decision: 'Afvist igen' });
    expect(again.statusCode).toBe(409);
    expect((again.json() as { message: string }).message).toBe('Forslaget har allerede status Afvist.');

    // Two secretaries recording the same move at the same moment: one step, the other told why.
    const raced = await submitAsFaxe({ title: 'Samtidigt' });
    const [r1, r2] = await Promise.all([
      apiCall(admin, 'POST', `/api/v1/governance/proposals/${raced}/steps`, { status: 'behandlet_fagraad', decision: 'Første udgave' }),
      apiCall(admin, 'POST', `/api/v1/governance/proposals/${raced}/steps`, { status: 'behandlet_fagraad', decision: 'Anden udgave' }),
    ]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([201, 409]);
    expect((await steps(raced)).filter((s) => s.status === 'behandlet_fagraad')).toHaveLength(1);
  });

  it('a double submit of the proposal form or a repeated API call with the same key makes one proposal', async () => {
    const form = await faxe.get('/styring/puljen/nyt');
    const fields = { ...proposalForm({ title: 'Kun én gang' }), requestKey: requestKeyOf(form.body) };
    const before = await proposals();
    const a = await postForm(faxe, '/styring/puljen', fields);
    const b = await postForm(faxe, '/styring/puljen', fields);
    expect(a.headers.location).toBe(b.headers.location);
    expect(await proposals()).toBe(before + 1);

    const body = { year: COMING, title: 'Via API', description: 'Samme nøgle to gange', solutions: ['ky', 'aula', 'ky'], estimatedCostOre: 1_000_000 };
    const x = await apiCall(faxe, 'POST', '/api/v1/governance/proposals', body, 'puljen-noegle-1');
    const y = await apiCall(faxe, 'POST', '/api/v1/governance/proposals', body, 'puljen-noegle-1');
    expect(x.statusCode).toBe(201);
    expect(y.statusCode).toBe(200);
    expect(y.json()).toMatchObject({ number: (x.json() as { number: number }).number, solutions: [{ key: 'aula' }, { key: 'ky' }] });
    expect(await proposals()).toBe(before + 2);
  });

  it('bad input is answered in Danish on the form and in the API, and nothing changes', async () => {
    const before = { proposals: await proposals(), solutions: (await t.database.db.select({ n: count() }).from(poolProposalSolution))[0]!.n, audits: await audits('pool.proposal_submitted') };
    const form = await faxe.get('/styring/puljen/nyt');
    const bad = await postForm(faxe, '/styring/puljen', { ...proposalForm({ title: '   ', estimatedCost: 'abc' }), requestKey: requestKeyOf(form.body) });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Der er problemer med det indsendte');
    expect(bad.body).toContain('Titel: Skriv en titel');
    expect(bad.body).toContain('Anslået pris: Beløbet kan kun indeholde cifre, punktum mellem tusinder og komma før ørerne, fx 1.234,50.');
    // What was typed is kept, the form's key too.
    expect(bad.body).toContain('value="abc"');
    expect(bad.body).toContain(`value="${requestKeyOf(form.body)}"`);
    const unknown = await postForm(faxe, '/styring/puljen', proposalForm({ solutions: ['aula', 'findes-ikke'] }));
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('Løsninger: Ukendt løsning: findes-ikke');
    const none = await postForm(faxe, '/styring/puljen', proposalForm({ solutions: [], estimatedCost: '0' }));
    expect(none.body).toContain('Løsninger: Vælg mindst én løsning');
    expect(none.body).toContain('Anslået pris: Det anslåede beløb skal være over 0 kr.');
    const past = await postForm(faxe, '/styring/puljen', proposalForm({ year: String(THIS_YEAR - 1) }));
    expect(past.body).toContain(`År: Vælg et år fra ${THIS_YEAR} til ${THIS_YEAR + 5}`);

    const api = await apiCall(faxe, 'POST', '/api/v1/governance/proposals', { year: COMING, title: '', description: 'x', solutions: ['nope'], estimatedCostOre: 'abc' });
    expect(api.statusCode).toBe(422);
    expect(api.json()).toMatchObject({ code: 'validation_failed', fieldErrors: { title: 'Skriv en titel', estimatedCostOre: 'Skriv det anslåede beløb i øre som et helt tal' } });
    const unknownApi = await apiCall(faxe, 'POST', '/api/v1/governance/proposals', { year: COMING, title: 'T', description: 'x', solutions: ['nope'], estimatedCostOre: 100 });
    expect(unknownApi.json()).toMatchObject({ fieldErrors: { solutions: 'Ukendt løsning: nope' } });

    expect(await proposals()).toBe(before.proposals);
    expect((await t.database.db.select({ n: count() }).from(poolProposalSolution))[0]!.n).toBe(before.solutions);
    expect(await audits('pool.proposal_submitted')).toBe(before.audits);
  });

  it("shows the year's pool against the prioritised total: the total budget where there is one, else the preliminary", async () => {
    const year = THIS_YEAR + 2;
    const db = t.database.db;
    await db.insert(costBudget).values([
      { year, solutionKey: 'aula', stage: 'foreloebigt', poolOre: 100_000_000 },
      { year, solutionKey: 'aula', stage: 'samlet', poolOre: 120_000_000 },
      { year, solutionKey: 'valg', stage: 'foreloebigt', poolOre: 30_000_000 },
    ]);
    // Two proposals prioritised, one only recommended, one rejected.
    const make = async (title: string, ore: number, path: string[]) => {
      const r = await apiCall(faxe, 'POST', '/api/v1/governance/proposals', { year, title, description: 'Til puljen', solutions: ['aula'], estimatedCostOre: ore });
      const number = (r.json() as { number: number }).number;
      for (const status of path) expect((await apiCall(admin, 'POST', `/api/v1/governance/proposals/${number}/steps`, { status, decision: `Besluttet: ${status}` })).statusCode).toBe(201);
    };
    await make('Første', 40_000_050, ['behandlet_fagraad', 'indstillet', 'prioriteret']);
    await make('Anden', 60_000_000, ['behandlet_fagraad', 'indstillet', 'prioriteret']);
    await make('Tredje', 25_000_000, ['behandlet_fagraad', 'indstillet']);
    await make('Fjerde', 99_000_000, ['afvist']);

    const pool = await apiCall(brondby, 'GET', `/api/v1/governance/pool/${year}`);
    expect(pool.json()).toEqual({
      year,
      amountOre: 150_000_000,
      budgetStage: 'blandet',
      prioritisedOre: 100_000_050,
      remainingOre: 49_999_950,
      recommendedOre: 25_000_000,
      proposals: { modtaget: 0, behandlet_fagraad: 0, indstillet: 1, prioriteret: 2, afvist: 1 },
    });
    const page = await brondby.get(`/styring/puljen?aar=${year}`);
    const table = page.body.slice(page.body.indexOf('id="puljen-tal"'));
    expect(table).toContain(formatKroner(150_000_000));
    expect(table).toContain(formatKroner(100_000_050));
    expect(table).toContain('Tilbage');
    expect(table).toContain(formatKroner(49_999_950));
    expect(page.body).toContain(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 80" width="100%" role="img" aria-labelledby="puljen-titel puljen-beskrivelse" data-pulje="${year}">`);
    expect(page.body).toContain(`Prioriteret ${formatKroner(100_000_050)} af puljens ${formatKroner(150_000_000)}; tilbage ${formatKroner(49_999_950)}`);
    // Filtered on a status, the list shows only those.
    const prioritised = await brondby.get(`/styring/puljen?aar=${year}&status=prioriteret`);
    const list = prioritised.body.slice(prioritised.body.indexOf('id="forslag-liste"'));
    expect(list).toContain('Første');
    expect(list).toContain('Anden');
    expect(list).not.toContain('Tredje');
    expect(prioritised.body).toContain('aria-current="page">Prioriteret (2)');

    // Over budget: the page says by how much.
    await make('Femte', 60_000_000, ['behandlet_fagraad', 'indstillet', 'prioriteret']);
    const over = await apiCall(brondby, 'GET', `/api/v1/governance/pool/${year}`);
    expect(over.json()).toMatchObject({ prioritisedOre: 160_000_050, remainingOre: -10_000_050 });
    expect((await brondby.get(`/styring/puljen?aar=${year}`)).body).toContain('Overskredet med');
  });

  it('lists proposals in the API by year and status, bounded by limit and offset', async () => {
    const all = await apiCall(brondby, 'GET', `/api/v1/governance/proposals?year=${COMING}&limit=2`);
    const body = all.json() as { total: number; limit: number; items: { number: number; year: number }[] };
    expect(body.limit).toBe(2);
    expect(body.items).toHaveLength(2);
    expect(body.total).toBeGreaterThan(2);
    expect(body.items[0]!.number).toBeGreaterThan(body.items[1]!.number);
    const next = await apiCall(brondby, 'GET', `/api/v1/governance/proposals?year=${COMING}&limit=2&offset=2`);
    expect((next.json() as { items: { number: number }[] }).items[0]!.number).toBeLessThan(body.items[1]!.number);
    const past = await apiCall(brondby, 'GET', `/api/v1/governance/proposals?year=${COMING}&offset=100000`);
    expect(past.json()).toMatchObject({ total: body.total, items: [] });
    const rejected = await apiCall(brondby, 'GET', `/api/v1/governance/proposals?status=afvist`);
    expect((rejected.json() as { items: { status: string }[] }).items.every((i) => i.status === 'afvist')).toBe(true);
    expect((await apiCall(brondby, 'GET', '/api/v1/governance/proposals?limit=1000')).statusCode).toBe(422);
    expect((await apiCall(brondby, 'GET', '/api/v1/governance/proposals?status=ukendt')).statusCode).toBe(422);
  });

  it('front page: the secretariat sees proposals waiting since before today; Faxe sees what moved since its last visit', async () => {
    const waiting = await submitAsFaxe({ title: 'Venter på fagrådet' });
    // Submitted today: not waiting yet.
    const today = await admin.get('/');
    const items = () => t.database.db.select({ n: count() }).from(poolProposal).where(eq(poolProposal.status, 'modtaget'));
    expect(today.body).not.toContain('til prioriteringspuljen venter på behandling');
    await t.database.db.update(poolProposal).set({ createdAt: new Date(Date.now() - 3 * 86_400_000) }).where(eq(poolProposal.status, 'modtaget'));
    const n = (await items())[0]!.n;
    const later = await admin.get('/');
    expect(later.body).toContain(`${n} forslag til prioriteringspuljen venter på behandling`);
    expect(later.body).toContain(`/styring/puljen?aar=${COMING}&status=modtaget`);
    expect((await faxe.get('/')).body).not.toContain('venter på behandling');

    await faxe.get('/'); // the visit that marks what Faxe has seen
    await move(admin, waiting, { status: 'behandlet_fagraad', meetingId: meetings.fagraad, decision: 'Behandlet på mødet i maj.' });
    const news = await faxe.get('/');
    expect(news.body).toContain(`Forslag ${waiting}: Venter på fagrådet er nu behandlet i fagråd`);
    expect(news.body).toContain(`href="/styring/puljen/forslag/${waiting}"`);
    expect((await faxe.get('/')).body).not.toContain(`Forslag ${waiting}: Venter på fagrådet er nu`);
    // Another municipality's proposals are not Brøndby's news.
    expect((await brondby.get('/')).body).not.toContain('Venter på fagrådet');
  });
});

import { randomUUID } from 'node:crypto';
import { and, eq, like, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type TestApp } from '../../../../test/app.ts';
import { adminUrl, engine } from '../../../../test/db.ts';
import { buildAgreement, buildSignature } from '../../../../test/factories/agreements.ts';
import { openPostgres, rawRows, type Database, type Db } from '../../../db/client.ts';
import { auditEvent, outboxMail } from '../../../db/schema.ts';
import type { Ctx } from '../../../platform/context.ts';
import { startScheduler } from '../../../platform/scheduler/scheduler.ts';
import { agreementJobs } from '../background-jobs.ts';
import { agreementReminderHistory } from './queries.ts';
import { agreement, agreementReminder, agreementTarget } from '../schema.ts';
import { deliverRound, remindAgreement, scheduleNextAgreementReminder, sendDueAgreementReminders } from './send-reminders.ts';

const KBH = '0101';
const FRB = '0147';
const BALLERUP = '0151';
const BRONDBY = '0153';
const FAXE = '0320';
const SYDDJURS = '0706';
const TARGETS = [KBH, FRB, BALLERUP, BRONDBY, FAXE, SYDDJURS];
const pl = (code: string) => DEMO.programLeader(code);

let t: TestApp;
let db: Db;

beforeAll(async () => {
  t = await startTestApp();
  db = t.database.db;
});
afterAll(() => t?.close());
// Each sweep covers the whole database: earlier tests' agreements are closed so they do not join in.
beforeEach(async () => {
  await db.update(agreement).set({ status: 'closed' }).where(eq(agreement.status, 'sent'));
});

/**
 * Six municipalities addressed to their programledere: Copenhagen signed, Frederiksberg's upload
 * awaits review, Syddjurs in dialogue; Ballerup, Brøndby and Faxe have not signed.
 */
async function remindable(deadline: string, o: { sentAt?: Date; title?: string } = {}) {
  const { agreement: a } = await buildAgreement(db, { deadline, targets: TARGETS, sentAt: o.sentAt ?? new Date('2029-01-01T10:00:00Z'), title: o.title });
  await buildSignature(db, a.id, KBH);
  await buildSignature(db, a.id, FRB, { state: 'pending', method: 'upload' });
  await db
    .update(agreementTarget)
    .set({ inDialogue: true, dialogueSince: new Date('2029-01-02T10:00:00Z') })
    .where(and(eq(agreementTarget.agreementId, a.id), eq(agreementTarget.municipalityCode, SYDDJURS)));
  return a;
}

const mailsFor = (agreementId: string) =>
  db.select().from(outboxMail).where(like(outboxMail.dedupeKey, `agreement-reminder:${agreementId}:%`)).orderBy(outboxMail.dedupeKey);
const remindersFor = (agreementId: string) => db.select().from(agreementReminder).where(eq(agreementReminder.agreementId, agreementId));
const recipientsOf = (mails: { toAddress: string }[]) => mails.map((m) => m.toAddress).sort();
const nextOf = async (id: string) => (await db.select({ n: agreement.nextReminderAt }).from(agreement).where(eq(agreement.id, id)))[0]!.n;
const sweep = (at: Date, on: Db = db) => sendDueAgreementReminders(on, at, t.config);
const NOT_SIGNED = [pl(BALLERUP), pl(BRONDBY), pl(FAXE)].sort();

describe('the automatic reminder sweep', () => {
  it('sends 7 days before at 09:00 once, to the programledere of the municipalities that have not signed only', async () => {
    const a = await remindable('2030-06-20', { title: 'Databehandleraftale Byg og Miljø' });
    await sweep(new Date('2030-05-01T12:00:00Z'));
    expect(await mailsFor(a.id)).toEqual([]);
    // 09:00 Danish summer time is 07:00 UTC.
    expect((await nextOf(a.id))?.toISOString()).toBe('2030-06-13T07:00:00.000Z');

    const first = await sweep(new Date('2030-06-13T07:00:00Z'));
    expect(first).toMatchObject({ agreements: 1, recipients: 3, failed: [] });
    const mails = await mailsFor(a.id);
    expect(recipientsOf(mails)).toEqual(NOT_SIGNED);
    expect(mails.every((m) => m.kind === 'agreement-reminder')).toBe(true);
    expect(mails[0]!.dedupeKey).toMatch(new RegExp(`^agreement-reminder:${a.id}:d-7@2030-06-20:programleder-`));
    expect(mails[0]!.subject).toBe('Påmindelse: Databehandleraftale Byg og Miljø mangler underskrift');
    expect(mails[0]!.body).toContain('20. juni 2030 (om 7 dage)');
    expect(mails[0]!.body).toContain(`${t.config.publicUrl}/aftaler/${a.id}`);
    expect((await nextOf(a.id))?.toISOString()).toBe('2030-06-19T07:00:00.000Z');

    // A second sweep, at once and a little later: nothing new.
    expect(await sweep(new Date('2030-06-13T07:00:00Z'))).toMatchObject({ agreements: 0, recipients: 0 });
    await sweep(new Date('2030-06-15T10:00:00Z'));
    expect(await mailsFor(a.id)).toHaveLength(3);
    expect((await remindersFor(a.id)).map((r) => r.slot)).toEqual(['d-7@2030-06-20', 'd-7@2030-06-20', 'd-7@2030-06-20']);

    // Brøndby signs; overdue reminders (every 7 days) keep going to the rest.
    await buildSignature(db, a.id, BRONDBY);
    await sweep(new Date('2030-06-19T07:00:00Z'));
    await sweep(new Date('2030-06-20T07:00:00Z'));
    await sweep(new Date('2030-06-27T07:00:00Z'));
    const all = await mailsFor(a.id);
    expect(all).toHaveLength(3 + 3 * 2);
    const overdue = all.filter((m) => m.dedupeKey!.includes(':d+7@'));
    expect(recipientsOf(overdue)).toEqual([pl(BALLERUP), pl(FAXE)].sort());
    expect(overdue[0]!.body).toContain('overskredet med 7 dage');
    expect(all.find((m) => m.dedupeKey!.includes(':d0@'))!.body).toContain('(i dag)');
    expect(all.some((m) => [pl(KBH), pl(FRB), pl(SYDDJURS)].includes(m.toAddress))).toBe(false);

    const history = await agreementReminderHistory(db, a.id);
    expect(history.map((h) => [h.label, h.manual, h.recipients, h.municipalities])).toEqual([
      ['Automatisk: 7 dage efter fristen (frist 20.06.2030)', false, 2, 2],
      ['Automatisk: på fristdagen (frist 20.06.2030)', false, 2, 2],
      ['Automatisk: 1 dag før fristen (frist 20.06.2030)', false, 2, 2],
      ['Automatisk: 7 dage før fristen (frist 20.06.2030)', false, 3, 3],
    ]);
    const audit = await db.select().from(auditEvent).where(and(eq(auditEvent.entityId, a.id), eq(auditEvent.action, 'agreement.reminder_sent')));
    expect(audit).toHaveLength(4);
    expect(audit[0]!.actorLabel).toBe('system');
    expect(audit.find((e) => (e.after as { slot: string }).slot === 'd-7@2030-06-20')!.after).toEqual({
      slot: 'd-7@2030-06-20',
      manual: false,
      recipients: NOT_SIGNED,
      municipalities: [BALLERUP, BRONDBY, FAXE],
    });
  });

  it('sends nothing on or before the day of the dispatch, and never for drafts, closed agreements or those without a deadline', async () => {
    const late = await remindable('2030-07-20', { sentAt: new Date('2030-07-13T06:00:00Z') });
    await sweep(new Date('2030-07-13T07:00:00Z'));
    expect(await mailsFor(late.id)).toEqual([]);
    expect((await nextOf(late.id))?.toISOString()).toBe('2030-07-19T07:00:00.000Z');

    const { agreement: draft } = await buildAgreement(db, { status: 'draft' });
    const { agreement: closed } = await buildAgreement(db, { status: 'closed', deadline: '2030-07-20', targets: [FAXE], sentAt: new Date('2029-01-01T00:00:00Z') });
    await sweep(new Date('2030-07-20T07:00:00Z'));
    expect(await mailsFor(draft.id)).toEqual([]);
    expect(await mailsFor(closed.id)).toEqual([]);
  });

  it('scheduleNextAgreementReminder recomputes next_reminder_at; null unless sent with a deadline', async () => {
    const a = await remindable('2030-08-20');
    expect((await scheduleNextAgreementReminder(db, a.id, new Date('2030-08-14T10:00:00Z')))?.toISOString()).toBe('2030-08-19T07:00:00.000Z');
    expect((await nextOf(a.id))?.toISOString()).toBe('2030-08-19T07:00:00.000Z');
    await db.update(agreement).set({ deadline: '2030-09-20' }).where(eq(agreement.id, a.id));
    expect((await scheduleNextAgreementReminder(db, a.id, new Date('2030-08-14T10:00:00Z')))?.toISOString()).toBe('2030-09-13T07:00:00.000Z');
    await db.update(agreement).set({ status: 'closed' }).where(eq(agreement.id, a.id));
    expect(await scheduleNextAgreementReminder(db, a.id, new Date('2030-08-14T10:00:00Z'))).toBeNull();
    expect(await nextOf(a.id)).toBeNull();
    expect(await scheduleNextAgreementReminder(db, randomUUID(), new Date())).toBeNull();
  });

  it('runs as the scheduler job agreement-reminders', async () => {
    const a = await remindable('2030-10-20');
    const jobs = agreementJobs(t.database, t.config);
    expect(jobs.map((j) => j.name)).toEqual(['agreement-reminders']);
    const at = new Date('2030-10-13T07:00:00Z');
    const scheduler = startScheduler({ database: t.database, jobs, log: pino({ level: 'silent' }), now: () => at });
    await scheduler.runOnce();
    await scheduler.stop();
    expect(recipientsOf(await mailsFor(a.id))).toEqual(NOT_SIGNED);
  });
});

describe('once only, also with concurrent workers and after a crash', () => {
  it('two sweeps at once (separate connections) queue exactly one mail per slot and recipient', async () => {
    const rows = [];
    for (let i = 0; i < 3; i++) rows.push((await buildAgreement(db, { deadline: '2031-01-20', sentAt: new Date('2029-01-01T00:00:00Z') })).agreement); // all 98
    let second: Database | null = null;
    let other: Db = db;
    if (engine === 'postgres') {
      const [{ name }] = (await rawRows<{ name: string }>(db, sql`select current_database() as name`)) as [{ name: string }];
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      second = await openPostgres(url.toString(), { max: 4 });
      other = second.db;
    }
    try {
      const at = new Date('2031-01-13T08:00:00Z');
      const [x, y] = await Promise.all([sweep(at, db), sweep(at, other)]);
      expect(x.recipients + y.recipients).toBe(3 * 98);
      for (const r of rows) {
        const mails = await mailsFor(r.id);
        expect(mails).toHaveLength(98);
        expect(new Set(mails.map((m) => m.toAddress)).size).toBe(98);
        expect(await remindersFor(r.id)).toHaveLength(98);
      }
      // Without the row lock (two deliveries of one round racing), the unique rows still decide.
      const r0 = rows[0]!;
      const ctx = (on: Db): Ctx => ({ actor: null, db: on, now: at, requestId: 'test', config: t.config });
      const round = { slot: 'manual-race', manual: true };
      const both = await Promise.all([
        db.transaction((tx) => deliverRound(tx, ctx(tx), r0, round)),
        other.transaction((tx) => deliverRound(tx, ctx(tx), r0, round)),
      ]);
      expect(both.map((b) => b.recipients).sort((p, q) => p - q)).toEqual([0, 98]);
      expect(await mailsFor(r0.id)).toHaveLength(196);
    } finally {
      await second?.close();
    }
  });

  it('a re-run after a crash (next_reminder_at never moved on) sends nothing twice', async () => {
    const a = await remindable('2031-02-20');
    await sweep(new Date('2031-02-13T08:00:00Z'));
    expect(await mailsFor(a.id)).toHaveLength(3);
    await db.update(agreement).set({ nextReminderAt: null }).where(eq(agreement.id, a.id));
    expect(await remindAgreement(db, a.id, new Date('2031-02-13T08:05:00Z'), t.config)).toBe(0);
    expect(await mailsFor(a.id)).toHaveLength(3);
  });
});

describe('manual reminders', () => {
  const roundIdIn = (html: string) => /name="roundId" value="([0-9a-f-]{36})"/.exec(html)?.[1];

  it('previews exactly the programledere of the municipalities that have not signed; a double POST sends one round', async () => {
    const a = await remindable('2031-04-20', { title: 'Samarbejdsaftale' });
    t.setNow(new Date('2031-04-01T10:00:00Z'));
    try {
      const admin = await loginAs(t.app, DEMO.admin);
      const page = await admin.get(`/aftaler/${a.id}/paamindelse`);
      expect(page.statusCode).toBe(200);
      for (const email of NOT_SIGNED) expect(page.body).toContain(email);
      for (const code of [KBH, FRB, SYDDJURS]) expect(page.body).not.toContain(pl(code));
      expect(page.body).toContain('Syddjurs: i dialog – får ingen påmindelse');
      expect(page.body).toContain('Frederiksberg: modtaget – afventer godkendelse – får ingen påmindelse');
      expect(page.body).toContain('Send påmindelse til 3 modtagere');
      expect(page.body).toContain('Påmindelse: Samarbejdsaftale mangler underskrift');
      expect(page.body).toContain('20. april 2031 (om 19 dage)');
      const roundId = roundIdIn(page.body)!;
      expect(roundId).toBeTruthy();

      const first = await admin.post(`/aftaler/${a.id}/paamindelse`, { roundId });
      expect(first.statusCode).toBe(303);
      expect(first.headers.location).toBe(`/aftaler/${a.id}/paamindelse?besked=sendt&antal=3`);
      const again = await admin.post(`/aftaler/${a.id}/paamindelse`, { roundId });
      expect(again.headers.location).toContain('besked=allerede-sendt');
      const mails = await mailsFor(a.id);
      expect(recipientsOf(mails)).toEqual(NOT_SIGNED);
      expect(mails.every((m) => m.dedupeKey!.startsWith(`agreement-reminder:${a.id}:manual-${roundId}:`))).toBe(true);
      expect((await remindersFor(a.id)).every((r) => r.manual && r.sentBy !== null)).toBe(true);

      const after = await admin.get(`/aftaler/${a.id}/paamindelse?besked=sendt&antal=3`);
      expect(after.body).toContain('Påmindelsen er sendt til 3 modtagere.');
      expect(after.body).toContain('Manuel påmindelse');
      expect(after.body).toContain('Anne Administrator');
      expect(roundIdIn(after.body)).not.toBe(roundId);
    } finally {
      t.setNow(null);
    }
  });

  it('a new round within 24 hours of the last one needs confirmation; the page says when the last went', async () => {
    const a = await remindable('2031-04-25', { title: 'Databehandleraftale' });
    t.setNow(new Date('2031-04-02T12:05:00Z'));
    try {
      const admin = await loginAs(t.app, DEMO.admin);
      const first = roundIdIn((await admin.get(`/aftaler/${a.id}/paamindelse`)).body)!;
      expect((await admin.post(`/aftaler/${a.id}/paamindelse`, { roundId: first })).headers.location).toContain('besked=sendt');

      t.setNow(new Date('2031-04-02T12:20:00Z'));
      const page = await admin.get(`/aftaler/${a.id}/paamindelse?besked=sendt&antal=3`);
      expect(page.body).toContain('Sidste påmindelse blev sendt 2. april 2031 kl. 14.05 til 3 kommuner (3 mails).');
      expect(page.body).toContain('Ja, send en ny påmindelse, selv om der blev sendt en for mindre end et døgn siden');
      const second = roundIdIn(page.body)!;

      const refused = await admin.post(`/aftaler/${a.id}/paamindelse`, { roundId: second });
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain('Bekræft, at der skal sendes en ny påmindelse');
      const consultant = await loginAs(t.app, DEMO.consultant);
      const api = await consultant.api('POST', `/api/v1/agreements/${a.id}/reminders`, { roundId: second });
      expect(api.statusCode).toBe(409);
      expect(api.json()).toMatchObject({ code: 'recent_reminder', fieldErrors: { confirmRecent: expect.any(String) } });
      expect(await mailsFor(a.id)).toHaveLength(3);

      const confirmed = await admin.post(`/aftaler/${a.id}/paamindelse`, { roundId: second, confirmRecent: 'on' });
      expect(confirmed.headers.location).toBe(`/aftaler/${a.id}/paamindelse?besked=sendt&antal=3`);
      expect(await mailsFor(a.id)).toHaveLength(6);

      // A day later no confirmation is needed.
      t.setNow(new Date('2031-04-03T12:21:00Z'));
      const consultant2 = await loginAs(t.app, DEMO.consultant);
      const p = (await consultant2.api('GET', `/api/v1/agreements/${a.id}/reminders/preview`)).json() as { roundId: string };
      expect((await consultant2.api('POST', `/api/v1/agreements/${a.id}/reminders`, { roundId: p.roundId })).statusCode).toBe(201);
      expect(await mailsFor(a.id)).toHaveLength(9);
    } finally {
      t.setNow(null);
    }
  });

  it('lists a municipality where nobody holds the role with 0 recipients', async () => {
    const { agreement: a } = await buildAgreement(db, { audienceRoleKey: 'valgsekretariat', targets: [FAXE, BALLERUP] });
    const consultant = await loginAs(t.app, DEMO.consultant);
    const page = await consultant.get(`/aftaler/${a.id}/paamindelse`);
    expect(page.body).toContain('Ingen modtager i rollegalleriet');
    expect(page.body).not.toContain('name="roundId"');
    const preview = await consultant.api('GET', `/api/v1/agreements/${a.id}/reminders/preview`);
    expect((preview.json() as { municipalities: unknown[] }).municipalities).toEqual([
      { code: BALLERUP, name: 'Ballerup', status: 'not_signed', recipients: 0 },
      { code: FAXE, name: 'Faxe', status: 'not_signed', recipients: 0 },
    ]);
  });

  it('works over the API with the preview round id, once', async () => {
    const a = await remindable('2031-05-20');
    const consultant = await loginAs(t.app, DEMO.consultant);
    const preview = await consultant.api('GET', `/api/v1/agreements/${a.id}/reminders/preview`);
    expect(preview.statusCode).toBe(200);
    const p = preview.json() as { roundId: string; recipients: { email: string }[]; municipalities: { code: string }[]; notReminded: { code: string; status: string }[] };
    expect(p.recipients.map((r) => r.email).sort()).toEqual(NOT_SIGNED);
    expect(p.municipalities.map((m) => m.code)).toEqual([BALLERUP, BRONDBY, FAXE]);
    expect(p.notReminded).toEqual([
      { code: FRB, name: 'Frederiksberg', status: 'pending' },
      { code: SYDDJURS, name: 'Syddjurs', status: 'in_dialogue' },
    ]);
    const sent = await consultant.api('POST', `/api/v1/agreements/${a.id}/reminders`, { roundId: p.roundId });
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toEqual({ roundId: p.roundId, recipients: 3, municipalities: 3, alreadySent: false });
    const twice = await consultant.api('POST', `/api/v1/agreements/${a.id}/reminders`, { roundId: p.roundId });
    expect(twice.statusCode).toBe(200);
    expect(twice.json()).toMatchObject({ recipients: 0, alreadySent: true });
    expect((await consultant.api('POST', `/api/v1/agreements/${a.id}/reminders`, { roundId: 'nope' })).statusCode).toBe(422);
    const history = await consultant.api('GET', `/api/v1/agreements/${a.id}/reminders`);
    expect(history.statusCode).toBe(200);
    const h = history.json() as { rounds: unknown[]; upcoming: unknown[] };
    expect(h.rounds).toEqual([expect.objectContaining({ manual: true, recipients: 3, municipalities: 3, sentByName: 'Karsten Konsulent', label: 'Manuel påmindelse' })]);
    expect(h.upcoming.length).toBeGreaterThan(0);
    expect(await mailsFor(a.id)).toHaveLength(3);
  });

  it('is not for municipal users (404), and only for agreements out for signature (409)', async () => {
    const a = await remindable('2031-06-20');
    const user = await loginAs(t.app, pl(FAXE));
    expect((await user.get(`/aftaler/${a.id}/paamindelse`)).statusCode).toBe(404);
    expect((await user.post(`/aftaler/${a.id}/paamindelse`, { roundId: randomUUID() })).statusCode).toBe(404);
    expect((await user.api('GET', `/api/v1/agreements/${a.id}/reminders`)).statusCode).toBe(404);
    expect((await user.api('GET', `/api/v1/agreements/${a.id}/reminders/preview`)).statusCode).toBe(404);
    expect((await user.api('POST', `/api/v1/agreements/${a.id}/reminders`, { roundId: randomUUID() })).statusCode).toBe(404);

    const admin = await loginAs(t.app, DEMO.admin);
    const { agreement: draft } = await buildAgreement(db, { status: 'draft' });
    const page = await admin.get(`/aftaler/${draft.id}/paamindelse`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('kun sendes påmindelser, når aftalen er udsendt til underskrift');
    expect(page.body).not.toContain('name="roundId"');
    expect((await admin.post(`/aftaler/${draft.id}/paamindelse`, { roundId: randomUUID() })).statusCode).toBe(409);
    await db.update(agreement).set({ status: 'closed' }).where(eq(agreement.id, a.id));
    expect((await admin.api('POST', `/api/v1/agreements/${a.id}/reminders`, { roundId: randomUUID() })).statusCode).toBe(409);
    expect(await mailsFor(a.id)).toEqual([]);
  });
});

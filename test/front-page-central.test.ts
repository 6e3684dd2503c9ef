import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { agreementNote, agreementSignature, outboxMail, taskMessage, taskTarget } from '../src/db/schema.ts';
import { hashPassword } from '../src/platform/auth/secrets.ts';
import { person, roleAssignment, userAccount } from '../src/platform/identity/schema.ts';
import { danishDay } from '../src/platform/views/format.ts';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from './app.ts';
import { buildAgreement } from './factories/agreements.ts';
import { buildTask } from './factories/tasks.ts';

/**
 * "Det skal du nu" for central staff: municipal questions waiting for an answer, uploaded signed
 * copies to review, tasks and agreements due within 14 days or overdue with how many
 * municipalities are missing, and mails that failed; never for municipal users; the menu badges
 * count the same items.
 */

const FAXE = '0320';
const BRONDBY = '0153';
const SYDDJURS = '0706';

/** The sections this front page adds, by the menu entry whose badge counts them. */
const CENTRAL_SECTIONS: Record<string, 'opgaver' | 'aftaler' | 'post'> = {
  'tasks.questions': 'opgaver',
  'tasks.deadlines': 'opgaver',
  'agreements.questions': 'aftaler',
  'agreements.review': 'aftaler',
  'agreements.deadlines': 'aftaler',
  'outbox.problems': 'post',
};

type Attention = { today: string; sections: { key: string; heading: string; items: { kind: string; title: string; detail: string | null; dueDate: string | null; waitingSince: string | null; link: string; severity: string }[] }[] };

const dayPlus = (days: number) => danishDay(new Date(Date.now() + days * 86_400_000));

let t: TestApp;
let db: Db;
let consultant: Client;
let admin: Client;
let reader: Client;
let leader: Client;

async function attention(client: Client): Promise<Attention> {
  const res = await client.get('/api/v1/me/attention');
  expect(res.statusCode).toBe(200);
  return res.json() as Attention;
}
const section = (a: Attention, key: string) => a.sections.find((s) => s.key === key);
const itemsOf = (a: Attention, key: string) => section(a, key)?.items ?? [];

/** The number in a menu link's badge, 0 when it has none. */
function badge(html: string, href: string): number {
  const link = new RegExp(`<a[^>]*href="${href.replace(/[?]/g, '\\?')}"[^>]*>([\\s\\S]*?)</a>`).exec(html)?.[1] ?? '';
  const n = /samspil-menu-count">(\d+)</.exec(link)?.[1];
  return n ? Number(n) : 0;
}

beforeAll(async () => {
  t = await startTestApp();
  db = t.database.db;
  consultant = await loginAs(t.app, DEMO.consultant);
  admin = await loginAs(t.app, DEMO.admin);
  leader = await loginAs(t.app, DEMO.programLeader(FAXE));
  const [p] = await db.insert(person).values({ municipalityCode: null, name: 'Drift Læser', email: 'drift-forside@central.test' }).returning();
  await db.insert(userAccount).values({ personId: p!.id, email: 'drift-forside@central.test', passwordHash: await hashPassword('hemmelig-1234') });
  await db.insert(roleAssignment).values({ personId: p!.id, municipalityCode: null, roleTypeKey: 'drift' });
  reader = await loginAs(t.app, 'drift-forside@central.test', 'hemmelig-1234');
});
afterAll(() => t?.close());

describe('the central front page', () => {
  it('shows a municipal question with its age until KOMBIT answers it', async () => {
    const { task } = await buildTask(db, { title: 'Spørgeopgave', targets: [FAXE, BRONDBY] });
    await db.insert(taskMessage).values({
      taskId: task.id,
      municipalityCode: FAXE,
      authorName: 'Programleder Faxe',
      fromCentral: false,
      body: 'Gælder trin 1 også for vores underleverandør?',
      createdAt: new Date(Date.now() - 3 * 86_400_000 - 60_000),
    });
    const link = `/opgaver/${task.id}/kommuner/${FAXE}#beskeder`;

    const html = (await consultant.get('/')).body;
    expect(html).toContain('Spørgsmål fra kommunerne om opgaver');
    expect(html).toContain(`href="${link}"`);
    const item = new RegExp(`href="${link}"[\\s\\S]*?</li>`).exec(html)![0];
    expect(item).toContain('Faxe: Spørgeopgave');
    expect(item).toContain('Gælder trin 1 også for vores underleverandør?');
    expect(item).toContain('Har ventet 3 dage');
    const api = itemsOf(await attention(consultant), 'tasks.questions').find((i) => i.link === link);
    expect(api).toMatchObject({ kind: 'task.question', severity: 'warning' });
    expect(api!.waitingSince).not.toBeNull();
    // A reader among central staff may answer task questions too (post-message.ts), so sees them.
    expect(itemsOf(await attention(reader), 'tasks.questions').some((i) => i.link === link)).toBe(true);

    const answered = await consultant.api('POST', `/api/v1/tasks/${task.id}/municipalities/${FAXE}/messages`, { body: 'Ja, det gør det.' });
    expect(answered.statusCode).toBe(201);
    expect((await consultant.get('/')).body).not.toContain(`href="${link}"`);
  });

  it('shows a note from a municipality on an agreement to the editors until it is answered', async () => {
    const { agreement } = await buildAgreement(db, { title: 'Noteaftale', targets: [FAXE, BRONDBY] });
    await db.insert(agreementNote).values({ agreementId: agreement.id, municipalityCode: BRONDBY, authorName: 'Brøndby', fromCentral: false, body: 'Hvem skal underskrive?', createdAt: new Date() });
    const link = `/aftaler/${agreement.id}/kommuner/${BRONDBY}`;
    expect(itemsOf(await attention(consultant), 'agreements.questions').find((i) => i.link === link)).toMatchObject({ title: 'Brøndby: Noteaftale' });
    // Answering notes is for central editors only (policy.ts), so a reader gets no such section.
    expect(section(await attention(reader), 'agreements.questions')).toBeUndefined();
    const res = await consultant.api('POST', `/api/v1/agreements/${agreement.id}/municipalities/${BRONDBY}/notes`, { body: 'Borgmesteren.' });
    expect(res.statusCode).toBeLessThan(300);
    expect(itemsOf(await attention(consultant), 'agreements.questions').some((i) => i.link === link)).toBe(false);
  });

  it('shows an uploaded signed copy until it is approved', async () => {
    const { agreement, version } = await buildAgreement(db, { title: 'Kopiaftale', targets: [FAXE, BRONDBY] });
    const [s] = await db
      .insert(agreementSignature)
      .values({
        agreementId: agreement.id,
        versionId: version.id,
        municipalityCode: FAXE,
        method: 'upload',
        state: 'pending',
        signerName: 'Borgmester Faxe',
        signerTitle: 'Borgmester',
        signedAt: new Date(Date.now() - 2 * 86_400_000),
        versionSha256: version.sha256,
        uploadFilename: 'underskrevet.pdf',
        uploadContentType: 'application/pdf',
        uploadSize: 3,
        uploadSha256: 'x',
        uploadContent: Buffer.from('pdf'),
      })
      .returning();
    const link = `/aftaler/${agreement.id}/underskrifter#underskrift-${s!.id}`;
    const html = (await consultant.get('/')).body;
    expect(html).toContain('Underskrevne kopier til godkendelse');
    const item = new RegExp(`href="${link}"[\\s\\S]*?</li>`).exec(html)![0];
    expect(item).toContain('Faxe: Kopiaftale');
    expect(item).toContain('Har ventet 2 dage');
    expect(section(await attention(reader), 'agreements.review')).toBeUndefined();

    await consultant.get(`/aftaler/${agreement.id}/underskrifter`);
    const approved = await consultant.post(`/aftaler/${agreement.id}/underskrifter/${s!.id}/godkend`);
    expect(approved.statusCode).toBe(303);
    expect((await consultant.get('/')).body).not.toContain(link);
  });

  it('shows a task due in 5 days with how many municipalities are missing, and an overdue agreement', async () => {
    const due = dayPlus(5);
    const { task } = await buildTask(db, { code: 'FRIST - 5', title: 'Snart-opgave', deadline: due, targets: [FAXE, BRONDBY, SYDDJURS] });
    await db.update(taskTarget).set({ status: 'loest', solvedAt: new Date() }).where(and(eq(taskTarget.taskId, task.id), eq(taskTarget.municipalityCode, BRONDBY)));
    const later = await buildTask(db, { code: 'FRIST - 30', title: 'Senere-opgave', deadline: dayPlus(30), targets: [FAXE] });
    const done = await buildTask(db, { code: 'FRIST - løst', title: 'Løst-opgave', deadline: dayPlus(2), targets: [FAXE] });
    await db.update(taskTarget).set({ status: 'ikke_relevant', notRelevantReason: 'Nej' }).where(eq(taskTarget.taskId, done.task.id));
    const { agreement } = await buildAgreement(db, { title: 'Overskredet aftale', deadline: dayPlus(-12), targets: [FAXE, BRONDBY] });

    const html = (await consultant.get('/')).body;
    const item = new RegExp(`href="/opgaver/${task.id}/overblik"[\\s\\S]*?</li>`).exec(html)![0];
    expect(item).toContain('FRIST - 5 Snart-opgave');
    expect(item).toContain('Mangler 2 af 3 kommuner');
    expect(item).toContain('om 5 dage');
    expect(html).not.toContain(later.task.id);
    expect(html).not.toContain(done.task.id);
    const agreementItem = new RegExp(`href="/aftaler/${agreement.id}/status"[\\s\\S]*?</li>`).exec(html)![0];
    expect(agreementItem).toContain('Mangler 2 af 2 kommuner');
    expect(agreementItem).toContain('overskredet med 12 dage');
    expect(itemsOf(await attention(reader), 'tasks.deadlines').find((i) => i.link === `/opgaver/${task.id}/overblik`)).toMatchObject({ dueDate: due, severity: 'warning' });
    expect(itemsOf(await attention(reader), 'agreements.deadlines').find((i) => i.link === `/aftaler/${agreement.id}/status`)).toMatchObject({
      kind: 'agreement.overdue',
      severity: 'alert',
    });
  });

  it('shows failed and uncertain mail to administrators only', async () => {
    await db.insert(outboxMail).values([
      { toAddress: 'a@kommune.test', subject: 'Fejlet', body: 'x', kind: 'test', status: 'failed', lastError: 'SMTP nede' },
      { toAddress: 'b@kommune.test', subject: 'Fejlet 2', body: 'x', kind: 'test', status: 'failed', lastError: 'SMTP nede' },
      { toAddress: 'c@kommune.test', subject: 'Usikker', body: 'x', kind: 'test', status: 'uncertain' },
    ]);
    const html = (await admin.get('/')).body;
    expect(html).toContain('href="/udgaaende-post?status=failed"');
    expect(html).toContain('2 mails kunne ikke sendes');
    expect(html).toContain('href="/udgaaende-post?status=uncertain"');
    expect(html).toContain('1 mail med usikker afsendelse');
    expect(section(await attention(consultant), 'outbox.problems')).toBeUndefined();
    expect((await consultant.get('/')).body).not.toContain('/udgaaende-post?status=');
  });

  it('is never shown to municipal users', async () => {
    // Everything above is still there (the unanswered agreement note was answered; the rest waits).
    const html = (await leader.get('/')).body;
    for (const heading of ['Spørgsmål fra kommunerne', 'Noter fra kommunerne', 'Underskrevne kopier til godkendelse', 'Opgaver med frist inden for', 'Aftaler med frist inden for', 'Udgående post, der kræver']) {
      expect(html).not.toContain(heading);
    }
    const keys = (await attention(leader)).sections.map((s) => s.key);
    for (const key of Object.keys(CENTRAL_SECTIONS)) expect(keys).not.toContain(key);
    for (const code of [FAXE, BRONDBY]) {
      const other = await loginAs(t.app, DEMO.klikAdmin(code));
      const k = (await attention(other)).sections.map((s) => s.key);
      for (const key of Object.keys(CENTRAL_SECTIONS)) expect(k).not.toContain(key);
    }
  });

  it('counts the same items in the menu badges', async () => {
    for (const client of [consultant, admin, reader, leader]) {
      const a = await attention(client);
      const html = (await client.get('/')).body;
      const expected = { opgaver: 0, aftaler: 0, post: 0 };
      for (const s of a.sections) {
        const menu = CENTRAL_SECTIONS[s.key];
        if (!menu) continue;
        expect(s.items.some((i) => i.kind.endsWith('.more')), `${s.key} is capped in this test`).toBe(false);
        // The outbox items stand for all mails of a status; its badge counts the mails.
        expected[menu] += s.key === 'outbox.problems' ? s.items.reduce((n, i) => n + Number(/^(\d+)/.exec(i.title)![1]), 0) : s.items.length;
      }
      if (client === leader) {
        expect(expected).toEqual({ opgaver: 0, aftaler: 0, post: 0 });
        continue;
      }
      expect(expected.opgaver + expected.aftaler).toBeGreaterThan(0);
      expect(badge(html, '/overblik')).toBe(expected.opgaver);
      expect(badge(html, '/aftaler')).toBe(expected.aftaler);
      expect(badge(html, '/udgaaende-post')).toBe(expected.post);
    }
  });

  it('shows at most 50 tasks due and says how many more, while the badge counts them all', async () => {
    const before = itemsOf(await attention(consultant), 'tasks.deadlines').length;
    for (let i = 0; i < 51; i++) await buildTask(db, { code: `MANGE - ${String(i).padStart(2, '0')}`, deadline: dayPlus(1), targets: [FAXE] });
    const items = itemsOf(await attention(consultant), 'tasks.deadlines');
    expect(items).toHaveLength(51);
    const more = items[50]!;
    expect(more).toMatchObject({ kind: 'task.due.more', link: '/overblik', severity: 'info', title: `Og ${before + 51 - 50} flere opgaver med frist` });
    const sum = items.length - 1 + (before + 51 - 50) + itemsOf(await attention(consultant), 'tasks.questions').length;
    expect(badge((await consultant.get('/')).body, '/overblik')).toBe(sum);
  });
});

import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { targetOf } from '../../../../test/factories/tasks.ts';
import { rawRows } from '../../../db/client.ts';
import { hashPassword } from '../../../platform/auth/secrets.ts';
import { person, roleAssignment, userAccount } from '../../../platform/identity/schema.ts';
import { task, taskStep } from '../schema.ts';

/** A municipality's own tasks: only it sees them. Faxe (0320) creates; Brøndby (0153) and KOMBIT must not see them. */

const FAXE = '0320';
const BRONDBY = '0153';

describe('local tasks', () => {
  let t: TestApp;
  let leader: Client;
  let colleague: Client; // a Faxe user without admin roles
  let brondby: Client;
  let admin: Client;

  const db = () => t.database.db;
  const idFrom = (location: unknown) => /\/opgaver\/([0-9a-f-]{36})/.exec(String(location))![1]!;

  beforeAll(async () => {
    t = await startTestApp();
    const email = 'kollega@faxe.test';
    const [p] = await db().insert(person).values({ municipalityCode: FAXE, name: 'Karl Kollega', email }).returning();
    await db().insert(userAccount).values({ personId: p!.id, email, passwordHash: await hashPassword('hemmelig-1234') });
    await db().insert(roleAssignment).values({ personId: p!.id, municipalityCode: FAXE, roleTypeKey: 'superbruger', solutionKey: 'aula' });
    colleague = await loginAs(t.app, email, 'hemmelig-1234');
    leader = await loginAs(t.app, DEMO.programLeader(FAXE));
    brondby = await loginAs(t.app, DEMO.programLeader(BRONDBY));
    admin = await loginAs(t.app, DEMO.admin);
  });
  afterAll(() => t.close());

  it('creates a local task from the form, visible only to the municipality', async () => {
    const form = await leader.get('/opgaver/lokal/ny');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Kun kommunens brugere kan se den');
    const [klik] = await db().select({ id: person.id }).from(person).where(eq(person.email, DEMO.klikAdmin(FAXE)));

    const res = await leader.post('/opgaver/lokal/ny', {
      title: 'Opdatér lokale vejledninger',
      description: 'Husk **alle** afdelinger.',
      deadline: '2031-09-30',
      steps: 'Find vejledningerne\r\n\r\nRet dem\r\nSend dem ud',
      responsiblePersonId: klik!.id,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain('besked=lokal-oprettet');
    const id = idFrom(res.headers.location);
    const [row] = await db().select().from(task).where(eq(task.id, id));
    expect(row).toMatchObject({ code: `LOKAL-${FAXE}-1`, localMunicipalityCode: FAXE, status: 'published', deadline: '2031-09-30' });
    const steps = await db().select().from(taskStep).where(eq(taskStep.taskId, id)).orderBy(taskStep.position);
    expect(steps.map((s) => s.title)).toEqual(['Find vejledningerne', 'Ret dem', 'Send dem ud']);
    expect(await targetOf(db(), id, FAXE)).toMatchObject({ status: 'ikke_startet', responsiblePersonId: klik!.id });

    const page = await leader.get(`/opgaver/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Lokal opgave');
    expect(page.body).toContain('<strong>alle</strong>');

    // In "Mine opgaver" under "Lokale opgaver", for every user of the municipality.
    const list = (await colleague.get('/opgaver')).body;
    expect(list).toContain('Kommunens lokale opgaver (');
    expect(list.slice(list.indexOf('Lokale opgaver'))).toContain('Opdatér lokale vejledninger');

    // Nobody else: not Brøndby, not KOMBIT.
    expect((await brondby.get(`/opgaver/${id}`)).statusCode).toBe(404);
    expect((await brondby.get('/opgaver')).body).not.toContain('Opdatér lokale vejledninger');
    expect((await brondby.api('GET', `/api/v1/tasks/${id}/municipalities/${FAXE}`)).statusCode).toBe(404);
    expect((await brondby.api('GET', `/api/v1/tasks/${id}/municipalities/${BRONDBY}`)).statusCode).toBe(404);
    expect((await admin.api('GET', `/api/v1/tasks/${id}/municipalities/${FAXE}`)).statusCode).toBe(404);
    expect((await admin.get(`/opgaver/${id}/kommuner/${FAXE}`)).statusCode).toBe(404);

    // The colleague works through it to "løst".
    await colleague.get(`/opgaver/${id}`);
    for (const s of steps) expect((await colleague.post(`/opgaver/${id}/trin/${s.id}`, { completed: 'on' })).statusCode).toBe(303);
    expect((await targetOf(db(), id, FAXE))!.status).toBe('loest');

    // The log records the creation for Faxe without the municipality's own text.
    const [audit] = await rawRows<{ municipality_code: string; after: Record<string, unknown> }>(
      db(),
      sql`select municipality_code, after from audit_event where action = 'task.local_created' and entity_id = ${id}`,
    );
    expect(audit!.municipality_code).toBe(FAXE);
    expect(JSON.stringify(audit!.after)).not.toContain('vejledninger');
  });

  it('numbers generated codes and keeps user codes unique within the municipality', async () => {
    const make = (code: string) => leader.api('POST', '/api/v1/local-tasks', { code, title: `Opgave ${code || 'uden kode'}`, deadline: '2031-01-01', steps: [{ title: 'Gør det' }] });
    const generated = await make('');
    expect(generated.statusCode).toBe(201);
    expect(generated.json()).toMatchObject({ task: { code: `LOKAL-${FAXE}-2`, local: true }, municipalityCode: FAXE, status: 'ikke_startet' });
    expect((await make('FAXE-IT-7')).statusCode).toBe(201);
    const twice = await make('faxe-it-7');
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ fieldErrors: { code: 'Koden er allerede brugt til en anden lokal opgave' } });
    // Brøndby may use the same code for its own task.
    const other = await brondby.api('POST', '/api/v1/local-tasks', { code: 'FAXE-IT-7', title: 'Brøndbys', deadline: '2031-01-01', steps: [{ title: 'x', answerKind: 'yes_no' }] });
    expect(other.statusCode).toBe(201);
    expect(other.json()).toMatchObject({ municipalityCode: BRONDBY, steps: [{ answerKind: 'yes_no' }] });
  });

  it('shows the form again with Danish errors and writes nothing', async () => {
    const before = await rawRows<{ n: number }>(db(), sql`select count(*)::int as n from task`);
    const res = await leader.post('/opgaver/lokal/ny', { title: '', deadline: '31.02.2031', steps: '  \n ', description: 'Beholdes <b>' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Skriv en titel');
    expect(res.body).toContain('Vælg en gyldig frist, fx 28.05.2025');
    expect(res.body).toContain('Skriv mindst ét trin');
    expect(res.body).toContain('Beholdes &lt;b>');
    const wrongPerson = await leader.post('/opgaver/lokal/ny', {
      title: 'X',
      deadline: '2031-01-01',
      steps: 'a',
      responsiblePersonId: (await db().select({ id: person.id }).from(person).where(eq(person.email, DEMO.klikAdmin(BRONDBY))))[0]!.id,
    });
    expect(wrongPerson.statusCode).toBe(422);
    expect(wrongPerson.body).toContain('Vælg en aktiv person fra kommunens rollegalleri');
    expect(await rawRows<{ n: number }>(db(), sql`select count(*)::int as n from task`)).toEqual(before);
  });

  it('is for the municipalities: central staff are refused', async () => {
    expect((await admin.get('/opgaver/lokal/ny')).statusCode).toBe(403);
    expect((await admin.post('/opgaver/lokal/ny', { title: 'X', deadline: '2031-01-01', steps: 'a' })).statusCode).toBe(403);
    expect((await admin.api('POST', '/api/v1/local-tasks', { title: 'X', deadline: '2031-01-01', steps: [{ title: 'a' }] })).statusCode).toBe(403);
  });
});

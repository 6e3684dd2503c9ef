import { sql } from 'drizzle-orm';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../test/app.ts';
import { rawRows } from '../../db/client.ts';
import { AUDIT_ACTION_LABELS } from '../../platform/audit/actions.ts';
import { auditEvent } from '../../platform/audit/schema.ts';

/**
 * The log as its readers see it: Danish labels for every action, the object named and linked,
 * the before/after as a list of changed fields, and IP addresses for KOMBIT's administrators only.
 */

const FAXE = '0320';
const IP = '198.51.100.77';

/** Every action string written by a recordAudit( call anywhere in src. */
function actionsInSource(): string[] {
  const root = join(import.meta.dirname, '..', '..');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));
  const found = new Set<string>();
  for (const f of files) {
    const text = readFileSync(join(root, f), 'utf8');
    for (const call of text.matchAll(/recordAudit\(([\s\S]*?)\}\)/g)) {
      const line = /action:([^\n]*)/.exec(call[1]!);
      for (const m of line?.[1]?.matchAll(/'([a-z_]+\.[a-z_]+)'/g) ?? []) found.add(m[1]!);
    }
  }
  return [...found].sort();
}

let t: TestApp;
let admin: Client;
let klik: Client;
let task: { id: string; code: string; title: string };
let faxePerson: { id: string; name: string };
let agreementId: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await loginAs(t.app, DEMO.admin);
  klik = await loginAs(t.app, DEMO.klikAdmin(FAXE));
  const db = t.database.db;
  task = (
    await rawRows<{ id: string; code: string; title: string }>(
      db,
      sql`insert into task (code, title, deadline) values ('KLIK - LOG 01', 'Loggens opgave', '2026-12-31') returning id::text as id, code, title`,
    )
  )[0]!;
  faxePerson = (await rawRows<{ id: string; name: string }>(db, sql`select id::text as id, name from person where municipality_code = ${FAXE} order by name limit 1`))[0]!;
  [{ id: agreementId }] = (await rawRows<{ id: string }>(
    db,
    sql`insert into agreement (type, title) values ('databehandleraftale', 'Databehandleraftale Loggen') returning id::text as id`,
  )) as [{ id: string }];
  await db.insert(auditEvent).values([
    {
      actorLabel: 'Revisor Rikke',
      municipalityCode: FAXE,
      action: 'person.updated',
      entityType: 'person',
      entityId: faxePerson.id,
      before: { name: 'Gammelt Navn', email: 'samme@faxe.dk', phone: '' },
      after: { name: 'Nyt Navn', email: 'samme@faxe.dk', phone: '12345678' },
    },
    { actorLabel: 'Revisor Rikke', municipalityCode: null, action: 'task.published', entityType: 'task', entityId: task.id, after: { status: 'published' } },
    {
      actorLabel: 'Revisor Rikke',
      municipalityCode: FAXE,
      action: 'agreement.signed',
      entityType: 'agreement',
      entityId: agreementId,
      after: { signerName: 'Borgmester Bo', ip: IP },
    },
  ]);
}, 60_000);
afterAll(() => t?.close());

describe('the log’s actions', () => {
  it('has a Danish label for every action the source records', () => {
    const actions = actionsInSource();
    expect(actions.length).toBeGreaterThan(40);
    const unlabelled = actions.filter((a) => !Object.hasOwn(AUDIT_ACTION_LABELS, a));
    expect(unlabelled, `actions without a Danish label in src/platform/audit/actions.ts`).toEqual([]);
    // No label is the key itself or shared by two actions, so the filter can tell them apart.
    const labels = Object.values(AUDIT_ACTION_LABELS);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('lists every action by its Danish label in the page’s filter', async () => {
    const page = await admin.get('/log');
    expect(page.statusCode).toBe(200);
    for (const [action, label] of Object.entries(AUDIT_ACTION_LABELS)) {
      expect(page.body, action).toMatch(new RegExp(`<option value="${action.replace('.', '\\.')}"[^>]*>${label.replace(/[/]/g, '\\/')}</option>`));
    }
  });
});

describe('a log entry as a reader sees it', () => {
  it('names the action in Danish, links the object and lists the changed fields', async () => {
    const page = await admin.get('/log?soeg=Revisor+Rikke');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('>Person rettet<');
    expect(page.body).toContain('>Opgave offentliggjort<');
    expect(page.body).toContain('>Aftale underskrevet<');
    expect(page.body).not.toContain('>person.updated<');
    expect(page.body).toContain(`<a href="/kommuner/${FAXE}/personer/${faxePerson.id}">${faxePerson.name}</a>`);
    expect(page.body).toContain(`<a href="/opgaver/${task.id}">${task.code} ${task.title}</a>`);
    expect(page.body).toContain(`<a href="/aftaler/${agreementId}">Databehandleraftale Loggen</a>`);
    // Only what changed, as field: old → new; the unchanged e-mail is not listed.
    expect(page.body).toContain('<li>Navn: Gammelt Navn → Nyt Navn</li>');
    expect(page.body).toContain('<li>Telefon: (tom) → 12345678</li>');
    expect(page.body).not.toContain('E-mail: samme@faxe.dk');
    expect(page.body).not.toContain('&quot;før&quot;');
  });

  it('shows IP addresses to a central administrator only', async () => {
    const central = await admin.get('/log?soeg=Revisor+Rikke');
    expect(central.body).toContain(`IP-adresse: ${IP}`);
    const centralApi = await admin.api('GET', '/api/v1/audit?soeg=Revisor+Rikke');
    const signed = (centralApi.json().entries as { action: string; actionLabel: string; after: { ip?: string } }[]).find((e) => e.action === 'agreement.signed')!;
    expect(signed.after.ip).toBe(IP);
    expect(signed.actionLabel).toBe('Aftale underskrevet');

    // Faxe's KLIK administrator reads Faxe's entries, the signature among them, but not the address.
    const own = await klik.get('/log?soeg=Revisor+Rikke');
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('>Aftale underskrevet<');
    expect(own.body).toContain('Underskriver: Borgmester Bo');
    expect(own.body).not.toContain(IP);
    const ownApi = await klik.api('GET', '/api/v1/audit?soeg=Revisor+Rikke');
    expect(ownApi.statusCode).toBe(200);
    expect(ownApi.body).toContain('Borgmester Bo');
    expect(ownApi.body).not.toContain(IP);
  });

  it('shows no IP address to a KOMBIT consultant, whether or not the consultant may read the log', async () => {
    const consultant = await loginAs(t.app, DEMO.consultant);
    for (const res of [await consultant.get('/log?soeg=Revisor+Rikke'), await consultant.api('GET', '/api/v1/audit?soeg=Revisor+Rikke')]) {
      expect([200, 403]).toContain(res.statusCode);
      expect(res.body).not.toContain(IP);
    }
  });
});

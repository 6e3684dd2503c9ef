import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type TestApp } from '../../../../test/app.ts';
import { buildAgreement, buildSignature, buildVersion } from '../../../../test/factories/agreements.ts';
import type { Db } from '../../../db/client.ts';
import { auditEvent, outboxMail } from '../../../db/schema.ts';
import { agreementNote, agreementSignature, agreementTarget } from '../schema.ts';

const KBH = '0101';
const FRB = '0147';
const BALLERUP = '0151';
const SYDDJURS = '0706';
const AARHUS = '0751';

let t: TestApp;
let db: Db;

beforeAll(async () => {
  t = await startTestApp();
  db = t.database.db;
});
afterAll(() => t?.close());

const notesOf = (agreementId: string, code: string) =>
  db.select().from(agreementNote).where(and(eq(agreementNote.agreementId, agreementId), eq(agreementNote.municipalityCode, code)));
const auditOf = (agreementId: string, action: string) =>
  db.select().from(auditEvent).where(and(eq(auditEvent.entityId, agreementId), eq(auditEvent.action, action)));
const noteMails = (noteId: string) => db.select().from(outboxMail).where(like(outboxMail.dedupeKey, `agreement-note:${noteId}:%`));
const targetOf = async (agreementId: string, code: string) =>
  (await db.select().from(agreementTarget).where(and(eq(agreementTarget.agreementId, agreementId), eq(agreementTarget.municipalityCode, code))))[0]!;

const sent = async (title: string) => (await buildAgreement(db, { title, targets: [KBH, FRB, BALLERUP, SYDDJURS] })).agreement;

describe('the per-municipality page', () => {
  it('shows a municipality its own page with the signature history; another municipality’s is 404', async () => {
    const a = await sent('Aftale med historik');
    // Version 1 signed, then superseded by version 2; an upload of version 2 rejected; then signed again.
    const first = await buildSignature(db, a.id, KBH, { signedAt: new Date('2025-03-10T10:00:00Z') });
    await db.update(agreementSignature).set({ supersededAt: new Date('2025-03-28T10:00:00Z') }).where(eq(agreementSignature.id, first.id));
    await buildVersion(db, a.id, 2, { changeNote: 'Rettelse af fejl i bilag' });
    const upload = await buildSignature(db, a.id, KBH, { state: 'pending', method: 'upload', signedAt: new Date('2025-04-01T10:00:00Z') });
    await db.update(agreementSignature).set({ state: 'rejected', rejectReason: 'Side 2 mangler' }).where(eq(agreementSignature.id, upload.id));
    await buildSignature(db, a.id, KBH, { signedAt: new Date('2025-04-02T10:00:00Z') });

    const pl = await loginAs(t.app, DEMO.programLeader(KBH));
    const page = await pl.get(`/aftaler/${a.id}/kommuner/${KBH}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('København Kommune');
    expect(page.body).toMatch(/id="kommunens-status">\s*Underskrevet/);
    const history = [...page.body.matchAll(/<tr data-underskrift="[^"]+" data-gaeldende="(ja|nej)">([\s\S]*?)<\/tr>/g)].map((m) => [m[1], m[2]]);
    expect(history).toHaveLength(3);
    expect(history[0]![0]).toBe('ja');
    expect(history[0]![1]).toContain('Version 2');
    expect(history[0]![1]).toContain('Gældende');
    expect(history[1]![1]).toContain('Afvist: Side 2 mangler');
    expect(history[1]![1]).toContain('Uploadet underskrevet kopi');
    expect(history[2]![1]).toContain('Version 1');
    expect(history[2]![1]).toContain('Gælder ikke længere: erstattet af en ny version 28. marts 2025');
    // A municipal user sees no dialogue toggle.
    expect(page.body).not.toContain(`/kommuner/${KBH}/dialog`);

    expect((await pl.get(`/aftaler/${a.id}/kommuner/${FRB}`)).statusCode).toBe(404);
    expect((await pl.api('GET', `/api/v1/agreements/${a.id}/municipalities/${FRB}/notes`)).statusCode).toBe(404);
    const aarhus = await loginAs(t.app, DEMO.programLeader(AARHUS));
    expect((await aarhus.get(`/aftaler/${a.id}/kommuner/${AARHUS}`)).statusCode).toBe(404);
    const consultant = await loginAs(t.app, DEMO.consultant);
    expect((await consultant.get(`/aftaler/${a.id}/kommuner/${FRB}`)).statusCode).toBe(200);
    // Central staff: a municipality the agreement was not sent to has no page.
    expect((await consultant.get(`/aftaler/${a.id}/kommuner/${AARHUS}`)).statusCode).toBe(404);
    expect((await consultant.get(`/aftaler/${a.id}/kommuner/abcd`)).statusCode).toBe(404);
  });
});

describe('notes', () => {
  it('a municipality’s note is seen by central staff and that municipality only, mails nobody, and is not added twice', async () => {
    const a = await sent('Aftale med noter');
    const klik = await loginAs(t.app, DEMO.klikAdmin(KBH));
    await klik.get(`/aftaler/${a.id}/kommuner/${KBH}`);
    const posted = await klik.post(`/aftaler/${a.id}/kommuner/${KBH}/noter`, { body: '  Vi venter på byrådets møde 12. maj.\r\n\r\nHilsen KBH  ' });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe(`/aftaler/${a.id}/kommuner/${KBH}?besked=note-tilfoejet#noter`);
    const again = await klik.post(`/aftaler/${a.id}/kommuner/${KBH}/noter`, { body: 'Vi venter på byrådets møde 12. maj.\n\nHilsen KBH' });
    expect(again.headers.location).toContain('besked=note-findes');
    const notes = await notesOf(a.id, KBH);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ body: 'Vi venter på byrådets møde 12. maj.\n\nHilsen KBH', fromCentral: false, authorName: 'KLIK-administrator København' });
    expect(await noteMails(notes[0]!.id)).toEqual([]);
    const audit = await auditOf(a.id, 'agreement.note_posted');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.municipalityCode).toBe(KBH);

    const shown = await klik.get(`/aftaler/${a.id}/kommuner/${KBH}?besked=note-tilfoejet`);
    expect(shown.body).toContain('Noten er tilføjet.');
    expect(shown.body).toContain('Vi venter på byrådets møde 12. maj.');
    expect(shown.body).toContain('(København Kommune)');

    const consultant = await loginAs(t.app, DEMO.consultant);
    expect((await consultant.get(`/aftaler/${a.id}/kommuner/${KBH}`)).body).toContain('Vi venter på byrådets møde 12. maj.');
    // The status page shows it as the latest note.
    expect((await consultant.get(`/aftaler/${a.id}/status`)).body).toContain('Vi venter på byrådets møde 12. maj. Hilsen KBH');
    const api = await consultant.api('GET', `/api/v1/agreements/${a.id}/municipalities/${KBH}/notes`);
    expect((api.json() as { notes: { body: string }[] }).notes.map((n) => n.body)).toEqual(['Vi venter på byrådets møde 12. maj.\n\nHilsen KBH']);

    // Frederiksberg sees nothing of it, neither the thread nor the note in its own.
    const frb = await loginAs(t.app, DEMO.programLeader(FRB));
    expect((await frb.get(`/aftaler/${a.id}/kommuner/${KBH}`)).statusCode).toBe(404);
    const own = await frb.get(`/aftaler/${a.id}/kommuner/${FRB}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain('byrådets møde');
    expect((await frb.post(`/aftaler/${a.id}/kommuner/${KBH}/noter`, { body: 'Hej' })).statusCode).toBe(404);
    expect((await frb.api('POST', `/api/v1/agreements/${a.id}/municipalities/${KBH}/notes`, { body: 'Hej' })).statusCode).toBe(404);
    expect(await notesOf(a.id, KBH)).toHaveLength(1);
  });

  it('a note from central staff is mailed to the municipality’s addressees', async () => {
    const a = await sent('Aftale med svar');
    const consultant = await loginAs(t.app, DEMO.consultant);
    const res = await consultant.api('POST', `/api/v1/agreements/${a.id}/municipalities/${BALLERUP}/notes`, { body: 'Bilag 3 er rettet.' });
    expect(res.statusCode).toBe(201);
    const note = res.json() as { id: string; fromCentral: boolean; authorName: string };
    expect(note).toMatchObject({ fromCentral: true, authorName: 'Karsten Konsulent' });
    const mails = await noteMails(note.id);
    expect(mails.map((m) => m.toAddress)).toEqual([DEMO.programLeader(BALLERUP)]);
    expect(mails[0]!.subject).toBe('Ny note fra KOMBIT om aftalen "Aftale med svar"');
    expect(mails[0]!.body).toContain('Bilag 3 er rettet.');
    expect(mails[0]!.body).toContain(`${t.config.publicUrl}/aftaler/${a.id}/kommuner/${BALLERUP}#noter`);
    const twice = await consultant.api('POST', `/api/v1/agreements/${a.id}/municipalities/${BALLERUP}/notes`, { body: 'Bilag 3 er rettet.' });
    expect(twice.statusCode).toBe(200);
    expect((twice.json() as { id: string }).id).toBe(note.id);
  });

  it('refuses an empty or too long note with a Danish message and writes nothing', async () => {
    const a = await sent('Aftale uden tom note');
    const pl = await loginAs(t.app, DEMO.programLeader(SYDDJURS));
    await pl.get(`/aftaler/${a.id}/kommuner/${SYDDJURS}`);
    const empty = await pl.post(`/aftaler/${a.id}/kommuner/${SYDDJURS}/noter`, { body: '   ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Skriv en note');
    expect(empty.body).toContain('href="#felt-body"');
    const long = await pl.api('POST', `/api/v1/agreements/${a.id}/municipalities/${SYDDJURS}/notes`, { body: 'x'.repeat(4001) });
    expect(long.statusCode).toBe(422);
    expect((long.json() as { fieldErrors: Record<string, string> }).fieldErrors.body).toBe('Noten må højst være 4.000 tegn');
    expect(await notesOf(a.id, SYDDJURS)).toEqual([]);
    expect(await auditOf(a.id, 'agreement.note_posted')).toEqual([]);
  });
});

describe('the dialogue mark', () => {
  it('is set and cleared by a consultant with a note in the same step, audited; repeated requests change nothing', async () => {
    const a = await sent('Aftale i dialog');
    const now = new Date('2025-05-02T08:30:00Z');
    t.setNow(now);
    try {
      const consultant = await loginAs(t.app, DEMO.consultant);
      const page = await consultant.get(`/aftaler/${a.id}/kommuner/${SYDDJURS}`);
      expect(page.body).toContain(`action="/aftaler/${a.id}/kommuner/${SYDDJURS}/dialog"`);
      expect(page.body).toContain('Markér som i dialog');
      const res = await consultant.post(`/aftaler/${a.id}/kommuner/${SYDDJURS}/dialog`, { inDialogue: 'true', note: 'Dialog om bilag 3' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/aftaler/${a.id}/kommuner/${SYDDJURS}?besked=dialog-startet`);
      expect(await targetOf(a.id, SYDDJURS)).toMatchObject({ inDialogue: true, dialogueSince: now });
      const notes = await notesOf(a.id, SYDDJURS);
      expect(notes.map((n) => [n.body, n.fromCentral])).toEqual([['Dialog om bilag 3', true]]);
      expect((await noteMails(notes[0]!.id)).map((m) => m.toAddress)).toEqual([DEMO.programLeader(SYDDJURS)]);
      const audit = await auditOf(a.id, 'agreement.dialogue_changed');
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ municipalityCode: SYDDJURS, before: { inDialogue: false, dialogueSince: null } });
      expect((audit[0]!.after as { inDialogue: boolean }).inDialogue).toBe(true);

      const again = await consultant.post(`/aftaler/${a.id}/kommuner/${SYDDJURS}/dialog`, { inDialogue: 'true', note: 'Dialog om bilag 3' });
      expect(again.headers.location).toContain('besked=dialog-uaendret');
      expect(await auditOf(a.id, 'agreement.dialogue_changed')).toHaveLength(1);
      expect(await notesOf(a.id, SYDDJURS)).toHaveLength(1);

      const shown = await consultant.get(`/aftaler/${a.id}/kommuner/${SYDDJURS}`);
      expect(shown.body).toContain('I dialog siden 2. maj 2025');
      expect(shown.body).toContain('Afslut dialogen');
      const status = await consultant.get(`/aftaler/${a.id}/status`);
      expect(status.body).toContain('Syddjurs *)');
      expect(status.body).toContain('*) dialog pågår ml. Syddjurs og KOMBIT');

      const admin = await loginAs(t.app, DEMO.admin);
      const off = await admin.api('PUT', `/api/v1/agreements/${a.id}/municipalities/${SYDDJURS}/dialogue`, { inDialogue: false });
      expect(off.statusCode).toBe(200);
      expect(off.json()).toEqual({ municipalityCode: SYDDJURS, inDialogue: false, dialogueSince: null, changed: true, note: null });
      expect(await targetOf(a.id, SYDDJURS)).toMatchObject({ inDialogue: false, dialogueSince: null });
      expect(await auditOf(a.id, 'agreement.dialogue_changed')).toHaveLength(2);
      const bad = await admin.api('PUT', `/api/v1/agreements/${a.id}/municipalities/${SYDDJURS}/dialogue`, { inDialogue: 'måske' });
      expect(bad.statusCode).toBe(422);
    } finally {
      t.setNow(null);
    }
  });

  it('cannot be set by municipal users (403 own municipality, 404 another) and leaves the mark alone', async () => {
    const a = await sent('Aftale uden kommunal dialog');
    const pl = await loginAs(t.app, DEMO.programLeader(KBH));
    await pl.get(`/aftaler/${a.id}/kommuner/${KBH}`);
    expect((await pl.post(`/aftaler/${a.id}/kommuner/${KBH}/dialog`, { inDialogue: 'true' })).statusCode).toBe(403);
    expect((await pl.api('PUT', `/api/v1/agreements/${a.id}/municipalities/${KBH}/dialogue`, { inDialogue: true })).statusCode).toBe(403);
    expect((await pl.api('PUT', `/api/v1/agreements/${a.id}/municipalities/${FRB}/dialogue`, { inDialogue: true })).statusCode).toBe(404);
    expect((await targetOf(a.id, KBH)).inDialogue).toBe(false);
    expect((await targetOf(a.id, FRB)).inDialogue).toBe(false);
    expect(await auditOf(a.id, 'agreement.dialogue_changed')).toEqual([]);
  });
});

import { asc, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solutions } from '../src/db/reference/solutions.ts';
import { BYG_OG_MILJOE_OUTSTANDING, DEMO_TITLES, seedDemoAgreements } from '../src/modules/agreements/demo.ts';
import { seedDemoTasks } from '../src/modules/tasks/demo.ts';
import { fileSha256, versionHash } from '../src/modules/agreements/files.ts';
import {
  agreement,
  agreementDispatch,
  agreementFile,
  agreementNote,
  agreementReminder,
  agreementSignature,
  agreementSolution,
  agreementVersion,
} from '../src/modules/agreements/schema.ts';
import { countStatuses, loadStatuses, OUTSTANDING } from '../src/modules/agreements/status.ts';
import { solution } from '../src/platform/identity/schema.ts';
import { danishCompare, danishDay } from '../src/platform/views/format.ts';
import { loginAs, startTestApp, type TestApp } from './app.ts';

describe('demo agreements from the programme leader meeting', () => {
  let t: TestApp;
  let seconds = 0;
  const db = () => t.database.db;
  const byTitle = async (title: string) => (await db().select().from(agreement).where(eq(agreement.title, title)))[0]!;

  beforeAll(async () => {
    t = await startTestApp();
    await seedDemoTasks(db());
    const started = Date.now();
    await seedDemoAgreements(db());
    seconds = (Date.now() - started) / 1000;
  });
  afterAll(() => t.close());

  it('seeds quickly, and a second run changes nothing', async () => {
    // Generous for a busy two-core machine; alone it takes well under two seconds.
    expect(seconds).toBeLessThan(15);
    const before = await db().select({ n: count() }).from(agreementSignature);
    await seedDemoAgreements(db());
    expect(await db().select({ n: count() }).from(agreementSignature)).toEqual(before);
  });

  it('has Byg og Miljø outstanding in exactly the 23 municipalities of the deck, Syddjurs in dialogue, everyone else signed on version 2', async () => {
    const a = await byTitle(DEMO_TITLES.bygOgMiljoe);
    expect(a).toMatchObject({ type: 'databehandleraftale', status: 'sent', deadline: '2025-04-22', audienceRoleKey: 'programleder', ccRoleKey: null });
    expect(danishDay(a.lastDispatchedAt!)).toBe('2025-03-28');
    const rows = await loadStatuses(db(), { agreementIds: [a.id] });
    expect(rows).toHaveLength(98);
    const outstanding = rows.filter((r) => OUTSTANDING.includes(r.status)).map((r) => r.municipalityName);
    expect(outstanding).toEqual([...BYG_OG_MILJOE_OUTSTANDING].sort(danishCompare));
    expect(rows.filter((r) => r.status === 'in_dialogue').map((r) => r.municipalityName)).toEqual(['Syddjurs']);
    const signed = rows.filter((r) => r.status === 'signed');
    expect(signed).toHaveLength(75);
    expect(signed.every((r) => r.signature?.versionNumber === 2 && r.signature.versionId === a.currentVersionId)).toBe(true);
    for (const r of signed) {
      expect(danishDay(r.signature!.signedAt) >= '2025-03-31' && danishDay(r.signature!.signedAt) <= '2025-04-22').toBe(true);
    }
    expect(countStatuses(rows).get(a.id)).toMatchObject({ addressed: 98, signed: 75, in_dialogue: 1, not_signed: 22, outstanding: 23 });

    const [syddjurs] = rows.filter((r) => r.municipalityName === 'Syddjurs');
    expect(danishDay(syddjurs!.dialogueSince!)).toBe('2025-05-02');
    const notes = await db().select().from(agreementNote).where(eq(agreementNote.agreementId, a.id)).orderBy(asc(agreementNote.createdAt));
    expect(notes.at(-1)).toMatchObject({ municipalityCode: syddjurs!.municipalityCode, fromCentral: true, body: 'Dialog pågår ml. Syddjurs og KOMBIT om bilag 3' });
  });

  it('has the two versions, the two dispatches and the reminder round of 25 April 2025', async () => {
    const a = await byTitle(DEMO_TITLES.bygOgMiljoe);
    const versions = await db().select().from(agreementVersion).where(eq(agreementVersion.agreementId, a.id)).orderBy(asc(agreementVersion.number));
    expect(versions.map((v) => [v.number, danishDay(v.createdAt), v.changeNote, v.requiresResign])).toEqual([
      [1, '2025-03-07', '', true],
      [2, '2025-03-28', 'Rettelse af fejl i bilag', true],
    ]);
    expect(a.currentVersionId).toBe(versions[1]!.id);
    for (const v of versions) {
      const files = await db().select().from(agreementFile).where(eq(agreementFile.versionId, v.id));
      expect(files.map((f) => f.title)).toContain('Bilag 3: Underdatabehandlere');
      for (const f of files) {
        expect(Buffer.from(f.content).subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(f.sha256).toBe(fileSha256(f.content));
        expect(f.size).toBe(f.content.length);
      }
      expect(v.sha256).toBe(versionHash(files));
    }
    expect(versions[0]!.sha256).not.toBe(versions[1]!.sha256);

    const dispatches = await db().select().from(agreementDispatch).where(eq(agreementDispatch.agreementId, a.id)).orderBy(asc(agreementDispatch.sentAt));
    expect(dispatches.map((d) => [danishDay(d.sentAt), d.versionNumber, d.roleKey, d.ccRoleKey, d.deadline, d.municipalityCodes.length, d.recipients])).toEqual([
      ['2025-03-07', 1, 'programleder', null, '2025-04-04', 98, 98],
      ['2025-03-28', 2, 'programleder', null, '2025-04-22', 98, 98],
    ]);

    // Signatures of version 1 were superseded by version 2 and stay on record.
    const superseded = await db().select().from(agreementSignature).where(eq(agreementSignature.versionId, versions[0]!.id));
    expect(superseded.length).toBeGreaterThan(0);
    expect(superseded.every((s) => s.supersededByVersionId === versions[1]!.id && s.supersededAt?.getTime() === versions[1]!.createdAt.getTime())).toBe(true);

    const reminders = await db().select().from(agreementReminder).where(eq(agreementReminder.agreementId, a.id));
    expect(reminders).toHaveLength(23);
    expect(new Set(reminders.map((r) => r.slot)).size).toBe(1);
    expect(reminders[0]!.slot).toMatch(/^manual-[0-9a-f-]{36}$/);
    expect(reminders.every((r) => r.manual && danishDay(r.sentAt) === '2025-04-25')).toBe(true);
    const outstandingCodes = (await loadStatuses(db(), { agreementIds: [a.id] })).filter((r) => OUTSTANDING.includes(r.status)).map((r) => r.municipalityCode);
    expect(reminders.map((r) => r.municipalityCode).sort()).toEqual(outstandingCodes.sort());
    expect(reminders.every((r) => r.recipientEmail === `programleder-${r.municipalityCode}@samspil.demo`)).toBe(true);
  });

  it('sends Microsoft Education to IT- og digitaliseringschefer with programledere cc; Copenhagen signed', async () => {
    const a = await byTitle(DEMO_TITLES.microsoftEducation);
    expect(a).toMatchObject({ type: 'samarbejdsaftale', status: 'sent', audienceRoleKey: 'it-chef', ccRoleKey: 'programleder', deadline: '2025-06-30' });
    expect(await db().select().from(agreementSolution).where(eq(agreementSolution.agreementId, a.id))).toEqual([]);
    const [d] = await db().select().from(agreementDispatch).where(eq(agreementDispatch.agreementId, a.id));
    expect(d).toMatchObject({ roleKey: 'it-chef', ccRoleKey: 'programleder', recipients: 196 });
    expect(danishDay(d!.sentAt)).toBe('2025-05-15');
    const rows = await loadStatuses(db(), { agreementIds: [a.id] });
    expect(rows.find((r) => r.municipalityCode === '0101')).toMatchObject({ status: 'signed', signature: { signerName: 'IT-chef København', signerTitle: 'IT- og digitaliseringschef' } });
    expect(countStatuses(rows).get(a.id)?.signed).toBe(40);
  });

  it('has K98 with the twelve solutions as annex 1, open 15 May – 1 July 2025, about 60 signed', async () => {
    const a = await byTitle(DEMO_TITLES.k98);
    expect(a).toMatchObject({ type: 'k98', status: 'sent', audienceRoleKey: 'it-chef', ccRoleKey: 'programleder', deadline: '2025-07-01' });
    const keys = (await db().select().from(agreementSolution).where(eq(agreementSolution.agreementId, a.id))).map((s) => s.solutionKey).sort();
    expect(keys).toEqual(solutions.filter((s) => s.k98).map((s) => s.key).sort());
    expect(keys).toHaveLength(12);
    const files = await db().select().from(agreementFile).where(eq(agreementFile.versionId, a.currentVersionId!)).orderBy(asc(agreementFile.position));
    expect(files.map((f) => f.title)).toEqual(['K98-aftalen', 'Bilag 1: Omfattede it-løsninger']);
    const rows = await loadStatuses(db(), { agreementIds: [a.id] });
    const signed = rows.filter((r) => r.status === 'signed');
    expect(signed).toHaveLength(60);
    for (const r of signed) expect(danishDay(r.signature!.signedAt) >= '2025-05-20' && danishDay(r.signature!.signedAt) <= '2025-07-01').toBe(true);
    expect(rows.find((r) => r.municipalityName === 'Aarhus')).toMatchObject({ status: 'pending', signature: { method: 'upload', state: 'pending' } });
  });

  it("shows a K98 signer's Aula and Valg connection agreements as replaced from the K98 signing day, FLIS never", async () => {
    const k98 = await byTitle(DEMO_TITLES.k98);
    const [aula, valg, flis] = await Promise.all([byTitle(DEMO_TITLES.aula), byTitle(DEMO_TITLES.valg), byTitle(DEMO_TITLES.flis)]);
    expect([aula.type, valg.type, flis.type]).toEqual(['tilslutningsaftale', 'tilslutningsaftale', 'tilslutningsaftale']);
    const [k98Sig] = await db()
      .select()
      .from(agreementSignature)
      .where(eq(agreementSignature.agreementId, k98.id))
      .then((s) => s.filter((x) => x.municipalityCode === '0101'));
    const own = await loadStatuses(db(), { agreementIds: [aula.id, valg.id, flis.id], municipalityCode: '0101' });
    const of = (id: string) => own.find((r) => r.agreementId === id)!;
    expect(of(aula.id)).toMatchObject({ status: 'replaced', replacedBy: { agreementId: k98.id, title: 'K98-aftalen', from: k98Sig!.signedAt } });
    expect(of(valg.id).status).toBe('replaced');
    expect(of(flis.id)).toMatchObject({ status: 'signed', replacedBy: null });

    const all = await loadStatuses(db(), { agreementIds: [aula.id, flis.id] });
    const counts = countStatuses(all);
    // 60 K98 signers: their Aula agreement is replaced; Aarhus's K98 upload is only pending, so its Aula agreement still counts as signed.
    expect(counts.get(aula.id)).toMatchObject({ replaced: 60, signed: 38, outstanding: 0 });
    expect(all.find((r) => r.agreementId === aula.id && r.municipalityName === 'Aarhus')?.status).toBe('signed');
    expect(counts.get(flis.id)).toMatchObject({ replaced: 0, signed: 95, not_signed: 3 });
    expect(all.filter((r) => r.agreementId === flis.id && r.status === 'not_signed').map((r) => r.municipalityName)).toEqual(['Brøndby', 'Faxe', 'Norddjurs']);
  });

  it('sets demo product managers and phases, and the demo IT-chefs can log in and read the portfolio', async () => {
    const rows = await db().select().from(solution).where(inArray(solution.key, ['aula', 'flis', 'dubu']));
    const by = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(by.aula).toMatchObject({ phase: 'drift', productManager: 'Mette Kjærgaard' });
    expect(by.flis).toMatchObject({ phase: 'drift' });
    expect(by.dubu).toMatchObject({ phase: 'udfasning', productManager: null });

    const chef = await loginAs(t.app, 'it-chef-0101@samspil.demo');
    const page = await chef.get('/portefoelje');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('75 af 98 underskrevet');
    expect(page.body).toContain('Din kommune: Underskrevet');
  });
});

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solutions } from '../../db/reference/solutions.ts';
import { freshDatabase } from '../../../test/db.ts';
import { buildAgreement, buildSignature, buildVersion } from '../../../test/factories/agreements.ts';
import { agreementSignature } from './schema.ts';
import { countStatuses, loadStatuses } from './status.ts';

const K98_SOLUTIONS = solutions.filter((s) => s.k98).map((s) => s.key);

/**
 * K98 replaces a municipality's connection agreements for the solutions in its annex 1, from the
 * day the municipality signs it, and only while that signature counts. Every test builds its own
 * agreements and uses its own municipality, so one test's signatures cannot replace another's.
 */
describe('K98 replacement of connection agreements', () => {
  let d: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    d = await freshDatabase();
  });
  afterAll(() => d.drop());

  /** A K98 agreement (all twelve solutions in annex 1) and connection agreements for aula, flis, and aula + dubu. */
  async function scenario(code: string, k98Status: 'sent' | 'draft' = 'sent') {
    const targets = [code, '0101'];
    const k98 = await buildAgreement(d.db, { type: 'k98', title: `K98-aftalen ${code}`, solutions: K98_SOLUTIONS, status: k98Status, targets, audienceRoleKey: 'it-chef' });
    const aula = await buildAgreement(d.db, { type: 'tilslutningsaftale', title: 'Tilslutningsaftale Aula', solutions: ['aula'], targets });
    const flis = await buildAgreement(d.db, { type: 'tilslutningsaftale', title: 'Tilslutningsaftale FLIS', solutions: ['flis'], targets });
    const aulaDubu = await buildAgreement(d.db, { type: 'tilslutningsaftale', title: 'Tilslutningsaftale Aula og DUBU', solutions: ['aula', 'dubu'], targets });
    const ids = { k98: k98.agreement.id, aula: aula.agreement.id, flis: flis.agreement.id, aulaDubu: aulaDubu.agreement.id };
    const statusOf = async (municipalityCode = code) => {
      const rows = await loadStatuses(d.db, { agreementIds: [ids.aula, ids.flis, ids.aulaDubu], municipalityCode });
      const of = (id: string) => rows.find((r) => r.agreementId === id)!;
      return { aula: of(ids.aula), flis: of(ids.flis), aulaDubu: of(ids.aulaDubu) };
    };
    return { ids, statusOf };
  }

  it('replaces the Aula connection agreement from the day the municipality signs K98; FLIS and Aula + DUBU stay as they are', async () => {
    const { ids, statusOf } = await scenario('0147');
    await buildSignature(d.db, ids.flis, '0147', { signedAt: new Date('2020-10-10T10:00:00Z') });
    await buildSignature(d.db, ids.aulaDubu, '0147', { signedAt: new Date('2020-10-10T10:00:00Z') });

    const before = await statusOf();
    expect(before.aula).toMatchObject({ status: 'not_signed', replacedBy: null });

    const signedAt = new Date('2025-06-03T09:30:00Z');
    await buildSignature(d.db, ids.k98, '0147', { signedAt });
    const after = await statusOf();
    expect(after.aula).toMatchObject({ status: 'replaced', replacedBy: { agreementId: ids.k98, title: 'K98-aftalen 0147', from: signedAt } });
    expect(after.flis).toMatchObject({ status: 'signed', replacedBy: null });
    // DUBU is not in annex 1, so an agreement covering Aula and DUBU still needs its own signature.
    expect(after.aulaDubu).toMatchObject({ status: 'signed', replacedBy: null });

    // Another municipality addressed by the same agreements is not affected by 0147's signature.
    expect((await statusOf('0101')).aula).toMatchObject({ status: 'not_signed', replacedBy: null });
  });

  it('replaces a signed connection agreement too, and counts it as replaced, not signed', async () => {
    const { ids, statusOf } = await scenario('0151');
    await buildSignature(d.db, ids.aula, '0151', { signedAt: new Date('2020-09-20T10:00:00Z') });
    expect((await statusOf()).aula.status).toBe('signed');
    await buildSignature(d.db, ids.k98, '0151', { signedAt: new Date('2025-05-21T08:00:00Z') });
    const now = await statusOf();
    expect(now.aula.status).toBe('replaced');
    // The connection agreement's own signature stays on record.
    expect(now.aula.signature?.state).toBe('signed');
    const counts = countStatuses(await loadStatuses(d.db, { agreementIds: [ids.aula] })).get(ids.aula)!;
    expect(counts).toMatchObject({ addressed: 2, replaced: 1, signed: 0, not_signed: 1, outstanding: 1 });
  });

  it('stops replacing once the K98 signature is superseded by a version that requires signing again, and resumes from the new signature', async () => {
    const { ids, statusOf } = await scenario('0153');
    await buildSignature(d.db, ids.k98, '0153', { signedAt: new Date('2025-05-22T08:00:00Z') });
    expect((await statusOf()).aula.status).toBe('replaced');

    const v2 = await buildVersion(d.db, ids.k98, 2, { requiresResign: true, changeNote: 'Ny løsning i bilag 1' });
    await d.db
      .update(agreementSignature)
      .set({ supersededAt: new Date('2025-06-10T08:00:00Z'), supersededByVersionId: v2.id })
      .where(and(eq(agreementSignature.agreementId, ids.k98), eq(agreementSignature.municipalityCode, '0153')));
    expect((await statusOf()).aula).toMatchObject({ status: 'not_signed', replacedBy: null });

    const again = new Date('2025-06-12T12:00:00Z');
    await buildSignature(d.db, ids.k98, '0153', { signedAt: again });
    expect((await statusOf()).aula).toMatchObject({ status: 'replaced', replacedBy: { from: again } });
  });

  it('does not replace while an uploaded K98 signature awaits review, nor after it is rejected', async () => {
    const { ids, statusOf } = await scenario('0155');
    const pending = await buildSignature(d.db, ids.k98, '0155', { state: 'pending', method: 'upload' });
    expect((await statusOf()).aula).toMatchObject({ status: 'not_signed', replacedBy: null });

    await d.db.update(agreementSignature).set({ state: 'rejected', rejectReason: 'Ulæselig' }).where(eq(agreementSignature.id, pending.id));
    expect((await statusOf()).aula).toMatchObject({ status: 'not_signed', replacedBy: null });

    // Accepting an upload is what makes it count.
    const accepted = await buildSignature(d.db, ids.k98, '0155', { state: 'pending', method: 'upload' });
    await d.db.update(agreementSignature).set({ state: 'signed' }).where(eq(agreementSignature.id, accepted.id));
    expect((await statusOf()).aula.status).toBe('replaced');
  });

  it('does not replace by a K98 agreement that is still a draft', async () => {
    const { ids, statusOf } = await scenario('0157', 'draft');
    await buildSignature(d.db, ids.k98, '0157');
    expect((await statusOf()).aula).toMatchObject({ status: 'not_signed', replacedBy: null });
  });
});

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildAgreement, buildSignature } from '../../../test/factories/agreements.ts';
import { agreementSignature, agreementTarget } from './schema.ts';
import { mustSign, municipalAgreements } from './signing/signature-queries.ts';

/**
 * The front page's "Aftaler til underskrift" is written in SQL (one statement, and a count for the
 * menu badge); the municipality's agreement list derives each status in status.ts. Both must call
 * the same agreements unsigned, whatever state the signatures are in.
 */
const FAXE = '0320';
const BRONDBY = '0153';

type Attention = { sections: { key: string; items: { kind: string; title: string }[] }[] };

describe('agreements to sign on the front page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t?.close());

  it('lists exactly what the agreement list calls to be signed (and the copies awaiting review)', async () => {
    const db = t.database.db;
    const build = (title: string, o: Parameters<typeof buildAgreement>[1] = {}) => buildAgreement(db, { title, targets: [FAXE, BRONDBY], ...o }).then((x) => x.agreement.id);
    const signed = await build('P Underskrevet');
    await buildSignature(db, signed, FAXE);
    const pending = await build('P Indsendt kopi');
    await buildSignature(db, pending, FAXE, { state: 'pending', method: 'upload' });
    const rejected = await build('P Afvist kopi');
    await buildSignature(db, rejected, FAXE, { state: 'pending', method: 'upload' });
    await db.update(agreementSignature).set({ state: 'rejected' }).where(eq(agreementSignature.agreementId, rejected));
    const superseded = await build('P Ny version');
    await buildSignature(db, superseded, FAXE);
    await db.update(agreementSignature).set({ supersededAt: new Date() }).where(eq(agreementSignature.agreementId, superseded));
    const dialogue = await build('P I dialog');
    await db
      .update(agreementTarget)
      .set({ inDialogue: true, dialogueSince: new Date() })
      .where(and(eq(agreementTarget.agreementId, dialogue), eq(agreementTarget.municipalityCode, FAXE)));
    await build('P Lukket', { status: 'closed' });
    await build('P Kladde', { status: 'draft' });
    await build('P Kun Brøndby', { targets: [BRONDBY] });
    await buildSignature(db, await build('P Brøndby har underskrevet'), BRONDBY);
    const k98 = await build('P K98', { type: 'k98', solutions: ['aula', 'ky'] });
    await buildSignature(db, k98, FAXE);
    await build('P Tilslutning Aula (erstattet)', { type: 'tilslutningsaftale', solutions: ['aula'] });
    await build('P Tilslutning Aula og FLIS', { type: 'tilslutningsaftale', solutions: ['aula', 'flis'] });
    await build('P Tilslutning uden løsninger', { type: 'tilslutningsaftale' });

    const leader = await loginAs(t.app, DEMO.programLeader(FAXE));
    const res = await leader.api('GET', '/api/v1/me/attention');
    const items = res.json<Attention>().sections.find((s) => s.key === 'agreements.sign')!.items;
    const rows = await municipalAgreements(db, FAXE);
    const expected = rows.filter((r) => mustSign(r) || (r.status === 'sent' && r.own.status === 'pending'));

    const titles = (xs: { title: string }[]) => xs.map((x) => x.title).sort();
    expect(titles(items)).toEqual(titles(expected));
    expect(titles(items)).toEqual(
      [
        'P Afvist kopi',
        'P Brøndby har underskrevet',
        'P I dialog',
        'P Indsendt kopi',
        'P Ny version',
        'P Tilslutning Aula og FLIS',
        'P Tilslutning uden løsninger',
      ].sort(),
    );
    expect(items.find((i) => i.title === 'P Indsendt kopi')?.kind).toBe('agreement.pending');
    expect(items.filter((i) => i.kind === 'agreement.sign')).toHaveLength(6);
    const menu = (await leader.get('/aftaler')).body;
    expect(/href="\/aftaler"[^>]*>[\s\S]*?samspil-menu-count">(\d+)/.exec(menu)?.[1]).toBe('6');
  });
});

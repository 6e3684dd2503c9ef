import type { FastifyInstance } from 'fastify';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Client, loginAs, startTestApp, type TestApp } from '../../../../test/app.ts';
import { buildAgreement } from '../../../../test/factories/agreements.ts';
import { hashPassword } from '../../../platform/auth/secrets.ts';
import { person, roleAssignment, userAccount } from '../../../platform/identity/schema.ts';
import { agreementSignature } from '../schema.ts';

/**
 * Signing asks for the password again, with the login's budget (ten wrong per IP and user in a
 * quarter of an hour), counted in the database before the password is checked.
 */

const FAXE = '0320';
const PASSWORD = 'hemmelig-1234';
let t: TestApp;
const extra: FastifyInstance[] = [];

async function newLeader(email: string) {
  const db = t.database.db;
  const [p] = await db.insert(person).values({ municipalityCode: FAXE, name: 'Parallel Programleder', email, title: 'Digitaliseringschef' }).returning();
  await db.insert(userAccount).values({ personId: p!.id, email, passwordHash: await hashPassword(PASSWORD) });
  await db.insert(roleAssignment).values({ personId: p!.id, municipalityCode: FAXE, roleTypeKey: 'programleder' });
  return loginAs(t.app, email, PASSWORD);
}

const sign = (c: Client, agreementId: string, versionId: string, password: string) =>
  c.api('POST', `/api/v1/agreements/${agreementId}/signatures`, { versionId, signerName: 'Parallel Programleder', signerTitle: 'Programleder', password, confirm: true });

const signatures = (agreementId: string) =>
  t.database.db
    .select()
    .from(agreementSignature)
    .where(and(eq(agreementSignature.agreementId, agreementId), eq(agreementSignature.municipalityCode, FAXE), isNull(agreementSignature.supersededAt)));

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  for (const app of extra) await app.close();
  await t?.close();
});

describe('the signing password limit under parallel requests', () => {
  it('checks at most ten of 30 parallel wrong passwords (422) and refuses the rest with 429', async () => {
    const signer = await newLeader('parallel-1@faxe.test');
    const { agreement: a, version } = await buildAgreement(t.database.db, { targets: [FAXE] });
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => sign(signer, a.id, version.id, `gæt-${i}`)));
    const statuses = answers.map((r) => r.statusCode);

    expect(statuses.filter((s) => s === 422).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20);
    expect(statuses.every((s) => s === 422 || s === 429)).toBe(true);
    expect(answers.find((r) => r.statusCode === 429)!.json()).toMatchObject({
      code: 'too_many_attempts',
      fieldErrors: { password: 'For mange forkerte forsøg. Vent et kvarter og prøv igen.' },
    });
    expect((await sign(signer, a.id, version.id, PASSWORD)).statusCode).toBe(429);
    expect(await signatures(a.id)).toHaveLength(0);
  });

  it('keeps the count when the signer is served by a restarted app on the same database', async () => {
    const signer = await newLeader('parallel-2@faxe.test');
    const { agreement: a, version } = await buildAgreement(t.database.db, { targets: [FAXE] });
    for (let i = 0; i < 10; i++) expect((await sign(signer, a.id, version.id, `gæt-${i}`)).statusCode).toBe(422);

    // Freshly loaded modules, as in a new process: nothing kept in memory survives.
    vi.resetModules();
    const { buildApp } = await import('../../../app.ts');
    const second = await buildApp({ config: t.config, database: t.database, logger: false });
    extra.push(second);
    await second.ready();
    const sameSession = Object.assign(new Client(second), { cookies: signer.cookies, csrf: signer.csrf });
    expect((await sign(sameSession, a.id, version.id, PASSWORD)).statusCode).toBe(429);
    expect(await signatures(a.id)).toHaveLength(0);
  });
});

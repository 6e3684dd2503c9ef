import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/app.ts';
import { buildAulaFiles, buildAulaRuleSet, clearAula } from '../../../../test/factories/aula.ts';
import type { Actor } from '../../../platform/context.ts';
import { aulaDeletionRule } from '../schema.ts';
import { atRiskFiles } from './at-risk-files.ts';
import { deletionPreview, previewByMonth } from './deletion-preview.ts';
import { and, eq } from 'drizzle-orm';

const central = { userId: '00000000-0000-0000-0000-000000000000', municipalityCode: null, roles: [], isAdmin: true } as unknown as Actor;

/**
 * A rule counts from the date it names: "the file was created" from the created date, the other
 * triggers from the trigger date Aula exports. Referater: 12 months from creation until 2027, then
 * 24 months from the child leaving.
 *   R1 created 2025-06-01, no trigger date (the child is still there)
 *   R2 created 2025-08-01, the child left 2024-06-01
 * On 2026-07-01 (first rules): R1 has passed (created + 12 = 2026-06-01), R2 not (2026-08-01).
 * On 2027-02-01 (revised rules): R1 not (no trigger date), R2 has (2024-06-01 + 24 = 2026-06-01).
 */
describe('what a deletion rule counts from', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const db = t.database.db;
    await clearAula(db);
    const first = await buildAulaRuleSet(db, { activationDate: '2024-01-01' });
    await db.update(aulaDeletionRule).set({ trigger: 'oprettet', periodMonths: 12 }).where(and(eq(aulaDeletionRule.ruleSetId, first), eq(aulaDeletionRule.category, 'referater')));
    await buildAulaRuleSet(db, { activationDate: '2027-01-01', periods: { referater: 24 } });
    await buildAulaFiles(db, '0320', [
      { id: 'R1', category: 'referater', created: '2025-06-01', trigger: null },
      { id: 'R2', category: 'referater', created: '2025-08-01', trigger: '2024-06-01' },
    ]);
  });
  afterAll(async () => t?.close());

  const faxe = async (day: string) => (await deletionPreview(t.database.db, central, day, 'category', { municipalityCode: '0320' })).find((r) => r.key === 'referater');

  it('counts from the created date when the rule says so, and from the trigger date when a later version says that', async () => {
    expect(await faxe('2026-07-01')).toMatchObject({ total: 1, atRisk: 1 });
    expect((await atRiskFiles(t.database.db, central, '2026-07-01', '0320')).map((f) => [f.fileId, f.deadline])).toEqual([['R1', '2026-06-01']]);
    expect(await faxe('2027-02-01')).toMatchObject({ total: 1, atRisk: 1 });
    expect((await atRiskFiles(t.database.db, central, '2027-02-01', '0320')).map((f) => [f.fileId, f.deadline])).toEqual([['R2', '2026-06-01']]);
  });

  it('draws each month under that month’s rules and dates', async () => {
    const months = await previewByMonth(t.database.db, central, '2026-06-01', 9, { municipalityCode: '0320' });
    expect(months.map((m) => [m.monthEnd.slice(0, 7), m.total])).toEqual([
      ['2026-06', 1],
      ['2026-07', 1],
      ['2026-08', 2],
      ['2026-09', 2],
      ['2026-10', 2],
      ['2026-11', 2],
      ['2026-12', 2],
      ['2027-01', 1],
      ['2027-02', 1],
    ]);
  });
});

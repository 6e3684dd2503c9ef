import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/app.ts';
import { buildAulaFiles, buildAulaRuleSet, clearAula, setAulaRelevance } from '../../../../test/factories/aula.ts';
import type { Actor } from '../../../platform/context.ts';
import { deletionPreview, previewByMonth, type InstitutionPreviewRow } from './deletion-preview.ts';

const central = { userId: '00000000-0000-0000-0000-000000000000', municipalityCode: null, roles: [], isAdmin: true } as unknown as Actor;

/**
 * A hand-made inventory whose numbers are worked out by hand. Rules from 2024-01-01: 36 months for
 * every category but Referater (12). On 2027-03-01 the cutoff is 2024-03-01 (Referater 2026-03-01).
 *
 * Faxe (0320), institutions 101 and 202:
 *  F1 handleplaner 2024-03-01 not journalised, 101  → due (exactly on the boundary), at risk
 *  F2 handleplaner 2024-03-02 not journalised, 101  → not due (one day later)
 *  F3 observationer 2023-06-01 journalised, 202     → due, journalised
 *  F4 dagsordener 2023-01-01 not journalised, 101   → due, not at risk (Dagsordener is not relevant by default)
 *  F5 referater 2026-03-01 not journalised, 202     → due (12 months), at risk
 *  F6 indstillinger null trigger, 101               → never due
 *  F7 observationer 2022-01-01 not journalised, 202 → due; Faxe marked Observationer not relevant: not at risk
 * Faxe on 2027-03-01: total 5 (F1, F3, F4, F5, F7), journalised 1, at risk 2 (F1, F5).
 */
describe('the deletion preview', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const db = t.database.db;
    await clearAula(db);
    await buildAulaRuleSet(db, { activationDate: '2024-01-01', periods: { referater: 12 } });
    await buildAulaFiles(
      db,
      '0320',
      [
        { id: 'F1', category: 'handleplaner', trigger: '2024-03-01', institution: '101' },
        { id: 'F2', category: 'handleplaner', trigger: '2024-03-02', institution: '101' },
        { id: 'F3', category: 'observationer', trigger: '2023-06-01', journalised: true, institution: '202' },
        { id: 'F4', category: 'dagsordener', trigger: '2023-01-01', institution: '101' },
        { id: 'F5', category: 'referater', trigger: '2026-03-01', institution: '202' },
        { id: 'F6', category: 'indstillinger', trigger: null, institution: '101' },
        { id: 'F7', category: 'observationer', trigger: '2022-01-01', institution: '202' },
      ],
      { '101': 'Børnehuset Solsikken', '202': 'Skovbrynets Skole' },
    );
    await setAulaRelevance(db, '0320', 'observationer', false);
    await buildAulaFiles(db, '0360', [{ id: 'L1', category: 'handleplaner', trigger: '2020-01-01' }], { '9': 'Lolland Børnehus' });
  });
  afterAll(async () => t?.close());

  it('counts by municipality as worked out by hand, the boundary day included, every municipality listed', async () => {
    const rows = await deletionPreview(t.database.db, central, '2027-03-01', 'municipality');
    expect(rows).toHaveLength(98);
    expect(rows.find((r) => r.key === '0320')).toEqual({ key: '0320', name: 'Faxe', total: 5, journalised: 1, atRisk: 2 });
    expect(rows.find((r) => r.key === '0360')).toMatchObject({ total: 1, journalised: 0, atRisk: 1 });
    expect(rows.find((r) => r.key === '0101')).toMatchObject({ total: 0, journalised: 0, atRisk: 0 });
    const dayBefore = await deletionPreview(t.database.db, central, '2027-02-28', 'municipality', { municipalityCode: '0320' });
    // The day before, F1 and F5 have not yet passed their deadline.
    expect(dayBefore).toEqual([{ key: '0320', name: 'Faxe', total: 3, journalised: 1, atRisk: 0 }]);
  });

  it('counts by institution and by category within one municipality', async () => {
    const inst = (await deletionPreview(t.database.db, central, '2027-03-01', 'institution', { municipalityCode: '0320' })) as InstitutionPreviewRow[];
    expect(inst.map((r) => [r.institutionNumber, r.name, r.total, r.journalised, r.atRisk])).toEqual([
      ['101', 'Børnehuset Solsikken', 2, 0, 1],
      ['202', 'Skovbrynets Skole', 3, 1, 1],
    ]);
    const cat = await deletionPreview(t.database.db, central, '2027-03-01', 'category', { municipalityCode: '0320' });
    expect(cat).toHaveLength(9);
    expect(cat.find((r) => r.key === 'observationer')).toMatchObject({ total: 2, journalised: 1, atRisk: 0 });
    expect(cat.find((r) => r.key === 'dagsordener')).toMatchObject({ total: 1, atRisk: 0 });
    expect(cat.find((r) => r.key === 'referater')).toMatchObject({ total: 1, atRisk: 1 });
  });

  it('shows a municipality only its own rows', async () => {
    const faxe = { userId: '00000000-0000-0000-0000-000000000001', municipalityCode: '0320', roles: [], isAdmin: false } as unknown as Actor;
    const rows = await deletionPreview(t.database.db, faxe, '2027-03-01', 'municipality');
    expect(rows.map((r) => r.key)).toEqual(['0320']);
    expect(await deletionPreview(t.database.db, faxe, '2027-03-01', 'municipality', { municipalityCode: '0360' })).toEqual([]);
  });

  it('draws the months from the same numbers: each month counts what has passed by its last day', async () => {
    const months = await previewByMonth(t.database.db, central, '2027-02-01', 3, { municipalityCode: '0320' });
    expect(months).toEqual([
      { monthEnd: '2027-02-28', total: 3, journalised: 1, atRisk: 0 },
      // By 31 March F1, F2 (handleplaner, March 2024) and F5 (referater, March 2026) have passed too.
      { monthEnd: '2027-03-31', total: 6, journalised: 1, atRisk: 3 },
      { monthEnd: '2027-04-30', total: 6, journalised: 1, atRisk: 3 },
    ]);
  });
});

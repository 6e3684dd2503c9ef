import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/db.ts';
import { municipality } from '../schema.ts';
import { referenceMunicipalities } from './municipalities.ts';
import { syncReferenceData } from './sync.ts';

let database: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  database = await freshDatabase({ template: 'migrated' });
});
afterAll(() => database.drop());

describe('the municipalities\' CVR numbers (Context Handler scopes privileges by them)', () => {
  it('ships a distinct eight-digit CVR for each of the 98, Faxe\'s being 29188475', async () => {
    const rows = referenceMunicipalities();
    expect(rows).toHaveLength(98);
    expect(new Set(rows.map((r) => r.cvr)).size).toBe(98);
    const [faxe] = await database.db.select({ cvr: municipality.cvr }).from(municipality).where(eq(municipality.code, '0320'));
    expect(faxe?.cvr).toBe('29188475');
  });

  it('fills in a CVR an earlier install lacks, and keeps one an import has changed', async () => {
    await database.db.execute(sql`update municipality set cvr = null where code = '0320'`);
    await database.db.execute(sql`update municipality set cvr = '99999999' where code = '0153'`);
    await syncReferenceData(database.db);
    const rows = await database.db.select({ code: municipality.code, cvr: municipality.cvr }).from(municipality).where(sql`${municipality.code} in ('0320', '0153')`);
    expect(Object.fromEntries(rows.map((r) => [r.code, r.cvr]))).toEqual({ '0320': '29188475', '0153': '99999999' });
  });
});

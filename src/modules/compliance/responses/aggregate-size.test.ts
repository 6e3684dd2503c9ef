import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type TestApp } from '../../../../test/app.ts';
import { buildPackage } from '../../../../test/factories/compliance.ts';
import { compliancePackageTarget, complianceResponseMeasure, complianceRisk, complianceRiskResponse } from '../schema.ts';

let t: TestApp;
let packageId = '';

/** The bench's shape: a package with 60 risks delivered to all 98, every municipality answering every risk. */
beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  const codes = (await db.query.municipality.findMany({ columns: { code: true } })).map((m) => m.code);
  const pkg = await buildPackage(db, { status: 'published', targets: codes, risks: 60, activities: 1, suppliers: 1 });
  packageId = pkg.id;
  const risks = await db.select({ id: complianceRisk.id, sort: complianceRisk.sort }).from(complianceRisk).where(eq(complianceRisk.packageId, pkg.id));
  const kinds = ['own-measures', 'accepted', 'not-relevant'] as const;
  const rows = codes.flatMap((code, i) =>
    risks.map((r) => {
      const response = kinds[(i + r.sort) % 3]!;
      const own = response === 'own-measures';
      return { packageId, riskId: r.id, municipalityCode: code, response, reason: own ? '' : 'Begrundelse', residualLikelihood: own ? (i % 4) + 1 : null, residualConsequence: own ? (r.sort % 4) + 1 : null };
    }),
  );
  for (let i = 0; i < rows.length; i += 1000) {
    const inserted = await db.insert(complianceRiskResponse).values(rows.slice(i, i + 1000)).returning({ id: complianceRiskResponse.id, response: complianceRiskResponse.response });
    const own = inserted.filter((x) => x.response === 'own-measures');
    await db.insert(complianceResponseMeasure).values(own.flatMap((x) => [1, 2].map((sort) => ({ responseId: x.id, description: `Foranstaltning ${sort}`, sort }))));
  }
  await db.update(compliancePackageTarget).set({ acknowledgedAt: new Date() }).where(eq(compliancePackageTarget.municipalityCode, '0320'));
}, 120_000);
afterAll(() => t?.close());

describe('the responses aggregate at 98 municipalities × 60 risks', () => {
  it('lists every risk and every municipality, with the counts adding up', async () => {
    const consultant = await loginAs(t.app, DEMO.consultant);
    const times: number[] = [];
    let body = '';
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      const res = await consultant.get(`/compliance/pakker/${packageId}/svar`);
      times.push(performance.now() - start);
      expect(res.statusCode).toBe(200);
      body = res.body;
    }
    expect([...body.matchAll(/<tr data-kommune="\d{4}">/g)]).toHaveLength(98);
    expect([...body.matchAll(/<tr id="risiko-R\d+"/g)]).toHaveLength(60);
    expect(/<tr data-kommune="0320">[\s\S]*?<\/tr>/.exec(body)![0]).toContain('60 af 60');
    const api = (await consultant.api('GET', `/api/v1/compliance/packages/${packageId}/responses`)).json();
    for (const r of api.risks) expect(r.accepted + r.ownMeasures + r.notRelevant + r.noResponse).toBe(98);
    // Printed, not asserted: `npm run bench` holds the time limit, on a quiet machine.
    console.log(`responses aggregate 98 × 60: ${times.map((x) => x.toFixed(0)).join(', ')} ms, ${(Buffer.byteLength(body) / 1024).toFixed(0)} KiB`);
  });
});

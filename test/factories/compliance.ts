import { eq, sql } from 'drizzle-orm';
import { rawRows, type Db } from '../../src/db/client.ts';
import { person, roleAssignment, userAccount } from '../../src/db/schema.ts';
import { hashPassword } from '../../src/platform/auth/secrets.ts';
import { buildPackageContent } from '../../src/modules/compliance/content.ts';
import {
  complianceActivity,
  complianceActivityData,
  complianceActivityLegalBasis,
  complianceActivitySubject,
  complianceColumnG,
  compliancePackage,
  compliancePackageRight,
  compliancePackageSupplier,
  compliancePackageTarget,
  complianceRisk,
  complianceRiskMeasure,
  complianceSupplier,
  type PackageStatus,
} from '../../src/modules/compliance/schema.ts';

let seq = 0;

/**
 * A (solution, year) no package has yet: the given solution's latest free year from 2099 down, or
 * without one Aula's, then the other solutions' once Aula's years are used (a test file may build
 * a few hundred packages).
 */
async function freeSlot(db: Db, solutionKey: string | undefined): Promise<{ solutionKey: string; year: number }> {
  const [row] = await rawRows<{ key: string; year: number }>(
    db,
    sql`select s.key, y::int as year from solution s cross join generate_series(2030, 2099) y
        where ${solutionKey === undefined ? sql`true` : sql`s.key = ${solutionKey}`}
          and not exists (select 1 from compliance_package p where p.solution_key = s.key and p.year = y)
        order by (s.key = 'aula') desc, y desc, s.sort limit 1`,
  );
  if (!row) throw new Error(`no free year left for a test package of ${solutionKey ?? 'any solution'}`);
  return { solutionKey: row.key, year: row.year };
}

export type BuildPackage = {
  solutionKey?: string;
  /** default: the latest free year from 2099 down (clear of the demo's years); without a solution, Aula's, then another solution's */
  year?: number;
  status?: PackageStatus;
  /** municipalities it was delivered to (published only); default Faxe and Brøndby */
  targets?: string[];
  activities?: number;
  suppliers?: number;
  risks?: number;
  publishedAt?: Date;
  copiedFromId?: string;
};

/**
 * A package straight in the database: activities with two data-subject and two personal-data
 * categories and a column G link each, suppliers (every third a sub-processor of the first),
 * risks spread over the 4×4 with one planned measure each, and the six rights. A published one is
 * frozen as publishing freezes it and delivered to its targets.
 */
export async function buildPackage(db: Db, o: BuildPackage = {}) {
  seq++;
  const status = o.status ?? 'draft';
  const slot = o.year === undefined ? await freeSlot(db, o.solutionKey) : { solutionKey: o.solutionKey ?? 'aula', year: o.year };
  const [pkg] = await db
    .insert(compliancePackage)
    .values({
      ...slot,
      scaleKey: 'datatilsynet-4x4',
      introduction: `Testpakke ${seq}`,
      principles: 'Behandlingen er lovlig, rimelig og gennemsigtig.',
      securityMeasures: 'Kryptering, logning og adgangsstyring.',
      copiedFromId: o.copiedFromId ?? null,
    })
    .returning();
  const id = pkg!.id;
  await db.insert(compliancePackageRight).values(
    ['indsigt', 'berigtigelse', 'sletning', 'begraensning', 'dataportabilitet', 'indsigelse'].map((rightKey) => ({ packageId: id, rightKey, handling: `Håndteres af kommunen (${rightKey}).` })),
  );
  // Set-based, a fixed handful of statements however large: route tests build hundreds of packages.
  const range = (n: number) => Array.from({ length: n }, (_, k) => k + 1);
  const activities = range(o.activities ?? 3);
  if (activities.length > 0) {
    const made = await db
      .insert(complianceActivity)
      .values(activities.map((i) => ({ packageId: id, ref: `B${i}`, name: `Behandlingsaktivitet ${i}`, purpose: `Formål ${i}`, retentionKey: '5-aar', deletion: 'Slettes automatisk.', sort: i })))
      .returning({ id: complianceActivity.id });
    const ids = made.map((m) => m.id);
    await db.insert(complianceActivityLegalBasis).values(ids.map((activityId) => ({ activityId, basisKey: 'art6-1-e' })));
    await db.insert(complianceActivitySubject).values(ids.flatMap((activityId) => ['borgere', 'boern'].map((subjectKey) => ({ activityId, subjectKey }))));
    await db.insert(complianceActivityData).values(ids.flatMap((activityId) => ['identifikation', 'cpr'].map((dataKey) => ({ activityId, dataKey }))));
    await db.insert(complianceColumnG).values(ids.map((activityId) => ({ activityId, dataKey: 'cpr', subjectKey: 'borgere' })));
  }
  const suppliers = range(o.suppliers ?? 2);
  if (suppliers.length > 0) {
    const supplier = (i: number, parentId: string | null) => ({
      name: `Leverandør ${seq}-${i} A/S`,
      cvr: String(10000000 + seq * 100 + i),
      role: parentId ? ('sub-processor' as const) : ('processor' as const),
      parentId,
      transferBasisKey: 'eu-eoes',
      locations: 'Danmark',
    });
    // The first is a processor; every third after it is its sub-processor.
    const [first] = await db.insert(complianceSupplier).values(supplier(1, null)).returning({ id: complianceSupplier.id });
    const rest = suppliers.slice(1);
    const others = rest.length === 0 ? [] : await db.insert(complianceSupplier).values(rest.map((i) => supplier(i, i % 3 === 0 ? first!.id : null))).returning({ id: complianceSupplier.id });
    await db.insert(compliancePackageSupplier).values([first!, ...others].map((s) => ({ packageId: id, supplierId: s.id })));
  }
  const risks = range(o.risks ?? 4);
  if (risks.length > 0) {
    const made = await db
      .insert(complianceRisk)
      .values(
        risks.map((i) => {
          const likelihood = ((i - 1) % 4) + 1;
          const consequence = (Math.floor((i - 1) / 4) % 4) + 1;
          return {
            packageId: id,
            ref: `R${i}`,
            threat: `Trussel ${i}`,
            impact: `Konsekvens for de registrerede ${i}`,
            likelihood,
            consequence,
            residualLikelihood: Math.max(1, likelihood - 1),
            residualConsequence: consequence,
            existingMeasures: 'Adgangsstyring',
            sort: i,
          };
        }),
      )
      .returning({ id: complianceRisk.id, sort: complianceRisk.sort });
    await db.insert(complianceRiskMeasure).values(made.map((r) => ({ riskId: r.id, description: `Foranstaltning ${r.sort}`, owner: 'KOMBIT', deadline: '2030-12-31' })));
  }
  if (status === 'published') {
    const content = await buildPackageContent(db, id);
    const publishedAt = o.publishedAt ?? new Date();
    await db.update(compliancePackage).set({ status, publishedContent: content, publishedAt }).where(eq(compliancePackage.id, id));
    const targets = o.targets ?? ['0320', '0153'];
    if (targets.length > 0) await db.insert(compliancePackageTarget).values(targets.map((municipalityCode) => ({ packageId: id, municipalityCode, deliveredAt: publishedAt })));
  }
  const [row] = await db.select().from(compliancePackage).where(eq(compliancePackage.id, id));
  return row!;
}

/**
 * A person with a login (the demo password) and one role: 'informationssikkerhed' (central, the
 * packages' author) or 'compliancepakke-modtager' in a municipality. Returns the e-mail to log in with.
 */
export async function complianceUser(db: Db, role: 'informationssikkerhed' | 'compliancepakke-modtager', municipalityCode: string | null = null): Promise<string> {
  seq++;
  const email = `${role}-${seq}-${process.pid}@compliancetest.dk`;
  const [p] = await db.insert(person).values({ municipalityCode, name: role === 'informationssikkerhed' ? `Ingrid Sikkerhed ${seq}` : `Mona Modtager ${seq}`, email, title: 'Test' }).returning({ id: person.id });
  await db.insert(userAccount).values({ personId: p!.id, email, passwordHash: await hashPassword('demo1234') });
  await db.insert(roleAssignment).values({ personId: p!.id, municipalityCode, roleTypeKey: role, solutionKey: null });
  return email;
}

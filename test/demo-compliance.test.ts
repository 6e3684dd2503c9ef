import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../src/platform/auth/secrets.ts';
import type { PackageContent } from '../src/modules/compliance/content.ts';
import { DEMO_INFOSEC, LIVE_KY_PUBLISHED_DAYS_AGO, ONE_RECIPIENT, recipientEmail } from '../src/modules/compliance/demo.ts';
import {
  complianceAccess,
  compliancePackage,
  compliancePackageTarget,
  complianceResponseMeasure,
  complianceRisk,
  complianceRiskResponse,
} from '../src/modules/compliance/schema.ts';
import { DEMO_PASSWORD, seedDemoData } from '../src/modules/demo.ts';
import { RECIPIENT_TASK } from '../src/modules/tasks/demo-live.ts';
import { task, taskTarget } from '../src/modules/tasks/schema.ts';
import { person, roleAssignment, userAccount } from '../src/db/schema.ts';
import { danishDay } from '../src/platform/days.ts';
import { addDays } from '../src/platform/reminders/schedule.ts';
import { freshDatabase } from './db.ts';

const FAXE = '0320';
const SOLUTIONS = ['aula', 'byg-og-miljoe', 'ky'];

// A winter morning, and a summer night when Denmark is already on the next day.
const DATES = [new Date('2026-03-10T09:30:00+01:00'), new Date('2027-08-19T23:30:00Z')];

describe.each(DATES)('the compliance demo seeded on %s', (now) => {
  let d: Awaited<ReturnType<typeof freshDatabase>>;
  const today = danishDay(now);
  const db = () => d.db;
  const packages = () => db().select().from(compliancePackage);
  const pkg = async (solutionKey: string, year: number) =>
    (await db().select().from(compliancePackage).where(and(eq(compliancePackage.solutionKey, solutionKey), eq(compliancePackage.year, year))))[0]!;
  const recipients = async (code: string) =>
    db()
      .select({ personId: person.id, email: person.email })
      .from(roleAssignment)
      .innerJoin(person, eq(person.id, roleAssignment.personId))
      .where(and(eq(roleAssignment.roleTypeKey, 'compliancepakke-modtager'), eq(roleAssignment.municipalityCode, code), isNull(roleAssignment.removedAt)));

  beforeAll(async () => {
    d = await freshDatabase({ template: 'migrated' });
    await seedDemoData(d.db, { now });
  });
  afterAll(() => d.drop());

  it('has the 2024 and 2025 packages of Aula, KY and Byg og Miljø, published in July–August and delivered to all 98', async () => {
    const history = (await packages()).filter((p) => p.year === 2024 || p.year === 2025);
    expect(history.map((p) => `${p.solutionKey} ${p.year}`).sort()).toEqual(SOLUTIONS.flatMap((s) => [`${s} 2024`, `${s} 2025`]));
    for (const p of history) {
      expect(p.status).toBe('published');
      expect(p.publishedContent).not.toBeNull();
      expect(danishDay(p.publishedAt!)).toMatch(new RegExp(`^${p.year}-0[78]-`));
      const targets = await db().select().from(compliancePackageTarget).where(eq(compliancePackageTarget.packageId, p.id));
      expect(targets).toHaveLength(98);
      expect(targets.every((t) => t.deliveredAt.getTime() === p.publishedAt!.getTime())).toBe(true);
    }
    for (const s of SOLUTIONS) expect((await pkg(s, 2025)).copiedFromId).toBe((await pkg(s, 2024)).id);
  });

  it('has column G and the new supplier fields in 2025, and neither in what 2024 froze', async () => {
    for (const s of SOLUTIONS) {
      const old = (await pkg(s, 2024)).publishedContent as PackageContent;
      const cur = (await pkg(s, 2025)).publishedContent as PackageContent;
      expect(old.activities.length).toBeGreaterThanOrEqual(4);
      expect(cur.activities.length).toBeLessThanOrEqual(8);
      expect(old.activities.every((a) => a.columnG.length === 0 && a.personalData.length > 0 && a.legalBases.length > 0)).toBe(true);
      expect(cur.activities.every((a) => a.columnG.length > 0)).toBe(true);
      expect(old.suppliers.every((x) => x.address === '' && x.contractParty === '' && x.processingActivity === '' && x.transferBasis === null)).toBe(true);
      expect(cur.suppliers.every((x) => x.address !== '' && x.contractParty !== '' && x.processingActivity !== '' && x.transferBasis !== null)).toBe(true);
      expect(cur.suppliers.some((x) => x.role === 'sub-processor' && x.parentName !== null)).toBe(true);
      expect(cur.rights).toHaveLength(6);
      // What changed since last year: a new activity, risk and supplier, and a risk whose values moved.
      const refs = (c: PackageContent) => ({ a: c.activities.map((x) => x.ref), r: c.risks.map((x) => x.ref), s: c.suppliers.map((x) => x.name) });
      const [o, n] = [refs(old), refs(cur)];
      expect(n.a.filter((x) => !o.a.includes(x)).length).toBeGreaterThan(0);
      expect(n.r.filter((x) => !o.r.includes(x)).length).toBeGreaterThan(0);
      expect(n.s.filter((x) => !o.s.includes(x)).length).toBeGreaterThan(0);
      const moved = cur.risks.filter((r) => old.risks.some((x) => x.ref === r.ref && (x.likelihood !== r.likelihood || x.consequence !== r.consequence)));
      expect(moved.length).toBeGreaterThan(0);
    }
  });

  it('has 8–12 risks per package, spread over at least 6 cells, with planned measures that have an owner and a deadline', async () => {
    for (const p of (await packages()).filter((x) => x.status === 'published')) {
      const content = p.publishedContent as PackageContent;
      expect(content.risks.length).toBeGreaterThanOrEqual(8);
      expect(content.risks.length).toBeLessThanOrEqual(12);
      expect(new Set(content.risks.map((r) => `${r.likelihood}x${r.consequence}`)).size).toBeGreaterThanOrEqual(6);
      for (const r of content.risks) {
        expect(r.residualLikelihood).toBeLessThanOrEqual(r.likelihood);
        expect(r.residualConsequence).toBeLessThanOrEqual(r.consequence);
        if (r.treatment === 'accept') expect(r.rationale).not.toBe('');
        else expect(r.measures.length).toBeGreaterThan(0);
        expect(r.measures.every((m) => m.owner !== '' && /^\d{4}-\d{2}-\d{2}$/.test(m.deadline ?? ''))).toBe(true);
      }
    }
  });

  it("has Faxe's two recipients, who opened, downloaded and acknowledged Aula 2025 and responded to two of its risks", async () => {
    const faxe = await recipients(FAXE);
    expect(faxe.map((r) => r.email).sort()).toEqual([recipientEmail(FAXE, 1), recipientEmail(FAXE, 2)]);
    const aula = await pkg('aula', 2025);
    const [target] = await db().select().from(compliancePackageTarget).where(and(eq(compliancePackageTarget.packageId, aula.id), eq(compliancePackageTarget.municipalityCode, FAXE)));
    expect(target!.firstOpenedAt).not.toBeNull();
    expect(target!.acknowledgedAt!.getTime()).toBeGreaterThan(target!.firstOpenedAt!.getTime());
    expect(faxe.map((r) => r.personId)).toContain(target!.acknowledgedBy);
    const log = await db().select().from(complianceAccess).where(and(eq(complianceAccess.packageId, aula.id), eq(complianceAccess.municipalityCode, FAXE)));
    expect(new Set(log.map((l) => l.personId))).toEqual(new Set(faxe.map((r) => r.personId)));
    expect(log.filter((l) => l.kind === 'download').map((l) => l.file).sort()).toEqual(['compliancepakke-2025-aula.pdf', 'compliancepakke-2025-aula.xlsx']);

    const responses = await db()
      .select({ id: complianceRiskResponse.id, response: complianceRiskResponse.response, reason: complianceRiskResponse.reason, rl: complianceRiskResponse.residualLikelihood, rc: complianceRiskResponse.residualConsequence, ref: complianceRisk.ref })
      .from(complianceRiskResponse)
      .innerJoin(complianceRisk, eq(complianceRisk.id, complianceRiskResponse.riskId))
      .where(and(eq(complianceRiskResponse.packageId, aula.id), eq(complianceRiskResponse.municipalityCode, FAXE)));
    expect(responses.map((r) => r.response).sort()).toEqual(['not-relevant', 'own-measures']);
    const own = responses.find((r) => r.response === 'own-measures')!;
    expect([own.rl, own.rc].every((v) => v !== null)).toBe(true);
    const [measure] = await db().select().from(complianceResponseMeasure).where(eq(complianceResponseMeasure.responseId, own.id));
    expect(measure).toMatchObject({ owner: expect.stringMatching(/Faxe/), deadline: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(responses.find((r) => r.response === 'not-relevant')!.reason).not.toBe('');
    // Others responded to the same high risk, so the aggregate has something to count.
    const r3 = await db().select({ code: complianceRiskResponse.municipalityCode }).from(complianceRiskResponse).innerJoin(complianceRisk, eq(complianceRisk.id, complianceRiskResponse.riskId)).where(and(eq(complianceRisk.packageId, aula.id), eq(complianceRisk.ref, 'R3'), eq(complianceRiskResponse.response, 'own-measures')));
    expect(r3.length).toBeGreaterThanOrEqual(3);
  });

  it('has at most two recipients anywhere, one in a handful of municipalities, none in most; all can log in', async () => {
    const all = await db().select({ code: roleAssignment.municipalityCode }).from(roleAssignment).where(and(eq(roleAssignment.roleTypeKey, 'compliancepakke-modtager'), isNull(roleAssignment.removedAt)));
    const per = new Map<string, number>();
    for (const r of all) per.set(r.code!, (per.get(r.code!) ?? 0) + 1);
    expect(Math.max(...per.values())).toBe(2);
    expect([...per.keys()].sort()).toEqual([FAXE, ...ONE_RECIPIENT].sort());
    for (const email of [recipientEmail(FAXE, 1), recipientEmail(FAXE, 2), recipientEmail(ONE_RECIPIENT[0], 1), DEMO_INFOSEC.email]) {
      const [account] = await db().select({ hash: userAccount.passwordHash }).from(userAccount).where(eq(userAccount.email, email));
      expect(await verifyPassword(account!.hash, DEMO_PASSWORD)).toBe(true);
    }
    const [infosec] = await db().select({ role: roleAssignment.roleTypeKey, code: roleAssignment.municipalityCode }).from(roleAssignment).innerJoin(person, eq(person.id, roleAssignment.personId)).where(eq(person.email, DEMO_INFOSEC.email));
    expect(infosec).toEqual({ role: 'informationssikkerhed', code: null });
  });

  it("has a KY package delivered 20 days before the seed that Faxe has not opened, and next year's Aula being prepared", async () => {
    const live = (await packages()).filter((p) => p.year > 2025);
    const ky = live.find((p) => p.solutionKey === 'ky')!;
    expect(ky.status).toBe('published');
    expect(danishDay(ky.publishedAt!)).toBe(addDays(today, -LIVE_KY_PUBLISHED_DAYS_AGO));
    expect(ky.copiedFromId).toBe((await pkg('ky', 2025)).id);
    const targets = await db().select().from(compliancePackageTarget).where(eq(compliancePackageTarget.packageId, ky.id));
    expect(targets).toHaveLength(98);
    const acknowledged = targets.filter((t) => t.acknowledgedAt !== null);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(acknowledged.every((t) => t.acknowledgedAt! < now && t.acknowledgedAt! > ky.publishedAt!)).toBe(true);
    expect(targets.find((t) => t.municipalityCode === FAXE)).toMatchObject({ firstOpenedAt: null, acknowledgedAt: null });
    const kyContent = ky.publishedContent as PackageContent;
    const ky2025 = (await pkg('ky', 2025)).publishedContent as PackageContent;
    expect(kyContent.risks.length).toBeGreaterThan(ky2025.risks.length);

    const aula = live.find((p) => p.solutionKey === 'aula')!;
    expect(aula).toMatchObject({ status: 'draft', year: ky.year, publishedContent: null, copiedFromId: (await pkg('aula', 2025)).id });
    expect(live).toHaveLength(2);
  });

  it('has the KLIK task "Registrér modtagere af compliancepakker" to the KLIK administrators, solved where recipients are registered', async () => {
    const [t] = await db().select().from(task).where(eq(task.code, RECIPIENT_TASK.code));
    expect(t).toMatchObject({ title: 'Registrér modtagere af compliancepakker', audienceRoleKey: 'klik-administrator', status: 'published', deadline: addDays(today, RECIPIENT_TASK.dueInDays) });
    const targets = await db().select({ code: taskTarget.municipalityCode, status: taskTarget.status }).from(taskTarget).where(eq(taskTarget.taskId, t!.id));
    expect(targets).toHaveLength(98);
    expect(targets.filter((x) => x.status === 'loest').map((x) => x.code).sort()).toEqual([FAXE, ...ONE_RECIPIENT].sort());
    expect(targets.filter((x) => x.status === 'ikke_startet').length).toBeGreaterThan(50);
  });
});

import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { referenceMunicipalities } from '../../db/reference/municipalities.ts';
import { person, roleAssignment, userAccount } from '../../db/schema.ts';
import { hashPassword } from '../../platform/auth/secrets.ts';
import { danishDay, danishTime } from '../../platform/days.ts';
import { addDays } from '../../platform/reminders/schedule.ts';
import { buildPackageContent } from './content.ts';
import { DEMO_AULA } from './demo-aula.ts';
import { DEMO_BYG_OG_MILJOE } from './demo-byg-og-miljoe.ts';
import { DEMO_SUPPLIERS, type DemoPackage, type DemoRisk } from './demo-content.ts';
import { DEMO_KY } from './demo-ky.ts';
import { seedRecipientActivity } from './demo-recipients.ts';
import { AUTHOR_ROLE, RECIPIENT_ROLE } from './policy.ts';
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
} from './schema.ts';

const FAXE = '0320';
const SCALE = 'datatilsynet-4x4';
/** The organisations demo's password; its hash is reused from the admin account, which that demo made first. */
const DEMO_PASSWORD = 'demo1234';

/** KOMBIT's information-security consultant: authors and publishes the packages. */
export const DEMO_INFOSEC = { name: 'Ingrid Informationssikkerhed', email: 'informationssikkerhed@samspil.demo', title: 'Informationssikkerhedskonsulent' };
/** A municipality's designated recipients: modtager1-KKKK@samspil.demo and (Faxe only) modtager2-KKKK@samspil.demo. */
export const recipientEmail = (code: string, n: 1 | 2) => `modtager${n}-${code}@samspil.demo`;
/** Municipalities with one recipient; Faxe has two; the rest none (their program leaders are told to register one). */
export const ONE_RECIPIENT = ['0101', '0265', '0461', '0630', '0751', '0851'] as const;

/** The fixed history: each solution's package went out in July–August, as the deck says for 2025. */
const PUBLISHED: Record<'aula' | 'ky' | 'byg-og-miljoe', { 2024: string; 2025: string }> = {
  aula: { 2024: '2024-07-02', 2025: '2025-07-01' },
  ky: { 2024: '2024-07-16', 2025: '2025-07-15' },
  'byg-og-miljoe': { 2024: '2024-08-13', 2025: '2025-08-12' },
};
const DEFS = [DEMO_AULA, DEMO_KY, DEMO_BYG_OG_MILJOE];

/** The live KY package goes out this many days before the seed's day. */
export const LIVE_KY_PUBLISHED_DAYS_AGO = 20;

const shiftYear = (day: string, years: number) => `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;

/** 2024 as it was: without what was new in 2025, the risk values it had then, deadlines a year earlier. */
function as2024(def: DemoPackage): DemoPackage {
  const n = def.newIn2025;
  return {
    ...def,
    activities: def.activities.filter((a) => !n.activities.includes(a.ref)),
    risks: def.risks
      .filter((r) => !n.risks.includes(r.ref))
      .map((r) => ({ ...r, ...def.riskIn2024[r.ref], measures: r.measures.map((m) => ({ ...m, deadline: shiftYear(m.deadline, -1) })) })),
    suppliers: def.suppliers.filter((s) => !n.suppliers.includes(s)),
  };
}

/** Next year's copy with the given edits; measure deadlines a year on. */
function nextYear(def: DemoPackage, edit: (p: DemoPackage) => DemoPackage, years = 1): DemoPackage {
  return edit({ ...def, risks: def.risks.map((r) => ({ ...r, measures: r.measures.map((m) => ({ ...m, deadline: shiftYear(m.deadline, years) })) })) });
}

const withRisk = (risks: DemoRisk[], ref: string, change: Partial<DemoRisk>) => risks.map((r) => (r.ref === ref ? { ...r, ...change } : r));

export type PackageRow = typeof compliancePackage.$inferInsert;

/** The rows of one or more packages, inserted one statement per table whatever their size. */
async function insertPackages(tx: Db, items: { row: PackageRow & { id: string }; def: DemoPackage; columnG: boolean }[], supplierIds: Map<string, string>) {
  const rows = {
    rights: [] as (typeof compliancePackageRight.$inferInsert)[],
    activities: [] as (typeof complianceActivity.$inferInsert)[],
    bases: [] as (typeof complianceActivityLegalBasis.$inferInsert)[],
    subjects: [] as (typeof complianceActivitySubject.$inferInsert)[],
    data: [] as (typeof complianceActivityData.$inferInsert)[],
    g: [] as (typeof complianceColumnG.$inferInsert)[],
    suppliers: [] as (typeof compliancePackageSupplier.$inferInsert)[],
    risks: [] as (typeof complianceRisk.$inferInsert)[],
    measures: [] as (typeof complianceRiskMeasure.$inferInsert)[],
  };
  for (const { row, def, columnG } of items) {
    const packageId = row.id;
    for (const [rightKey, handling] of Object.entries(def.rights)) rows.rights.push({ packageId, rightKey, handling });
    def.activities.forEach((a, i) => {
      const activityId = randomUUID();
      rows.activities.push({
        id: activityId,
        packageId,
        ref: a.ref,
        name: a.name,
        purpose: a.purpose,
        legalBasisNote: a.legalBasisNote,
        recipients: a.recipients,
        thirdCountries: a.thirdCountries ?? '',
        transferBasisKey: a.transferBasis ?? null,
        retentionKey: a.retention,
        deletion: a.deletion,
        sort: i + 1,
      });
      for (const basisKey of a.legalBases) rows.bases.push({ activityId, basisKey });
      for (const subjectKey of new Set(a.g.flatMap(([, s]) => s))) rows.subjects.push({ activityId, subjectKey });
      for (const [dataKey, subjects] of a.g) {
        rows.data.push({ activityId, dataKey });
        if (columnG) for (const subjectKey of subjects) rows.g.push({ activityId, dataKey, subjectKey });
      }
    });
    for (const key of def.suppliers) rows.suppliers.push({ packageId, supplierId: supplierIds.get(key)! });
    def.risks.forEach((r, i) => {
      const riskId = randomUUID();
      rows.risks.push({
        id: riskId,
        packageId,
        ref: r.ref,
        threat: r.threat,
        impact: r.impact,
        likelihood: r.l,
        consequence: r.c,
        existingMeasures: r.existing,
        residualLikelihood: r.rl,
        residualConsequence: r.rc,
        treatment: r.treatment ?? 'reduce',
        rationale: r.rationale ?? '',
        sort: i + 1,
      });
      r.measures.forEach((m, j) => rows.measures.push({ riskId, description: m.description, owner: m.owner, deadline: m.deadline, sort: j + 1 }));
    });
  }
  await tx.insert(compliancePackage).values(items.map((i) => i.row));
  await tx.insert(compliancePackageRight).values(rows.rights);
  await tx.insert(complianceActivity).values(rows.activities);
  await tx.insert(complianceActivityLegalBasis).values(rows.bases);
  await tx.insert(complianceActivitySubject).values(rows.subjects);
  await tx.insert(complianceActivityData).values(rows.data);
  if (rows.g.length > 0) await tx.insert(complianceColumnG).values(rows.g);
  await tx.insert(compliancePackageSupplier).values(rows.suppliers);
  await tx.insert(complianceRisk).values(rows.risks);
  if (rows.measures.length > 0) await tx.insert(complianceRiskMeasure).values(rows.measures);
}

/** Freeze published packages as publishing does: their content as it reads now. */
async function freeze(tx: Db, ids: string[]) {
  for (const id of ids) await tx.update(compliancePackage).set({ publishedContent: await buildPackageContent(tx, id) }).where(eq(compliancePackage.id, id));
}

/**
 * The compliance packages (issue #10): 2024 and 2025 for Aula, KY and Byg og Miljø as fixed history
 * (2024 before column G and the new supplier fields, 2025 with them, both published in July–August
 * and delivered to all 98 municipalities), Faxe's two recipients who opened and acknowledged Aula
 * 2025 and responded to two of its risks, a few municipalities with one recipient, and, relative to
 * `now`, next year's Aula package being prepared and a KY package delivered 20 days ago that Faxe
 * has not opened yet.
 */
export async function seedDemoCompliance(db: Db, now: Date): Promise<void> {
  const [existing] = await db.select({ id: compliancePackage.id }).from(compliancePackage).where(and(eq(compliancePackage.solutionKey, 'aula'), eq(compliancePackage.year, 2024))).limit(1);
  if (existing) return;
  const codes = referenceMunicipalities().map((m) => m.code);
  const names = new Map(referenceMunicipalities().map((m) => [m.code, m.name]));
  const today = danishDay(now);

  await db.transaction(async (tx) => {
    // ---- people: the author, and the recipients (registered in June 2025, before the first delivery)
    const [admin] = await tx.select({ hash: userAccount.passwordHash }).from(userAccount).where(eq(userAccount.email, 'admin@samspil.demo'));
    const passwordHash = admin?.hash ?? (await hashPassword(DEMO_PASSWORD));
    const registered = danishTime('2025-06-16', 10);
    const recipientPeople = [
      { name: 'Informationssikkerhedskoordinator Faxe', email: recipientEmail(FAXE, 1), title: 'Informationssikkerhedskoordinator', municipalityCode: FAXE },
      { name: 'Databeskyttelsesrådgiver Faxe', email: recipientEmail(FAXE, 2), title: 'Databeskyttelsesrådgiver (DPO)', municipalityCode: FAXE },
      ...ONE_RECIPIENT.map((code) => ({ name: `Informationssikkerhedskoordinator ${names.get(code)}`, email: recipientEmail(code, 1), title: 'Informationssikkerhedskoordinator', municipalityCode: code })),
    ];
    const people = await tx
      .insert(person)
      .values([{ ...DEMO_INFOSEC, municipalityCode: null }, ...recipientPeople.map((p) => ({ ...p, createdAt: registered, updatedAt: registered }))])
      .returning({ id: person.id, email: person.email, municipalityCode: person.municipalityCode });
    const accounts = await tx
      .insert(userAccount)
      .values(people.map((p) => ({ personId: p.id, email: p.email, passwordHash })))
      .returning({ id: userAccount.id, personId: userAccount.personId });
    await tx.insert(roleAssignment).values(
      people.map((p) =>
        p.municipalityCode === null
          ? { personId: p.id, municipalityCode: null, roleTypeKey: AUTHOR_ROLE }
          : { personId: p.id, municipalityCode: p.municipalityCode, roleTypeKey: RECIPIENT_ROLE, createdAt: registered },
      ),
    );
    const personOf = new Map(people.map((p) => [p.email, p.id]));
    const author = accounts.find((a) => a.personId === personOf.get(DEMO_INFOSEC.email))!.id;
    const recipient = (code: string, n: 1 | 2 = 1) => personOf.get(recipientEmail(code, n))!;

    // ---- suppliers: as known in 2024 (without the fields the 2025 package added)
    const supplierIds = new Map(DEMO_SUPPLIERS.map((s) => [s.key, randomUUID()]));
    const old = danishTime('2024-03-01', 9);
    await tx.insert(complianceSupplier).values(
      DEMO_SUPPLIERS.map((s) => ({
        id: supplierIds.get(s.key)!,
        name: s.name,
        cvr: s.cvr,
        role: s.role,
        parentId: s.parent ? supplierIds.get(s.parent)! : null,
        locations: s.locations,
        createdAt: old,
        updatedAt: old,
      })),
    );

    // ---- the history: 2024, then 2025 as a copy of it with the new columns filled in
    const pkgRow = (def: DemoPackage, year: number, publishedDay: string | null, copiedFromId: string | null, createdAt: Date): PackageRow & { id: string } => {
      const publishedAt = publishedDay ? danishTime(publishedDay, 10) : null;
      return {
        id: randomUUID(),
        solutionKey: def.solutionKey,
        year,
        status: publishedAt ? 'published' : 'draft',
        scaleKey: SCALE,
        introduction: def.introduction,
        principles: def.principles,
        securityMeasures: def.securityMeasures,
        copiedFromId,
        publishedAt,
        publishedBy: publishedAt ? author : null,
        createdBy: author,
        createdAt,
        updatedAt: publishedAt ?? createdAt,
      };
    };
    const p2024 = DEFS.map((def) => ({ row: pkgRow(def, 2024, PUBLISHED[def.solutionKey as keyof typeof PUBLISHED][2024], null, danishTime('2024-04-15', 9)), def: as2024(def), columnG: false }));
    await insertPackages(tx, p2024, supplierIds);
    await freeze(tx, p2024.map((p) => p.row.id));

    const updated = danishTime('2025-04-22', 9);
    for (const s of DEMO_SUPPLIERS) {
      await tx
        .update(complianceSupplier)
        .set({ address: s.address, contractParty: s.contractParty, processingActivity: s.processingActivity, transferBasisKey: s.transferBasis, updatedAt: updated })
        .where(eq(complianceSupplier.id, supplierIds.get(s.key)!));
    }
    const p2025 = DEFS.map((def, i) => ({ row: pkgRow(def, 2025, PUBLISHED[def.solutionKey as keyof typeof PUBLISHED][2025], p2024[i]!.row.id, updated), def, columnG: true }));

    // ---- live: next year's Aula being prepared, and KY delivered 20 days before the seed
    const liveYear = Math.max(2026, Number(addDays(today, -LIVE_KY_PUBLISHED_DAYS_AGO).slice(0, 4)));
    const aulaNext = nextYear(
      DEMO_AULA,
      (p) => ({
        ...p,
        activities: p.activities.map((a) =>
          a.ref === 'A2' ? { ...a, deletion: 'Slettes efter de reviderede slettefrister pr. filkategori, aktiveret i september 2026. Filer journaliseres til kommunens ESDH-system før sletning.' } : a,
        ),
        risks: [
          ...withRisk(p.risks, 'R5', { l: 2, c: 2, rl: 1, rc: 2 }),
          {
            ref: 'R11',
            threat: 'Medarbejdere indsætter oplysninger om børn i AI-assistenter uden for Aula.',
            impact: 'Oplysninger om børn behandles hos en tjeneste uden databehandleraftale, muligvis uden for EU.',
            l: 3,
            c: 3,
            existing: 'Kommunernes egne retningslinjer for brug af AI.',
            measures: [{ description: 'Vejledning til institutionerne om brug af AI sammen med Aula.', owner: 'KOMBIT, informationssikkerhed', deadline: `${liveYear}-10-31` }],
            rl: 2,
            rc: 3,
          },
        ],
      }),
      liveYear - 2025,
    );
    const aula2025 = p2025[0]!.row.id;
    const ky2025 = p2025[1]!;
    const liveKyDay = addDays(today, -LIVE_KY_PUBLISHED_DAYS_AGO);
    // Only when it would follow KY 2025 (a demo seeded before that gets the history alone).
    const kyLive = liveKyDay > PUBLISHED.ky[2025]
      ? {
          row: pkgRow(DEMO_KY, liveYear, liveKyDay, ky2025.row.id, danishTime(addDays(liveKyDay, -30), 9)),
          def: nextYear(
            DEMO_KY,
            (p) => ({
              ...p,
              risks: [
                ...withRisk(p.risks, 'R9', { l: 3, c: 3, rl: 2, rc: 3 }),
                {
                  ref: 'R10',
                  threat: 'Sagsbehandlere eksporterer sagslister med CPR-numre til regneark.',
                  impact: 'Oplysninger om borgernes økonomi ligger ukontrolleret på fællesdrev og i e-mails.',
                  l: 3,
                  c: 2,
                  existing: 'Eksport kræver en særlig rettighed.',
                  measures: [{ description: 'Eksport uden CPR-numre som standard; logning af hver eksport.', owner: 'Eksempel Ydelsessystemer A/S', deadline: `${liveYear + 1}-03-31` }],
                  rl: 2,
                  rc: 2,
                },
              ],
            }),
            liveYear - 2025,
          ),
          columnG: true,
        }
      : null;
    const aulaDraft = { row: pkgRow(aulaNext, liveYear, null, aula2025, danishTime(addDays(today, -10), 9)), def: aulaNext, columnG: true };
    await insertPackages(tx, [...p2025, ...(kyLive ? [kyLive] : []), aulaDraft], supplierIds);
    await freeze(tx, [...p2025.map((p) => p.row.id), ...(kyLive ? [kyLive.row.id] : [])]);

    // ---- delivery to every municipality, on the day each was published
    const published = [...p2024, ...p2025, ...(kyLive ? [kyLive] : [])];
    await tx.insert(compliancePackageTarget).values(published.flatMap((p) => codes.map((municipalityCode) => ({ packageId: p.row.id, municipalityCode, deliveredAt: p.row.publishedAt! }))));

    await seedRecipientActivity(tx, { p2025, kyLive: kyLive ?? null, recipient, today, liveKyDay });
  });
}

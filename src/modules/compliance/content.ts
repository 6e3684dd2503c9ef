import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  complianceActivity,
  complianceActivityData,
  complianceActivityLegalBasis,
  complianceActivitySubject,
  complianceColumnG,
  compliancePackage,
  compliancePackageRight,
  compliancePackageSupplier,
  complianceRisk,
  complianceRiskMeasure,
  complianceSupplier,
  type RiskTreatment,
  type SupplierRole,
} from './schema.ts';

/**
 * A package's content in one shape: what the pages, the API, the files, "what changed" and the
 * frozen copy of a published package all read. Choice-list values are keys; `loadChoices` gives
 * their labels.
 */
export interface PackageContent {
  introduction: string;
  principles: string;
  securityMeasures: string;
  rights: { right: string; handling: string }[];
  activities: ContentActivity[];
  suppliers: ContentSupplier[];
  risks: ContentRisk[];
}

export interface ContentActivity {
  id: string;
  ref: string;
  name: string;
  purpose: string;
  legalBases: string[];
  legalBasisNote: string;
  dataSubjects: string[];
  personalData: string[];
  /** Column G: for each personal-data category, the data-subject categories it concerns. */
  columnG: { personalData: string; dataSubjects: string[] }[];
  recipients: string;
  thirdCountries: string;
  transferBasis: string | null;
  retention: string | null;
  deletion: string;
}

export interface ContentSupplier {
  id: string;
  name: string;
  cvr: string;
  address: string;
  contractParty: string;
  role: SupplierRole;
  processingActivity: string;
  locations: string;
  transferBasis: string | null;
  parentId: string | null;
  parentName: string | null;
}

export interface ContentMeasure {
  id: string;
  description: string;
  owner: string;
  deadline: string | null;
}

export interface ContentRisk {
  id: string;
  ref: string;
  threat: string;
  impact: string;
  likelihood: number;
  consequence: number;
  existingMeasures: string;
  measures: ContentMeasure[];
  residualLikelihood: number;
  residualConsequence: number;
  treatment: RiskTreatment;
  rationale: string;
}

/**
 * The content of a package: a published one's frozen copy (one row), a draft's rows (one statement
 * per table, however large the package).
 */
export async function loadPackageContent(db: Db, packageId: string): Promise<PackageContent> {
  const [frozen] = await db
    .select({ content: compliancePackage.publishedContent })
    .from(compliancePackage)
    .where(eq(compliancePackage.id, packageId));
  if (frozen?.content) return frozen.content as PackageContent;
  return buildPackageContent(db, packageId);
}

/** The content from the package's rows, as publishing freezes it. */
export async function buildPackageContent(db: Db, packageId: string): Promise<PackageContent> {
  const [pkg] = await db
    .select({ introduction: compliancePackage.introduction, principles: compliancePackage.principles, securityMeasures: compliancePackage.securityMeasures })
    .from(compliancePackage)
    .where(eq(compliancePackage.id, packageId));
  if (!pkg) throw new Error(`compliance package ${packageId} does not exist`);
  const rights = await db
    .select({ right: compliancePackageRight.rightKey, handling: compliancePackageRight.handling })
    .from(compliancePackageRight)
    .where(eq(compliancePackageRight.packageId, packageId));
  const activities = await db
    .select()
    .from(complianceActivity)
    .where(eq(complianceActivity.packageId, packageId))
    .orderBy(asc(complianceActivity.sort), asc(complianceActivity.ref));
  const ids = activities.map((a) => a.id);
  const none = ids.length === 0;
  const bases = none ? [] : await db.select().from(complianceActivityLegalBasis).where(inArray(complianceActivityLegalBasis.activityId, ids));
  const subjects = none ? [] : await db.select().from(complianceActivitySubject).where(inArray(complianceActivitySubject.activityId, ids));
  const data = none ? [] : await db.select().from(complianceActivityData).where(inArray(complianceActivityData.activityId, ids));
  const links = none ? [] : await db.select().from(complianceColumnG).where(inArray(complianceColumnG.activityId, ids));
  const suppliers = await db
    .select({ s: complianceSupplier })
    .from(compliancePackageSupplier)
    .innerJoin(complianceSupplier, eq(complianceSupplier.id, compliancePackageSupplier.supplierId))
    .where(eq(compliancePackageSupplier.packageId, packageId));
  const parentIds = [...new Set(suppliers.map((r) => r.s.parentId).filter((p): p is string => p !== null))];
  const parents = parentIds.length === 0 ? [] : await db.select({ id: complianceSupplier.id, name: complianceSupplier.name }).from(complianceSupplier).where(inArray(complianceSupplier.id, parentIds));
  const parentName = new Map(parents.map((p) => [p.id, p.name]));
  const risks = await loadRiskRows(db, packageId);

  const keysOf = <T extends { activityId: string }>(rows: T[], id: string, pick: (r: T) => string) =>
    rows.filter((r) => r.activityId === id).map(pick).sort();
  return {
    ...pkg,
    rights: rights.sort((a, b) => (a.right < b.right ? -1 : a.right > b.right ? 1 : 0)),
    activities: activities.map((a) => {
      const own = links.filter((l) => l.activityId === a.id);
      const personalData = keysOf(data, a.id, (r) => r.dataKey);
      return {
        id: a.id,
        ref: a.ref,
        name: a.name,
        purpose: a.purpose,
        legalBases: keysOf(bases, a.id, (r) => r.basisKey),
        legalBasisNote: a.legalBasisNote,
        dataSubjects: keysOf(subjects, a.id, (r) => r.subjectKey),
        personalData,
        columnG: personalData
          .map((d) => ({ personalData: d, dataSubjects: own.filter((l) => l.dataKey === d).map((l) => l.subjectKey).sort() }))
          .filter((g) => g.dataSubjects.length > 0),
        recipients: a.recipients,
        thirdCountries: a.thirdCountries,
        transferBasis: a.transferBasisKey,
        retention: a.retentionKey,
        deletion: a.deletion,
      };
    }),
    suppliers: suppliers
      .map(({ s }) => ({
        id: s.id,
        name: s.name,
        cvr: s.cvr,
        address: s.address,
        contractParty: s.contractParty,
        role: s.role,
        processingActivity: s.processingActivity,
        locations: s.locations,
        transferBasis: s.transferBasisKey,
        parentId: s.parentId,
        parentName: s.parentId ? (parentName.get(s.parentId) ?? null) : null,
      }))
      // processors before their sub-processors; the page sorts names in Danish order itself
      .sort((a, b) => (a.role === b.role ? 0 : a.role === 'processor' ? -1 : 1)),
    risks,
  };
}

/**
 * A package's risks with their planned measures from its rows (two statements): what a draft's
 * risk pages read instead of the whole content.
 */
export async function loadRiskRows(db: Db, packageId: string): Promise<ContentRisk[]> {
  const risks = await db.select().from(complianceRisk).where(eq(complianceRisk.packageId, packageId)).orderBy(asc(complianceRisk.sort), asc(complianceRisk.ref));
  const measures =
    risks.length === 0
      ? []
      : await db
          .select()
          .from(complianceRiskMeasure)
          .where(inArray(complianceRiskMeasure.riskId, risks.map((r) => r.id)))
          .orderBy(asc(complianceRiskMeasure.sort));
  return risks.map((r) => ({
    id: r.id,
    ref: r.ref,
    threat: r.threat,
    impact: r.impact,
    likelihood: r.likelihood,
    consequence: r.consequence,
    existingMeasures: r.existingMeasures,
    measures: measures.filter((m) => m.riskId === r.id).map((m) => ({ id: m.id, description: m.description, owner: m.owner, deadline: m.deadline })),
    residualLikelihood: r.residualLikelihood,
    residualConsequence: r.residualConsequence,
    treatment: r.treatment,
    rationale: r.rationale,
  }));
}

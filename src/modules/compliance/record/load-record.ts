import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { loadPackageContent, type ContentActivity } from '../content.ts';
import type { PackageRow } from '../load-package.ts';
import { complianceActivity, compliancePackageRight } from '../schema.ts';

/** What Skema 1 shows: the processing activities, principles, security measures and the rights. */
export interface RecordContent {
  principles: string;
  securityMeasures: string;
  rights: { right: string; handling: string }[];
  activities: ContentActivity[];
}

/** Keys are choice-list keys, which never contain this separator. */
const PAIR = '|';

/**
 * Activities with their keys and column G, one statement however many there are: each list is an
 * array aggregated beside its row, so 200 activities cost what one does.
 */
async function selectActivities(db: Db, where: SQL): Promise<ContentActivity[]> {
  const keys = (table: string, column: string) =>
    sql<string[]>`coalesce((select array_agg(k.${sql.raw(column)} order by k.${sql.raw(column)}) from ${sql.raw(table)} k where k.activity_id = ${complianceActivity.id}), '{}')`;
  const rows = await db
    .select({
      a: complianceActivity,
      legalBases: keys('compliance_activity_legal_basis', 'basis_key'),
      dataSubjects: keys('compliance_activity_subject', 'subject_key'),
      personalData: keys('compliance_activity_data', 'data_key'),
      links: sql<string[]>`coalesce((select array_agg(g.data_key || ${PAIR} || g.subject_key order by g.data_key, g.subject_key) from compliance_column_g g where g.activity_id = ${complianceActivity.id}), '{}')`,
    })
    .from(complianceActivity)
    .where(where)
    .orderBy(asc(complianceActivity.sort), asc(complianceActivity.ref));
  return rows.map(({ a, legalBases, dataSubjects, personalData, links }) => {
    const pairs = links.map((l) => l.split(PAIR) as [string, string]);
    return {
      id: a.id,
      ref: a.ref,
      name: a.name,
      purpose: a.purpose,
      legalBases,
      legalBasisNote: a.legalBasisNote,
      dataSubjects,
      personalData,
      columnG: personalData
        .map((d) => ({ personalData: d, dataSubjects: pairs.filter(([pd]) => pd === d).map(([, s]) => s) }))
        .filter((g) => g.dataSubjects.length > 0),
      recipients: a.recipients,
      thirdCountries: a.thirdCountries,
      transferBasis: a.transferBasisKey,
      retention: a.retentionKey,
      deletion: a.deletion,
    };
  });
}

/**
 * Skema 1 of a package. A published package reads its frozen content (one row); a draft reads its
 * rows in two statements (rights, activities with their keys), so the page stays bounded however
 * many activities the draft has.
 */
export async function loadRecord(db: Db, pkg: PackageRow): Promise<RecordContent> {
  if (pkg.status === 'published') {
    const c = await loadPackageContent(db, pkg.id);
    return { principles: c.principles, securityMeasures: c.securityMeasures, rights: c.rights, activities: c.activities };
  }
  const rights = await db
    .select({ right: compliancePackageRight.rightKey, handling: compliancePackageRight.handling })
    .from(compliancePackageRight)
    .where(eq(compliancePackageRight.packageId, pkg.id));
  const activities = await selectActivities(db, eq(complianceActivity.packageId, pkg.id));
  return { principles: pkg.principles, securityMeasures: pkg.securityMeasures, rights, activities };
}

/**
 * One activity of the package as it is now (from a published package's frozen content, so a reader
 * sees what was delivered). 404 when the package has no such activity.
 */
export async function loadActivity(db: Db, pkg: PackageRow, activityId: string): Promise<ContentActivity> {
  if (!isUuid(activityId)) throw notFound('Behandlingsaktiviteten findes ikke.');
  const found =
    pkg.status === 'published'
      ? (await loadPackageContent(db, pkg.id)).activities.find((a) => a.id === activityId)
      : (await selectActivities(db, and(eq(complianceActivity.packageId, pkg.id), eq(complianceActivity.id, activityId))!))[0];
  if (!found) throw notFound('Behandlingsaktiviteten findes ikke.');
  return found;
}

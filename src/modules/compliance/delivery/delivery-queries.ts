import { and, count, desc, eq, max, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { municipality, person } from '../../../platform/identity/schema.ts';
import { danishCompare } from '../../../platform/views/format.ts';
import { RECIPIENT_ROLE } from '../policy.ts';
import { complianceAccess, compliancePackageTarget, complianceRiskResponse, type ComplianceAccessKind } from '../schema.ts';
import { byMunicipality, loadHolders } from './holders.ts';

/** At most this many holders of the recipient role per municipality (the role gallery enforces it). */
export const MAX_RECIPIENTS = 2;
/** The access log shows the newest entries; the total says how many there are. */
export const ACCESS_LOG_LIMIT = 200;

const recipientExists = sql`exists(select 1 from role_assignment ra join person p on p.id = ra.person_id and p.active
  where ra.municipality_code = ${compliancePackageTarget.municipalityCode} and ra.role_type_key = ${RECIPIENT_ROLE} and ra.removed_at is null)`;

export type DeliveryCounts = { delivered: number; withRecipients: number; opened: number; acknowledged: number };

/** How far a published package's delivery has come, over all municipalities. One statement. */
export async function deliveryCounts(db: Db, packageId: string): Promise<DeliveryCounts> {
  const [row] = await db
    .select({
      delivered: sql<number>`count(*)::int`,
      withRecipients: sql<number>`(count(*) filter (where ${recipientExists}))::int`,
      opened: sql<number>`count(${compliancePackageTarget.firstOpenedAt})::int`,
      acknowledged: sql<number>`count(${compliancePackageTarget.acknowledgedAt})::int`,
    })
    .from(compliancePackageTarget)
    .where(eq(compliancePackageTarget.packageId, packageId));
  return { delivered: row?.delivered ?? 0, withRecipients: row?.withRecipients ?? 0, opened: row?.opened ?? 0, acknowledged: row?.acknowledged ?? 0 };
}

export type Target = {
  municipalityCode: string;
  municipalityName: string;
  deliveredAt: Date;
  firstOpenedAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: { personId: string; name: string } | null;
};

/** The package's delivery to the municipalities (all, or one), with who acknowledged it. One statement. */
export async function loadTargets(db: Db, packageId: string, code?: string): Promise<Target[]> {
  const rows = await db
    .select({
      municipalityCode: compliancePackageTarget.municipalityCode,
      municipalityName: municipality.name,
      deliveredAt: compliancePackageTarget.deliveredAt,
      firstOpenedAt: compliancePackageTarget.firstOpenedAt,
      acknowledgedAt: compliancePackageTarget.acknowledgedAt,
      ackPersonId: person.id,
      ackName: person.name,
    })
    .from(compliancePackageTarget)
    .innerJoin(municipality, eq(municipality.code, compliancePackageTarget.municipalityCode))
    .leftJoin(person, eq(person.id, compliancePackageTarget.acknowledgedBy))
    .where(and(eq(compliancePackageTarget.packageId, packageId), code ? eq(compliancePackageTarget.municipalityCode, code) : undefined));
  return rows.map(({ ackPersonId, ackName, ...r }) => ({ ...r, acknowledgedBy: ackPersonId && ackName ? { personId: ackPersonId, name: ackName } : null }));
}

export type Recipient = { personId: string; name: string; email: string };

export type MunicipalityRow = Target & {
  recipients: Recipient[];
  lastAccessAt: Date | null;
  responses: number;
};

const toRecipient = (h: { personId: string; name: string; email: string }): Recipient => ({ personId: h.personId, name: h.name, email: h.email });
const byName = (a: { name: string }, b: { name: string }) => danishCompare(a.name, b.name);

/**
 * Every municipality the package was delivered to, in Danish order: recipients, opened,
 * acknowledged, last access and how many of the package's risks it responded to. Four statements
 * (targets, recipients, last access, responses), however many municipalities.
 */
export async function municipalityRows(db: Db, packageId: string): Promise<MunicipalityRow[]> {
  const targets = await loadTargets(db, packageId);
  const recipients = byMunicipality(await loadHolders(db));
  const lastAccess = await db
    .select({ code: complianceAccess.municipalityCode, at: max(complianceAccess.at) })
    .from(complianceAccess)
    .where(eq(complianceAccess.packageId, packageId))
    .groupBy(complianceAccess.municipalityCode);
  const responses = await db
    .select({ code: complianceRiskResponse.municipalityCode, n: count() })
    .from(complianceRiskResponse)
    .where(eq(complianceRiskResponse.packageId, packageId))
    .groupBy(complianceRiskResponse.municipalityCode);
  const lastOf = new Map(lastAccess.map((r) => [r.code, r.at]));
  const responsesOf = new Map(responses.map((r) => [r.code, Number(r.n)]));
  return targets
    .map((t) => ({
      ...t,
      recipients: (recipients.get(t.municipalityCode) ?? []).map(toRecipient).sort(byName),
      lastAccessAt: lastOf.get(t.municipalityCode) ?? null,
      responses: responsesOf.get(t.municipalityCode) ?? 0,
    }))
    .sort((a, b) => danishCompare(a.municipalityName, b.municipalityName));
}

/** The "mangler" filter: no recipient, or not acknowledged yet. */
export const isMissing = (r: MunicipalityRow) => r.recipients.length === 0 || r.acknowledgedAt === null;

export type AccessEntry = { at: Date; personId: string; name: string; kind: ComplianceAccessKind; file: string };

/** The municipality's access log of the package, newest first, at most ACCESS_LOG_LIMIT entries, and the total. One statement. */
export async function accessLog(db: Db, packageId: string, code: string): Promise<{ total: number; entries: AccessEntry[] }> {
  const rows = await db
    .select({
      at: complianceAccess.at,
      personId: complianceAccess.personId,
      name: person.name,
      kind: complianceAccess.kind,
      file: complianceAccess.file,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(complianceAccess)
    .innerJoin(person, eq(person.id, complianceAccess.personId))
    .where(and(eq(complianceAccess.packageId, packageId), eq(complianceAccess.municipalityCode, code)))
    .orderBy(desc(complianceAccess.at), desc(complianceAccess.id))
    .limit(ACCESS_LOG_LIMIT);
  return {
    total: rows[0]?.total ?? 0,
    entries: rows.map((r) => ({ at: r.at, personId: r.personId, name: r.name, kind: r.kind, file: r.file })),
  };
}

/** One municipality's delivery: its target row, its recipients (Danish order) and its access log. Three statements. */
export async function municipalityDelivery(db: Db, packageId: string, code: string) {
  const [target] = await loadTargets(db, packageId, code);
  if (!target) return null;
  const recipients = (await loadHolders(db, { code })).map(toRecipient).sort(byName);
  const log = await accessLog(db, packageId, code);
  return { target, recipients, log };
}

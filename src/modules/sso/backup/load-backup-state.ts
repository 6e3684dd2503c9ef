import { type SQL, sql } from 'drizzle-orm';
import { rawRows, type Db } from '../../../db/client.ts';

/**
 * Who has a backup login, in a fixed number of statements whatever the size: the counts per
 * municipality (one statement), the people without one (one, roles folded in), the people with
 * one (one). Lists stop at their limit (the caller says it was cut); names are sorted by the
 * caller in Danish order, never by SQL.
 */

export type HeldRoleRow = { roleTypeKey: string; roleLabel: string; solutionKey: string | null; solutionName: string | null; solutionSort: number | null };

export type MissingPerson = {
  personId: string;
  name: string;
  email: string;
  municipalityCode: string;
  municipalityName: string;
  lastContextHandlerLoginAt: Date | null;
  /** Context Handler sent their professional UUID: their first backup login links them by itself. */
  professionalUuidKnown: boolean;
  roles: HeldRoleRow[];
};

export type LinkedPerson = {
  personId: string;
  name: string;
  email: string;
  subject: string;
  linkedVia: 'login' | 'self' | 'admin';
  linkedAt: Date;
  lastBackupLoginAt: Date | null;
};

export type BackupCounts = { code: string; name: string; missing: number; withBackup: number };

export type Filter = {
  /** One municipality, or all the actor's scope allows. */
  code?: string | undefined;
  /** People holding a role for this solution. */
  solutionKey?: string | undefined;
  /** What the actor may list (policy's `backupReportScope`, on the `person` table). */
  scope: SQL;
};

const asDate = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));
const asJson = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

function where(f: Filter): SQL {
  const parts = [sql`person.active`, sql`person.municipality_code is not null`, f.scope];
  if (f.code) parts.push(sql`person.municipality_code = ${f.code}`);
  if (f.solutionKey) {
    parts.push(sql`exists (select 1 from role_assignment fr where fr.person_id = person.id and fr.removed_at is null and fr.solution_key = ${f.solutionKey})`);
  }
  return sql.join(parts, sql` and `);
}

const hasMitid = sql`exists (select 1 from sso_identity mi where mi.person_id = person.id and mi.provider = 'mitid-erhverv')`;

/** Per municipality in scope: Context Handler users without a backup login, and people with one. */
export async function backupCounts(db: Db, f: Filter): Promise<BackupCounts[]> {
  const rows = await rawRows<{ code: string; name: string; missing: number | string; with_backup: number | string }>(
    db,
    sql`select person.municipality_code as code, m.name,
          count(*) filter (where ch.id is not null and not ${hasMitid}) as missing,
          count(*) filter (where ${hasMitid}) as with_backup
        from person
        join municipality m on m.code = person.municipality_code
        left join sso_identity ch on ch.person_id = person.id and ch.provider = 'context-handler'
        where ${where(f)} and (ch.id is not null or ${hasMitid})
        group by person.municipality_code, m.name`,
  );
  return rows.map((r) => ({ code: r.code, name: r.name, missing: Number(r.missing), withBackup: Number(r.with_backup) }));
}

/** Context Handler users without a MitID Erhverv link, at most `limit` (VALG's system owners before the rest). */
export async function missingBackup(db: Db, f: Filter, limit: number, offset = 0): Promise<MissingPerson[]> {
  const rows = await rawRows<{
    person_id: string;
    name: string;
    email: string;
    code: string;
    municipality_name: string;
    last_login_at: unknown;
    uuid_known: boolean;
    roles: unknown;
  }>(
    db,
    sql`select person.id as person_id, person.name, person.email, person.municipality_code as code, m.name as municipality_name,
          ch.last_login_at, ch.professional_uuid is not null as uuid_known,
          coalesce((select json_agg(json_build_object('roleTypeKey', ra.role_type_key, 'roleLabel', rt.label_da, 'solutionKey', ra.solution_key,
                      'solutionName', s.name, 'solutionSort', s.sort))
                    from role_assignment ra join role_type rt on rt.key = ra.role_type_key left join solution s on s.key = ra.solution_key
                    where ra.person_id = person.id and ra.removed_at is null), '[]') as roles
        from sso_identity ch
        join person on person.id = ch.person_id
        join municipality m on m.code = person.municipality_code
        where ch.provider = 'context-handler' and ${where(f)} and not ${hasMitid}
        order by exists (select 1 from role_assignment v where v.person_id = person.id and v.removed_at is null
                   and v.role_type_key = 'systemansvarlig' and v.solution_key = 'valg') desc,
                 person.municipality_code, person.id
        limit ${limit} offset ${offset}`,
  );
  return rows.map((r) => ({
    personId: r.person_id,
    name: r.name,
    email: r.email,
    municipalityCode: r.code,
    municipalityName: r.municipality_name,
    lastContextHandlerLoginAt: asDate(r.last_login_at),
    professionalUuidKnown: Boolean(r.uuid_known),
    roles: asJson<HeldRoleRow[]>(r.roles),
  }));
}

/** One municipality's people with a MitID Erhverv link (for the administrator to remove one). */
export async function withBackup(db: Db, f: Filter & { code: string }, limit: number): Promise<LinkedPerson[]> {
  const rows = await rawRows<{ person_id: string; name: string; email: string; subject: string; linked_via: LinkedPerson['linkedVia']; created_at: unknown; last_login_at: unknown }>(
    db,
    sql`select person.id as person_id, person.name, person.email, mi.subject, mi.linked_via, mi.created_at, mi.last_login_at
        from sso_identity mi join person on person.id = mi.person_id
        where mi.provider = 'mitid-erhverv' and ${where(f)}
        order by person.id
        limit ${limit}`,
  );
  return rows.map((r) => ({
    personId: r.person_id,
    name: r.name,
    email: r.email,
    subject: r.subject,
    linkedVia: r.linked_via,
    linkedAt: asDate(r.created_at)!,
    lastBackupLoginAt: asDate(r.last_login_at),
  }));
}

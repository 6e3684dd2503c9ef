import { sql } from 'drizzle-orm';
import { rawRows, type Db } from '../../db/client.ts';
import { isUuid } from '../../platform/http/page-schemas.ts';

export type AuditObject = { name: string; href: string | null };

/**
 * Names (and pages) of the tasks, agreements, people and municipalities a page of log entries is
 * about: one statement for the whole page, whatever the number of rows. The log only reads names,
 * so it names the tables in SQL rather than reaching into the owning modules' schemas.
 */
export async function auditObjectNames(db: Db, rows: { entityType: string; entityId: string | null }[]): Promise<Map<string, AuditObject>> {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.entityType === type && r.entityId && isUuid(r.entityId)).map((r) => r.entityId!))];
  const tasks = ids('task');
  const agreements = ids('agreement');
  const people = ids('person');
  const codes = [...new Set(rows.filter((r) => r.entityType === 'municipality' && r.entityId && /^\d{4}$/.test(r.entityId)).map((r) => r.entityId!))];
  const found = new Map<string, AuditObject>();
  const uuids = (list: string[]) => sql`array[${sql.join(list.length ? list.map((id) => sql`${id}`) : [sql`null`], sql`, `)}]::uuid[]`;
  const texts = (list: string[]) => sql`array[${sql.join(list.length ? list.map((id) => sql`${id}`) : [sql`null`], sql`, `)}]::text[]`;
  // Always the one statement, even for an empty page, so the page's query count never depends on its rows.
  const result = await rawRows<{ type: string; id: string; name: string; municipality_code: string | null }>(db, sql`
    select 'task' as type, id::text as id, code || ' ' || title as name, null::text as municipality_code from task where id = any(${uuids(tasks)})
    union all
    select 'agreement', id::text, title, null from agreement where id = any(${uuids(agreements)})
    union all
    select 'person', id::text, name, municipality_code::text from person where id = any(${uuids(people)})
    union all
    select 'municipality', code::text, name || ' Kommune', null from municipality where code = any(${texts(codes)})
  `);
  for (const r of result) {
    const href =
      r.type === 'task'
        ? `/opgaver/${r.id}`
        : r.type === 'agreement'
          ? `/aftaler/${r.id}`
          : r.type === 'person'
            ? r.municipality_code
              ? `/kommuner/${r.municipality_code}/personer/${r.id}`
              : null
            : `/kommuner/${r.id}`;
    found.set(`${r.type}:${r.id}`, { name: r.name, href });
  }
  return found;
}

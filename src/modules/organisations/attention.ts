import { sql, type SQL } from 'drizzle-orm';
import { rawRows } from '../../db/client.ts';
import type { AttentionCtx, AttentionItem, AttentionProvider } from '../../platform/attention/provider.ts';
import { type Actor, isCentral } from '../../platform/context.ts';
import { danishCompare, danishList } from '../../platform/views/format.ts';

/**
 * Gaps in the role galleries that block mail: a role the joint organisation mails that nobody in a
 * municipality holds, so the mail reaches no one there. The slots that must be filled:
 * - a system owner (systemansvarlig) for every solution in operation or being phased in, and one of
 *   them primary (tasks for "the primary system owner" go to that one);
 * - at least one of the (at most 2) compliance-package recipients.
 * One statement for a municipality (its front page, its page and the menu badge), one for the
 * vacancies across all municipalities (central staff's front page).
 */

const OWNER = 'systemansvarlig';
const COMPLIANCE = 'compliancepakke-modtager';
const MAILED_PHASES = sql`('drift', 'indfasning')`;

/** Current holders of `role` (for `solution`, a SQL expression or null) in `code`, active people only. */
const holders = (code: SQL, role: string, solution: SQL | null, extra = sql``) => sql`select 1 from role_assignment ra
  join person p on p.id = ra.person_id and p.active
  where ra.municipality_code = ${code} and ra.role_type_key = ${role} and ra.removed_at is null
    and ${solution === null ? sql`ra.solution_key is null` : sql`ra.solution_key = ${solution}`} ${extra}`;

/** One row per gap of municipality `code`: 'owner' and 'primary' per solution, 'compliance' once. */
function gapsSql(code: string): SQL {
  const c = sql`${code}`;
  const s = sql`s.key`;
  return sql`select 'owner' as gap, s.name, s.sort from solution s
      where s.phase in ${MAILED_PHASES} and not exists(${holders(c, OWNER, s)})
    union all
    select 'primary' as gap, s.name, s.sort from solution s
      where s.phase in ${MAILED_PHASES} and exists(${holders(c, OWNER, s)})
        and not exists(${holders(c, OWNER, s, sql`and ra.is_primary`)})
    union all
    select 'compliance' as gap, null, 0 where not exists(${holders(c, COMPLIANCE, null)})`;
}

// A gap blocks mail to this municipality now: 'alert' (the platform's "overdue or blocking").
type Gap = { gap: 'owner' | 'primary' | 'compliance'; name: string | null; sort: number };

function gapItems(rows: Gap[], code: string): AttentionItem[] {
  const href = `/kommuner/${code}#rollegalleri`;
  const names = (gap: Gap['gap']) =>
    rows
      .filter((r) => r.gap === gap)
      .sort((a, b) => a.sort - b.sort || danishCompare(a.name ?? '', b.name ?? ''))
      .map((r) => r.name ?? '');
  const items: AttentionItem[] = [];
  const noOwner = names('owner');
  if (noOwner.length > 0) {
    items.push({
      kind: 'gallery.no-system-owner',
      severity: 'alert',
      label: 'Blokerer post',
      title: noOwner.length === 1 ? `Ingen systemansvarlig for ${noOwner[0]}` : `Ingen systemansvarlig for ${noOwner.length} løsninger`,
      detail: `${noOwner.length === 1 ? '' : `${danishList(noOwner)}. `}Post til systemansvarlige når ingen i kommunen.`,
      href,
    });
  }
  const noPrimary = names('primary');
  if (noPrimary.length > 0) {
    items.push({
      kind: 'gallery.no-primary',
      severity: 'alert',
      label: 'Blokerer post',
      title: `Ingen primær systemansvarlig for ${danishList(noPrimary)}`,
      detail: 'Post til den primære systemansvarlige når ingen i kommunen.',
      href,
    });
  }
  if (rows.some((r) => r.gap === 'compliance')) {
    items.push({
      kind: 'gallery.no-compliance-recipient',
      severity: 'alert',
      label: 'Blokerer post',
      title: 'Compliancepakke-modtagere: 0 af 2',
      detail: 'Kommunens compliancepakker har ingen modtager.',
      href,
    });
  }
  return items;
}

async function municipalityGaps(ctx: AttentionCtx, code: string): Promise<AttentionItem[]> {
  return gapItems(await rawRows<Gap>(ctx.db, gapsSql(code)), code);
}

export const galleryGapsProvider: AttentionProvider = {
  key: 'gallery.gaps',
  heading: 'Huller i rollegalleriet',
  order: 40,
  statements: 1,
  menu: 'kommuner',
  forActor: (ctx) => {
    const code = ctx.actor.municipalityCode;
    return code === null ? null : municipalityGaps(ctx, code);
  },
  forMunicipality: (ctx, code) => municipalityGaps(ctx, code),
  // As many as gapItems makes: one per kind of gap present.
  countForActor: (actor: Actor) => {
    const code = actor.municipalityCode;
    if (code === null) return null;
    return sql`select count(distinct g.gap) from (${gapsSql(code)}) g`;
  },
};

type Vacancy = { role_key: string; role_label: string; solution_key: string | null; solution_name: string | null; sort: number; missing: unknown };

/**
 * Central staff: per slot that receives mail, how many municipalities have nobody in it, and which.
 * No menu badge: these are standing gaps to chase, not today's work.
 */
export const galleryVacanciesProvider: AttentionProvider = {
  key: 'gallery.vacancies',
  heading: 'Ubesatte roller, der modtager post',
  order: 140,
  statements: 1,
  forActor: (ctx) => {
    if (!isCentral(ctx.actor)) return null;
    return (async () => {
      const m = sql`m.code`;
      const rows = await rawRows<Vacancy>(
        ctx.db,
        sql`with slot as (
            select ${OWNER}::text as role_key, s.key as solution_key, s.name as solution_name, s.sort from solution s where s.phase in ${MAILED_PHASES}
            union all select ${COMPLIANCE}::text, null, null, -1
          )
          select slot.role_key, rt.label_da as role_label, slot.solution_key, slot.solution_name, slot.sort, json_agg(m.name) as missing
          from slot
          join role_type rt on rt.key = slot.role_key
          cross join municipality m
          where not exists(select 1 from role_assignment ra join person p on p.id = ra.person_id and p.active
            where ra.municipality_code = ${m} and ra.role_type_key = slot.role_key and ra.removed_at is null
              and ra.solution_key is not distinct from slot.solution_key)
          group by slot.role_key, rt.label_da, slot.solution_key, slot.solution_name, slot.sort
          order by slot.sort, slot.solution_name`,
      );
      return rows.map((r): AttentionItem => {
        const raw: unknown = typeof r.missing === 'string' ? JSON.parse(r.missing) : r.missing;
        const missing = (Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : []).sort(danishCompare);
        const shown = missing.length > 6 ? [...missing.slice(0, 5), `${missing.length - 5} andre`] : missing;
        const query = new URLSearchParams({ rolle: r.role_key, ...(r.solution_key ? { loesning: r.solution_key } : {}) });
        return {
          kind: 'gallery.vacancy',
          // Waiting on the municipalities, and standing: not the consultant's emergency today.
          severity: 'warning',
          label: 'Ubesat',
          title: `${r.role_label}${r.solution_name ? ` for ${r.solution_name}` : ''}: ${missing.length} ${missing.length === 1 ? 'kommune mangler' : 'kommuner mangler'}`,
          detail: `Mangler i ${danishList(shown)}.`,
          href: `/rolleoverblik?${query.toString()}`,
        };
      });
    })();
  },
};

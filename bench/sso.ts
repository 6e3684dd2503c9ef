import { sql } from 'drizzle-orm';
import { rawRows, type Db } from '../src/db/client.ts';
import { percentile } from './load.ts';
import type { RouteResult } from './report.ts';

/**
 * Single sign-on's list pages at a realistic size: 60 Context Handler users in each of the 98
 * municipalities (5,880 people with an account without a password, 1–3 roles across the solutions,
 * two of them VALG's system owners), a third of them with MitID Erhverv linked as backup login;
 * 200 privilege mappings and 100 privileges that mapped to nothing. Seven INSERT … SELECT
 * statements; the rows are deterministic, so every run has the same lists.
 */

/** Context Handler users per municipality. */
export const SSO_USERS_PER_MUNICIPALITY = 60;
/** Every MITID_EVERY-th of them has MitID Erhverv linked. */
const MITID_EVERY = 3;
export const SSO_MAPPINGS = 200;
export const SSO_UNMAPPED = 100;
/** The target for every single sign-on page and the API at 8 connections. */
export const SSO_TARGET_P95_MS = 250;
export const FAXE_KLIK_ADMIN = 'klikadmin-0320@samspil.demo';
export const ADMIN = 'admin@samspil.demo';
const FAXE = '0320';

export type SsoVolume = {
  people: number;
  roles: number;
  contextHandler: number;
  mitid: number;
  mappings: number;
  unmapped: number;
  /** Faxe's Context Handler users without a backup, and with one: what its page must say. */
  faxeMissing: number;
  faxeWithBackup: number;
  /** The 98 codes, for the API's rotation. */
  municipalities: string[];
  seconds: number;
};

const FIRST = sql.raw(`array['Anne','Bo','Søren','Åse','Mette','Jens','Birgitte','Ærling','Henrik','Ida','Øjvind','Lone']::text[]`);
const LAST = sql.raw(`array['Hansen','Jensen','Nielsen','Østergaard','Ågesen','Pedersen','Kristensen','Larsen','Æbelø']::text[]`);
const TITLES = sql.raw(`array['IT-konsulent','Systemkonsulent','Fagkoordinator','Teamleder','Sagsbehandler']::text[]`);
/** The municipal roles a mapping grants, per solution or not. */
const MAPPED_ROLES = sql.raw(`array['systemansvarlig','superbruger','superbruger','programleder','klik-administrator','valgsekretariat','oekonomikontakt']::text[]`);

export async function addSso(db: Db): Promise<SsoVolume> {
  const t0 = performance.now();
  const n = SSO_USERS_PER_MUNICIPALITY;
  // sso-bench-KKKK-N: N is the person's number in the municipality, read back by the statements below.
  await db.execute(sql`insert into person (municipality_code, name, email, title)
    select m.code, (${FIRST})[1 + i % 12] || ' ' || (${LAST})[1 + (i * 7 + m.code::int) % 9] || ' ' || i,
      'sso-bench-' || m.code || '-' || i || '@samspil.demo', (${TITLES})[1 + i % 5]
    from municipality m cross join generate_series(1, ${n}) i`);
  const bench = sql`(select id, email, municipality_code, split_part(split_part(email, '@', 1), '-', 4)::int as i
      from person where email like 'sso-bench-%')`;
  // Accounts without a password: Context Handler users log in through it (or MitID Erhverv).
  await db.execute(sql`insert into user_account (person_id, email, last_login_at)
    select p.id, p.email, now() - make_interval(days => p.i % 90) from ${bench} p`);
  // Every user a role for one solution (every third as system owner), every second a super user of
  // another, the first two of each municipality VALG's system owners, every fifteenth the election office.
  await db.execute(sql`with sol as (select array_agg(key order by sort, key) as k, count(*)::int as n from solution)
    insert into role_assignment (person_id, municipality_code, role_type_key, solution_key, is_primary)
    select p.id, p.municipality_code, r.role, r.solution, false
    from ${bench} p cross join sol
    cross join lateral (values
      (case when p.i % 3 = 0 then 'systemansvarlig' else 'superbruger' end, sol.k[1 + p.i % sol.n]),
      (case when p.i % 2 = 0 then 'superbruger' end, sol.k[1 + (p.i + 7) % sol.n]),
      (case when p.i <= 2 then 'systemansvarlig' end, 'valg'),
      (case when p.i % 15 = 0 then 'valgsekretariat' end, null)) as r(role, solution)
    where r.role is not null
    on conflict do nothing`);
  // Context Handler's NameID as OIO-SAML sends it; every fourth with the professional UUID.
  await db.execute(sql`insert into sso_identity (provider, subject, person_id, professional_uuid, linked_via, created_at, last_login_at)
    select 'context-handler', 'C=DK,O=' || m.name || ' Kommune,CN=' || p.i || ',Serial=CVR:' || coalesce(m.cvr, '00000000') || '-RID:' || (90000 + p.i),
      p.id, case when p.i % 4 = 0 then md5('pu' || p.id)::uuid::text end, 'login',
      now() - make_interval(days => 200 + p.i), now() - make_interval(days => p.i % 90, hours => p.i % 24)
    from ${bench} p join municipality m on m.code = p.municipality_code`);
  await db.execute(sql`insert into sso_identity (provider, subject, person_id, linked_via, created_at, last_login_at)
    select 'mitid-erhverv', md5('mitid' || p.id)::uuid::text, p.id, (array['login','self','admin'])[1 + (p.i / ${MITID_EVERY}) % 3],
      now() - make_interval(days => 30 + p.i), case when p.i % 2 = 0 then now() - make_interval(days => p.i % 30) end
    from ${bench} p where p.i % ${MITID_EVERY} = 0`);
  // Mappings: one privilege per row, for a solution when the role is per solution.
  await db.execute(sql`with sol as (select array_agg(key order by sort, key) as k, count(*)::int as n from solution)
    insert into sso_privilege_mapping (privilege, role_type_key, solution_key)
    select 'http://kombit.dk/roles/usersystemrole/bench-' || lpad(g::text, 3, '0') || '/1', r.role,
      case when rt.per_solution then sol.k[1 + g % sol.n] end
    from generate_series(1, ${SSO_MAPPINGS}) g cross join sol
    cross join lateral (select (${MAPPED_ROLES})[1 + g % 7] as role) r
    join role_type rt on rt.key = r.role`);
  await db.execute(sql`insert into sso_unmapped_privilege (privilege, scope_cvr, first_seen_at, last_seen_at, times)
    select 'http://kombit.dk/roles/usersystemrole/bench-ukendt-' || lpad(g::text, 3, '0') || '/1', coalesce(m.cvr, '00000000'),
      now() - make_interval(days => 100 + g), now() - make_interval(hours => g), 1 + g % 17
    from generate_series(1, ${SSO_UNMAPPED}) g
    join (select code, cvr, row_number() over (order by code) - 1 as r from municipality) m on m.r = g % 98`);
  const [c] = await rawRows<Record<Exclude<keyof SsoVolume, 'seconds' | 'municipalities'>, number>>(
    db,
    sql`select (select count(*)::int from person where email like 'sso-bench-%') as people,
      (select count(*)::int from role_assignment ra join person p on p.id = ra.person_id where p.email like 'sso-bench-%') as roles,
      (select count(*)::int from sso_identity where provider = 'context-handler') as "contextHandler",
      (select count(*)::int from sso_identity where provider = 'mitid-erhverv') as mitid,
      (select count(*)::int from sso_privilege_mapping) as mappings,
      (select count(*)::int from sso_unmapped_privilege) as unmapped,
      (select count(*)::int from sso_identity ch join person p on p.id = ch.person_id where ch.provider = 'context-handler' and p.active and p.municipality_code = ${FAXE}
         and not exists (select 1 from sso_identity mi where mi.person_id = p.id and mi.provider = 'mitid-erhverv')) as "faxeMissing",
      (select count(*)::int from sso_identity mi join person p on p.id = mi.person_id where mi.provider = 'mitid-erhverv' and p.active and p.municipality_code = ${FAXE}) as "faxeWithBackup"`,
  );
  const codes = await rawRows<{ code: string }>(db, sql`select code from municipality order by code`);
  return { ...c!, municipalities: codes.map((m) => m.code), seconds: (performance.now() - t0) / 1000 };
}

export type SsoRoute = { label: string; paths: string[]; headers: Record<string, string>; group: 'sso' };
export type SsoCookies = { consultant: string; admin: string; klikAdmin: string };

type Check = { path: string; cookie: string; expect: (body: string) => string | null };

const count = (body: string, re: RegExp) => (body.match(re) ?? []).length;

/** Each page and the API, checked once before measuring: status 200 and what it must list at this volume. */
export async function ssoRoutes(origin: string, cookies: SsoCookies, v: SsoVolume): Promise<SsoRoute[]> {
  const { municipalities } = v;
  const faxe = `/kommuner/${FAXE}/reservelogin`;
  const api = (code?: string) => `/api/v1/sso/backup-missing${code ? `?municipality=${code}` : ''}`;
  const faxePage = (mayManage: boolean) => (html: string) =>
    !html.includes(`${v.faxeMissing} mangler reservelogin`)
      ? `not "${v.faxeMissing} mangler reservelogin"`
      : !html.includes('Systemansvarlig for Valg')
        ? 'no VALG system owner first'
        : count(html, /reservelogin\/personer\/[^/]+\/fjern"/g) !== (mayManage ? v.faxeWithBackup : 0)
          ? `${count(html, /reservelogin\/personer\/[^/]+\/fjern"/g)} unlink links`
          : mayManage !== html.includes('name="identifikator"')
            ? `link forms ${mayManage ? 'missing' : 'shown'}`
            : null;
  const checks: Check[] = [
    {
      path: '/sso/reservelogin',
      cookie: cookies.consultant,
      expect: (html) => {
        const shown = new Set([...html.matchAll(/href="\/kommuner\/(\d{4})\/reservelogin"/g)].map((m) => m[1])).size;
        return shown !== 98 ? `${shown} municipalities counted, not 98` : !html.includes('Listen er afkortet') ? 'the list of people was not cut at its limit' : null;
      },
    },
    { path: faxe, cookie: cookies.klikAdmin, expect: faxePage(true) },
    { path: faxe, cookie: cookies.consultant, expect: faxePage(false) },
    {
      path: '/sso/rettigheder',
      cookie: cookies.admin,
      expect: (html) =>
        !html.includes(`bench-${String(SSO_MAPPINGS).padStart(3, '0')}/1`)
          ? 'the last mapping not listed'
          : count(html, /bench-ukendt-\d{3}\/1/g) < SSO_UNMAPPED
            ? 'not every unmapped privilege listed'
            : null,
    },
    {
      path: api(FAXE),
      cookie: cookies.consultant,
      expect: (body) => {
        const a = JSON.parse(body) as { municipalities: { missing: number }[]; people: { valgSystemOwner: boolean }[] };
        return a.municipalities[0]?.missing !== v.faxeMissing || a.people.length !== v.faxeMissing || !a.people[0]?.valgSystemOwner
          ? `${a.people.length} people, not ${v.faxeMissing} with VALG's system owners first`
          : null;
      },
    },
    {
      path: api(),
      cookie: cookies.consultant,
      expect: (body) => {
        const a = JSON.parse(body) as { municipalities: unknown[]; people: unknown[]; hasMore: boolean };
        return a.municipalities.length !== 98 || !a.hasMore ? `${a.municipalities.length} municipalities, hasMore ${String(a.hasMore)}` : null;
      },
    },
    { path: '/', cookie: cookies.klikAdmin, expect: (html) => (html.includes(`${v.faxeMissing} brugere mangler MitID Erhverv som reservelogin`) ? null : 'no backup-login item on the front page') },
  ];
  for (const c of checks) {
    const res = await fetch(`${origin}${c.path}`, { headers: { cookie: c.cookie } });
    const body = await res.text();
    const problem = res.status !== 200 ? `status ${res.status}` : c.expect(body);
    if (problem) throw new Error(`check of GET ${c.path} failed: ${problem}`);
  }
  const who = (cookie: string) => ({ cookie });
  return [
    { label: 'GET /sso/reservelogin (reservelogin: the 98 with counts, 200 people listed, consultant)', paths: ['/sso/reservelogin'], headers: who(cookies.consultant), group: 'sso' },
    { label: `GET /kommuner/0320/reservelogin (reservelogin: Faxe's ${v.faxeMissing} without, per solution, Faxe KLIK-administrator)`, paths: [faxe], headers: who(cookies.klikAdmin), group: 'sso' },
    { label: "GET /kommuner/0320/reservelogin (reservelogin: the same page, consultant)", paths: [faxe], headers: who(cookies.consultant), group: 'sso' },
    { label: `GET /sso/rettigheder (rettigheder: ${v.mappings} mappings, ${v.unmapped} unmapped, administrator)`, paths: ['/sso/rettigheder'], headers: who(cookies.admin), group: 'sso' },
    { label: `GET /api/v1/sso/backup-missing?municipality= (reservelogin API: all ${municipalities.length} in turn, consultant)`, paths: municipalities.map(api), headers: who(cookies.consultant), group: 'sso' },
    { label: 'GET /api/v1/sso/backup-missing (reservelogin API: all 98, first page of 500, consultant)', paths: [api()], headers: who(cookies.consultant), group: 'sso' },
    { label: 'GET / (reservelogin: front page, Faxe KLIK-administrator)', paths: ['/'], headers: who(cookies.klikAdmin), group: 'sso' },
  ];
}

export function ssoLines(v: SsoVolume, results: readonly RouteResult[]): string[] {
  const lines = [
    `Single sign-on: ${v.people} Context Handler users (${SSO_USERS_PER_MUNICIPALITY} in each of the 98, ${v.roles} roles), ${v.mitid} with MitID Erhverv as backup; ` +
      `${v.mappings} privilege mappings, ${v.unmapped} unmapped privileges; loaded in ${v.seconds.toFixed(1)} s (Faxe: ${v.faxeMissing} without a backup, ${v.faxeWithBackup} with)`,
  ];
  for (const r of results.filter((x) => x.label.includes('(reservelogin') || x.label.includes('(rettigheder'))) {
    const p95 = percentile(r.result.latenciesMs, 95);
    lines.push(`  ${r.label}: p95 ${p95.toFixed(1)} ms – target ≤ ${SSO_TARGET_P95_MS} ms: ${p95 <= SSO_TARGET_P95_MS ? 'PASS' : 'FAIL'}`);
  }
  return lines;
}

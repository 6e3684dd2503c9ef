import { sql } from 'drizzle-orm';
import { rawRows, type Db } from '../../db/client.ts';
import { aulaCategoryKeys } from './categories.ts';

/** Residents per demo institution and per demo secure file: about 400 institutions and 40,000 files over the 98. */
const RESIDENTS_PER_INSTITUTION = 15_000;
const RESIDENTS_PER_FILE = 150;

const INSTITUTION_KINDS = ['Børnehuset', 'Vuggestuen', 'Børnehaven', 'Dagtilbud', 'Skolen', 'Fritidshjemmet'];
const INSTITUTION_NAMES = ['Solsikken', 'Mælkebøtten', 'Regnbuen', 'Skovtrolden', 'Havblik', 'Kastanjen', 'Egely', 'Søstjernen', 'Humlebien', 'Spiren', 'Bakkely', 'Nørreskov', 'Fuglereden', 'Engly'];

/** A category per file, the common ones (notes, observations, agendas) repeated so they weigh more. */
const CATEGORY_WEIGHTS: readonly (typeof aulaCategoryKeys)[number][] = [
  'paedagogiske-noter', 'paedagogiske-noter', 'paedagogiske-noter', 'paedagogiske-noter',
  'observationer', 'observationer', 'observationer',
  'oevrige-noter', 'oevrige-noter', 'oevrige-noter',
  'dagsordener', 'dagsordener',
  'referater', 'referater',
  'handleplaner', 'handleplaner',
  'indstillinger',
  'rive-kradseskema',
  'magtanvendelsesskemaer',
];

const textArray = (values: readonly string[]) => sql.raw(`array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`);

/**
 * The demo's institutions and secure-file inventory, written by the database in two statements:
 * per municipality a number of institutions and files in proportion to its population, every
 * attribute of a file drawn from a hash of its number (the same inventory every run, nothing per
 * file in JavaScript). Trigger dates lie from six years before the seeding day to one after, one
 * in eight without one (the child is still there), so the preview and its 24 months show files
 * passing their deadline on any date. The share journalised follows the integration's state.
 * Metadata only: no names of children, no CPR numbers. Call after the municipalities' registration.
 */
export async function seedDemoAulaInventory(db: Db, today: string): Promise<{ institutions: number; files: number }> {
  // h(x, n): a number in 0..n-1 from the file's (or institution's) number x; hashint8 is PostgreSQL's own integer hash.
  const [inst] = await rawRows<{ n: number }>(
    db,
    sql`with ins as (
          insert into aula_institution (municipality_code, number, name)
          select m.code, (100 + g)::text,
                 (${textArray(INSTITUTION_KINDS)})[1 + ((hashint8(m.code::int * 1000 + g) + 2147483648) % ${INSTITUTION_KINDS.length})::int]
                 || ' ' || (${textArray(INSTITUTION_NAMES)})[1 + ((hashint8(m.code::int * 1000 + g + 500) + 2147483648) % ${INSTITUTION_NAMES.length})::int]
          from municipality m cross join lateral generate_series(1, greatest(2, m.population / ${RESIDENTS_PER_INSTITUTION})) g
          returning 1)
        select count(*)::int as n from ins`,
  );
  const [files] = await rawRows<{ n: number }>(
    db,
    sql`with f as (
          select m.code, x.integration_state as state, greatest(2, m.population / ${RESIDENTS_PER_INSTITUTION}) as institutions, m.code::bigint * 1000000 + g as k, g,
                 case when (hashint8(m.code::bigint * 1000000 + g) + 2147483648) % 8 = 0 then null
                      else ${today}::date - 2190 + ((hashint8(m.code::bigint * 1000000 + g + 7) + 2147483648) % 2555)::int end as trigger_on
          from municipality m
          left join aula_municipality x on x.municipality_code = m.code
          cross join lateral generate_series(1, greatest(100, m.population / ${RESIDENTS_PER_FILE})) g
        ), ins as (
          insert into aula_secure_file (municipality_code, file_id, institution_number, category, created_on, trigger_on, journalised, esdh_reference)
          select code, 'SF-' || code || '-' || lpad(g::text, 6, '0'),
                 (101 + (hashint8(k + 1) + 2147483648) % institutions)::text,
                 (${textArray(CATEGORY_WEIGHTS)})[1 + ((hashint8(k + 2) + 2147483648) % ${CATEGORY_WEIGHTS.length})::int],
                 least(coalesce(trigger_on, ${today}::date), ${today}::date) - ((hashint8(k + 3) + 2147483648) % 1500)::int,
                 trigger_on, j,
                 case when j then 'ESDH-' || code || '-' || lpad(g::text, 6, '0') end
          from (
            select f.*, (hashint8(k + 4) + 2147483648) % 100 < case state when 'i_drift' then 85 when 'i_test' then 30 when 'leverandoer_kontaktet' then 10 else 4 end as j
            from f
          ) s
          returning 1)
        select count(*)::int as n from ins`,
  );
  return { institutions: inst!.n, files: files!.n };
}

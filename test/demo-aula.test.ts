import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../src/db/client.ts';
import { DEMO_AULA_RULE_SETS } from '../src/modules/aula/demo.ts';
import { loadRuleSets } from '../src/modules/aula/rules/in-force.ts';
import { deletionPreview, previewByMonth } from '../src/modules/aula/preview/deletion-preview.ts';
import { seedDemoData } from '../src/modules/demo.ts';
import { loadActor } from '../src/platform/auth/load-actor.ts';
import type { Actor } from '../src/platform/context.ts';
import { danishDay } from '../src/platform/days.ts';
import { freshDatabase } from './db.ts';

/** The day `months` months after `day`, as the date input would carry it (the 1st stays the 1st). */
const monthsLater = (day: string, months: number) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const last = new Date(Date.UTC(Math.floor(index / 12), (index % 12) + 1, 0)).getUTCDate();
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
};

// Before the revised rules take effect, and a year after: the preview must have something to show on either.
const DATES = [new Date('2026-03-10T09:30:00+01:00'), new Date('2027-08-19T23:30:00Z')];

describe.each(DATES)('the Aula demo seeded on %s', (now) => {
  let d: Awaited<ReturnType<typeof freshDatabase>>;
  let consultant: Actor;
  let faxeLeader: Actor;
  const today = danishDay(now);
  const db = () => d.db;
  const actorOf = async (email: string) => {
    const [u] = await rawRows<{ id: string }>(db(), sql`select id from user_account where email = ${email}`);
    return (await loadActor(db(), u!.id))!;
  };

  beforeAll(async () => {
    d = await freshDatabase({ template: 'migrated' });
    await seedDemoData(d.db, { now });
    consultant = await actorOf('konsulent@samspil.demo');
    faxeLeader = await actorOf('programleder-0320@samspil.demo');
  });
  afterAll(() => d.drop());

  it('registers all 98 municipalities, most on SBSYS, the three vendors in the test and the others not, integrations in every state', async () => {
    const rows = await rawRows<{ esdh: string; other: string | null; inTest: boolean | null; state: string; archive: string | null; n: number }>(
      db(),
      sql`select esdh_system as esdh, esdh_other as other, vendor_in_test as "inTest", integration_state as state, archive_kind as archive, count(*)::int as n
          from aula_municipality group by 1, 2, 3, 4, 5`,
    );
    const sum = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).reduce((n, r) => n + r.n, 0);
    expect(sum(() => true)).toBe(98);
    const bySystem = Object.fromEntries(['sbsys', 'acadre', 'edoc', 'andet'].map((s) => [s, sum((r) => r.esdh === s)]));
    expect(bySystem.sbsys).toBeGreaterThan(Math.max(bySystem.acadre!, bySystem.edoc!, bySystem.andet!));
    for (const s of ['acadre', 'edoc', 'andet']) expect(bySystem[s]).toBeGreaterThan(2);
    expect(sum((r) => r.esdh !== 'andet' && r.inTest !== true)).toBe(0);
    expect(sum((r) => r.esdh === 'andet' && r.inTest === true)).toBe(0);
    expect(new Set(rows.filter((r) => r.other).map((r) => r.other)).size).toBeGreaterThan(1);
    for (const s of ['ikke_startet', 'leverandoer_kontaktet', 'i_test', 'i_drift']) expect(sum((r) => r.state === s)).toBeGreaterThan(3);
    expect(sum((r) => r.archive === 'rigsarkivet')).toBeGreaterThan(80);
    const named = await rawRows<{ name: string }>(db(), sql`select archive_name as name from aula_municipality where archive_kind = 'paragraf7'`);
    expect(named.map((n) => n.name)).toContain('Københavns Stadsarkiv');
  });

  it('has the two example rule versions, saying they are examples, the revised one from 1 September 2026', async () => {
    const sets = await loadRuleSets(db());
    expect(sets.map((s) => s.activationDate).sort()).toEqual(['2024-01-01', '2026-09-01']);
    for (const s of sets) {
      expect(s.rules).toHaveLength(9);
      expect(s.description).toContain('ikke Aulas faktiske sletteregler');
    }
    expect(DEMO_AULA_RULE_SETS).toHaveLength(2);
  });

  it('has a readiness history with ticks, a later untick, and klar til sletteregler naming the revised rules', async () => {
    const events = await rawRows<{ item: string; done: boolean; before: boolean; rule: string | null; by: string | null }>(
      db(),
      sql`select e.item, e.done, e.at < ${now.toISOString()}::timestamptz as before, s.activation_date::text as rule, e.by from aula_readiness_event e left join aula_rule_set s on s.id = e.rule_set_id`,
    );
    expect(events.length).toBeGreaterThan(10);
    expect(events.some((e) => !e.done)).toBe(true);
    expect(events.every((e) => e.before && e.by !== null)).toBe(true);
    expect(events.filter((e) => e.item === 'klar_til_sletteregler').every((e) => e.rule === '2026-09-01')).toBe(true);
  });

  it('shows Faxe files at risk three months after the seeding day, not ready and the integration not in operation', async () => {
    const day = monthsLater(today, 3);
    const [faxe] = await deletionPreview(db(), faxeLeader, day, 'municipality', { municipalityCode: '0320' });
    expect(faxe!.atRisk).toBeGreaterThan(0);
    expect(faxe!.total).toBeGreaterThan(faxe!.atRisk);
    const [reg] = await rawRows<{ state: string; ticks: number }>(
      db(),
      sql`select integration_state as state, (select count(*)::int from aula_readiness_event where municipality_code = '0320') as ticks from aula_municipality where municipality_code = '0320'`,
    );
    expect(reg).toEqual({ state: 'i_test', ticks: 0 });
    const institutions = await deletionPreview(db(), faxeLeader, day, 'institution', { municipalityCode: '0320' });
    expect(institutions.length).toBeGreaterThan(1);
    expect(institutions.filter((i) => i.atRisk > 0).length).toBeGreaterThan(1);
  });

  it('gives every municipality files, tens of thousands in all, and a 24-month chart that grows from month to month', async () => {
    const all = await deletionPreview(db(), consultant, today, 'municipality');
    expect(all).toHaveLength(98);
    expect(all.filter((r) => r.total > 0)).toHaveLength(98);
    const [n] = await rawRows<{ files: number; institutions: number; journalised: number }>(
      db(),
      sql`select count(*)::int as files, count(distinct (municipality_code, institution_number))::int as institutions, count(*) filter (where journalised)::int as journalised from aula_secure_file`,
    );
    expect(n!.files).toBeGreaterThan(30_000);
    expect(n!.files).toBeLessThan(50_000);
    expect(n!.journalised).toBeGreaterThan(0);
    const months = await previewByMonth(db(), consultant, today, 24);
    expect(months).toHaveLength(24);
    expect(months.filter((m) => m.total > 0)).toHaveLength(24);
    expect(months.filter((m) => m.atRisk > 0)).toHaveLength(24);
    expect(months[23]!.total).toBeGreaterThan(months[0]!.total);
    const faxeMonths = await previewByMonth(db(), faxeLeader, today, 24, { municipalityCode: '0320' });
    expect(faxeMonths.some((m) => m.atRisk > 0)).toBe(true);
  });

  it('holds metadata only: no file field looks like a CPR number', async () => {
    const [hits] = await rawRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from aula_secure_file where file_id ~ '\\d{6}-?\\d{4}' or coalesce(esdh_reference, '') ~ '\\d{6}-?\\d{4}'`,
    );
    expect(hits!.n).toBe(0);
  });
});

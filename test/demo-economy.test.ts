import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../src/db/client.ts';
import { person, roleAssignment, userAccount } from '../src/db/schema.ts';
import { allocateYear } from '../src/modules/economy/allocation/allocate-year.ts';
import { DEMO_ECONOMIST, DEMO_ECONOMY_PUBLICATIONS, demoDraftYear, economyContactEmail, seedDemoEconomy } from '../src/modules/economy/demo.ts';
import {
  costActual,
  costBudget,
  council,
  councilMeeting,
  councilMember,
  economyPublication,
  economyYearSetting,
  meetingFile,
  meetingItem,
  poolProposal,
  poolProposalStep,
  population,
  priceModel,
} from '../src/modules/economy/schema.ts';
import { loadPriceModels } from '../src/modules/economy/prices/load-prices.ts';
import { DEMO_PASSWORD, seedDemoData } from '../src/modules/demo.ts';
import { verifyPassword } from '../src/platform/auth/secrets.ts';
import { danishDay } from '../src/platform/days.ts';
import { addDays } from '../src/platform/reminders/schedule.ts';
import { freshDatabase } from './db.ts';

/** The Porteføljeråd as the deck's governance slide composes it (bilag 3). */
const DECK_SEATS = [
  'Kommunaldirektør, KKR Hovedstaden',
  'Kommunaldirektør, KKR Sjælland',
  'Kommunaldirektør, KKR Syddanmark',
  'Kommunaldirektør, KKR Midtjylland',
  'Kommunaldirektør, KKR Nordjylland',
  'Repræsentant for Kommunaldirektørforeningen (KOMDIR)',
  'Kommunal økonomidirektør',
  'Kommunal økonomidirektør',
  'Repræsentant for Økonomidirektørforeningen (ØDF)',
  'Kommunal IT- og digitaliseringschef',
  'Forperson, Fagråd for Beskæftigelse og Ydelser',
  'Forperson, Fagråd for Børn, Borgere og Demokrati',
  'Repræsentant for ATP (UDK)',
  'Repræsentant for KL',
  'Repræsentant for KOMBITs direktion',
  'Repræsentant for KOMBITs direktion',
];
const SOLUTIONS = 14;
const TABLES = [
  'population',
  'economy_year_setting',
  'price_model',
  'price_unit_price',
  'price_usage',
  'cost_budget',
  'cost_actual',
  'council',
  'council_member',
  'council_meeting',
  'meeting_item',
  'meeting_file',
  'pool_proposal',
  'pool_proposal_solution',
  'pool_proposal_step',
  'person',
  'user_account',
  'role_assignment',
];

// A winter morning, a summer night when Denmark is already on the next day, and a December day whose next meetings fall after Christmas.
const DATES = [new Date('2026-03-10T09:30:00+01:00'), new Date('2027-08-19T23:30:00Z'), new Date('2026-12-06T10:00:00+01:00')];

describe.each(DATES)('the economy demo seeded on %s', (now) => {
  let d: Awaited<ReturnType<typeof freshDatabase>>;
  const today = danishDay(now);
  const draftYear = demoDraftYear(now)!;
  const db = () => d.db;
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const t of TABLES) out[t] = Number((await rawRows<{ n: string }>(db(), sql.raw(`select count(*) as n from ${t}`)))[0]!.n);
    return out;
  };
  const meetingsOf = async (key: string) =>
    (await db().select({ m: councilMeeting }).from(councilMeeting).innerJoin(council, eq(council.id, councilMeeting.councilId)).where(eq(council.key, key))).map((r) => r.m).sort((a, b) => a.meetingDate.localeCompare(b.meetingDate));
  const itemsOf = (meetingId: string) => db().select().from(meetingItem).where(eq(meetingItem.meetingId, meetingId)).orderBy(meetingItem.position);

  beforeAll(async () => {
    d = await freshDatabase({ template: 'migrated' });
    await seedDemoData(d.db, { now });
  });
  afterAll(() => d.drop());

  it('has the population of all 98 municipalities for 2025K1 and 2026K1, moved a little between them, and the period each year uses', async () => {
    const rows = await db().select().from(population);
    const p25 = new Map(rows.filter((r) => r.period === '2025K1').map((r) => [r.municipalityCode, r.population]));
    const p26 = new Map(rows.filter((r) => r.period === '2026K1').map((r) => [r.municipalityCode, r.population]));
    expect([p25.size, p26.size, rows.length]).toEqual([98, 98, 196]);
    const changed = [...p26].filter(([code, n]) => n !== p25.get(code));
    expect(changed.length).toBeGreaterThan(50);
    for (const [code, n] of p26) expect(Math.abs(n - p25.get(code)!) / p25.get(code)!).toBeLessThan(0.01);
    const settings = await db().select().from(economyYearSetting).orderBy(economyYearSetting.year);
    expect(settings).toEqual([
      { year: 2025, populationPeriod: '2025K1' },
      { year: 2026, populationPeriod: '2026K1' },
      { year: draftYear, populationPeriod: '2026K1' },
    ]);
  });

  it('prices the fourteen solutions in 2025 and 2026: the infrastructure with the kink and a buffet price, Valg per polling card, the rest distributed', async () => {
    for (const year of [2025, 2026]) {
      const models = await loadPriceModels(db(), year);
      expect(new Set(models.map((m) => m.solutionKey)).size).toBe(SOLUTIONS);
      const infra = models.filter((m) => m.solutionKey === 'infrastruktur');
      expect(infra.map((m) => [m.kind, m.rateOre, m.kink])).toEqual([
        ['per_citizen_kink', 2500, { thresholdCitizens: 150_000, reducedPercent: 50 }],
        ['per_citizen', year === 2025 ? 510 : 535, null],
      ]);
      const valg = models.find((m) => m.solutionKey === 'valg')!;
      expect([valg.kind, valg.usageUnit, valg.unitPrices]).toEqual(['usage', 'valgkort', [{ label: 'tryk', unitPriceOre: 190 }, { label: 'porto', unitPriceOre: 740 }]]);
      expect(valg.usage.size).toBe(98);
      const faxe = (await db().select().from(population).where(and(eq(population.municipalityCode, '0320'), eq(population.period, `${year}K1`))))[0]!.population;
      expect(valg.usage.get('0320')! / faxe).toBeCloseTo(0.8, 1);
      const rest = models.filter((m) => !['infrastruktur', 'valg'].includes(m.solutionKey));
      expect(rest).toHaveLength(12);
      expect(rest.every((m) => m.kind === 'distributed' && m.amountOre! > 0)).toBe(true);
      expect(rest.filter((m) => m.kink !== null).map((m) => m.solutionKey)).toEqual(['gateway']);
    }
  });

  it("has each solution's total budget equal to what its prices charge (the year overview's check), the preliminary one a little lower, and the pool as the sum of its parts", async () => {
    for (const year of [2025, 2026]) {
      const allocation = await allocateYear(db(), year);
      const budgets = await db().select().from(costBudget).where(eq(costBudget.year, year));
      expect(budgets).toHaveLength(SOLUTIONS * 2);
      for (const s of allocation.solutions) {
        const total = budgets.find((b) => b.solutionKey === s.solutionKey && b.stage === 'samlet')!;
        const prelim = budgets.find((b) => b.solutionKey === s.solutionKey && b.stage === 'foreloebigt')!;
        const sum = (b: typeof total) => b.operationOre + b.maintenanceOre + b.developmentOre + b.poolOre;
        expect(sum(total), `${year} ${s.solutionKey}`).toBe(s.totalOre);
        expect(sum(prelim)).toBeLessThan(sum(total));
        expect(total.maintenanceOre > 0 && total.operationOre > total.maintenanceOre).toBe(true);
      }
      const pool = budgets.filter((b) => b.stage === 'samlet').reduce((a, b) => a + b.poolOre, 0);
      expect(pool).toBeGreaterThan(0);
      expect(budgets.filter((b) => b.stage === 'samlet' && ['flis', 'dubu'].includes(b.solutionKey)).every((b) => b.poolOre === 0)).toBe(true);
      if (year === 2026) {
        // The pool for 2026 holds what January's Porteføljeråd prioritised, but not Aarhus' rejected proposal on top.
        const prioritised = await db().select().from(poolProposal).where(and(eq(poolProposal.year, 2026), eq(poolProposal.status, 'prioriteret')));
        const rejected = (await db().select().from(poolProposal).where(and(eq(poolProposal.year, 2026), eq(poolProposal.status, 'afvist'))))[0]!;
        const sum = prioritised.reduce((a, p) => a + p.estimatedCostOre, 0);
        expect(sum).toBeLessThanOrEqual(pool);
        expect(sum + rejected.estimatedCostOre).toBeGreaterThan(pool);
      }
    }
  });

  it('has the 2025 actual costs slightly off the budget, and next year as an unpublished draft with prices, a preliminary budget only and small increases', async () => {
    const actual = await db().select().from(costActual);
    const budgets = await db().select().from(costBudget).where(and(eq(costBudget.year, 2025), eq(costBudget.stage, 'samlet')));
    expect(actual).toHaveLength(SOLUTIONS);
    for (const a of actual) {
      const b = budgets.find((x) => x.solutionKey === a.solutionKey)!;
      const budget = b.operationOre + b.maintenanceOre + b.developmentOre + b.poolOre;
      expect(a.actualOre).not.toBe(budget);
      expect(Math.abs(a.actualOre - budget) / budget).toBeLessThan(0.05);
    }
    const draft = await loadPriceModels(db(), draftYear);
    const latest = await loadPriceModels(db(), 2026);
    expect(new Set(draft.map((m) => m.solutionKey)).size).toBe(SOLUTIONS);
    const aula = (models: typeof draft) => models.find((m) => m.solutionKey === 'aula')!.amountOre!;
    expect(aula(draft)).toBeGreaterThan(aula(latest));
    expect(danishDay(draft[0]!.updatedAt)).toBe(addDays(today, -5));
    const stages = await db().select({ stage: costBudget.stage }).from(costBudget).where(eq(costBudget.year, draftYear));
    expect(stages).toHaveLength(SOLUTIONS);
    expect(stages.every((s) => s.stage === 'foreloebigt')).toBe(true);
    expect(await db().select().from(economyPublication).where(eq(economyPublication.year, draftYear))).toEqual([]);
  });

  it('has published, through the publishing use case, the documents whose day has come: 98 each, their mails long sent', async () => {
    expect(DEMO_ECONOMY_PUBLICATIONS.map((p) => `${p.kind} ${p.year}`)).toEqual(['faktura 2025', 'budgetvejledning 2026', 'faktura 2026', 'aarsopgoerelse 2025']);
    const due = DEMO_ECONOMY_PUBLICATIONS.filter((p) => p.publishedOn <= today);
    const published = await db().select().from(economyPublication);
    expect(published.map((p) => `${p.kind} ${p.year} ${danishDay(p.publishedAt)}`).sort()).toEqual(due.map((p) => `${p.kind} ${p.year} ${p.publishedOn}`).sort());
    const documents = await rawRows<{ kind: string; year: number; n: number }>(db(), sql`select kind, year, count(*)::int as n from economy_document group by kind, year`);
    expect(documents.every((d) => d.n === 98)).toBe(true);
    expect(documents).toHaveLength(due.length);
    const mails = await rawRows<{ status: string; n: number }>(db(), sql`select status, count(*)::int as n from outbox_mail where kind = 'economy-document' group by status`);
    expect(mails.map((m) => m.status)).toEqual(due.length ? ['sent'] : []);
    // Opened within days of publishing, but for Faxe's newest document (and any from the last 30 days).
    const unopened = await rawRows<{ code: string; kind: string; year: number }>(db(), sql`select municipality_code as code, kind, year from economy_document where first_opened_at is null`);
    const newest = [...due].sort((a, b) => a.publishedOn.localeCompare(b.publishedOn)).at(-1);
    const recent = due.filter((p) => p.publishedOn > addDays(today, -30));
    if (newest) expect(unopened).toContainEqual({ code: '0320', kind: newest.kind, year: newest.year });
    expect(unopened.filter((u) => u.code !== '0320')).toHaveLength(recent.length * 97);
  });

  it('has the economy consultant and the økonomikontakter of Faxe, København, Aarhus and Læsø, who log in with the demo password', async () => {
    const roles = await db()
      .select({ email: person.email, role: roleAssignment.roleTypeKey, code: roleAssignment.municipalityCode, hash: userAccount.passwordHash })
      .from(roleAssignment)
      .innerJoin(person, eq(person.id, roleAssignment.personId))
      .innerJoin(userAccount, eq(userAccount.personId, person.id))
      .where(sql`${roleAssignment.roleTypeKey} in ('oekonomi', 'oekonomikontakt')`);
    expect(roles.map((r) => `${r.role} ${r.code ?? 'central'} ${r.email}`).sort()).toEqual(
      [`oekonomi central ${DEMO_ECONOMIST.email}`, ...['0101', '0320', '0751', '0825'].map((c) => `oekonomikontakt ${c} ${economyContactEmail(c)}`)].sort(),
    );
    for (const r of roles.slice(0, 2)) expect(await verifyPassword(r.hash, DEMO_PASSWORD)).toBe(true);
  });

  it('has the Porteføljeråd with the seats the deck names, all filled, and two Fagråd whose forpersons sit in it', async () => {
    const councils = await db().select().from(council).orderBy(council.sort);
    expect(councils.map((c) => [c.key, c.kind])).toEqual([
      ['portefoeljeraadet', 'portefoeljeraad'],
      ['fagraad-beskaeftigelse-ydelser', 'fagraad'],
      ['fagraad-boern-borgere-demokrati', 'fagraad'],
    ]);
    const members = await db().select().from(councilMember).orderBy(councilMember.sort);
    const of = (key: string) => members.filter((m) => m.councilId === councils.find((c) => c.key === key)!.id);
    const pr = of('portefoeljeraadet');
    expect(pr.map((m) => m.seat).sort()).toEqual([...DECK_SEATS].sort());
    expect(pr.every((m) => m.name && m.organisation)).toBe(true);
    expect(pr.filter((m) => m.chair)).toHaveLength(1);
    expect(pr.filter((m) => m.seat.startsWith('Kommunaldirektør, KKR')).every((m) => m.municipalityCode !== null)).toBe(true);
    for (const [key, name] of [['fagraad-beskaeftigelse-ydelser', 'Fagråd for Beskæftigelse og Ydelser'], ['fagraad-boern-borgere-demokrati', 'Fagråd for Børn, Borgere og Demokrati']] as const) {
      expect(councils.find((c) => c.key === key)!.name).toBe(name);
      const chair = of(key).find((m) => m.chair)!;
      expect(pr.find((m) => m.seat === `Forperson, ${name}`)!.name).toBe(chair.name);
      expect(of(key).length).toBeGreaterThanOrEqual(5);
    }
  });

  it("has the deck's January 2026 meetings (each Fagråd, then the Porteføljeråd before KOMBIT's board on 25 February), held, with decisions and minutes", async () => {
    const january = async (key: string) => (await meetingsOf(key)).find((m) => m.meetingDate.startsWith('2026-01'))!;
    const [by, bbd, pr] = await Promise.all(['fagraad-beskaeftigelse-ydelser', 'fagraad-boern-borgere-demokrati', 'portefoeljeraadet'].map(january));
    expect([by!.title, bbd!.title, pr!.title]).toEqual(['1. Fagrådsmøde 2026', '1. Fagrådsmøde 2026', '1. Porteføljerådsmøde 2026']);
    expect(pr!.meetingDate > by!.meetingDate && pr!.meetingDate > bbd!.meetingDate && pr!.meetingDate < '2026-02-25').toBe(true);
    for (const m of [by!, bbd!, pr!]) {
      const items = await itemsOf(m.id);
      expect(items.length).toBeGreaterThanOrEqual(4);
      expect(items.every((i) => i.decision)).toBe(true);
      const [file] = await db().select().from(meetingFile).where(eq(meetingFile.meetingId, m.id));
      expect(file).toMatchObject({ kind: 'referat', contentType: 'application/pdf' });
      expect(Buffer.from(file!.content).subarray(0, 5).toString()).toBe('%PDF-');
      expect(file!.sha256).toBe(createHash('sha256').update(file!.content).digest('hex'));
      expect(file!.size).toBe(file!.content.length);
    }
  });

  it('has three meetings a year in 2026, decisions and minutes exactly for the held ones, and each council’s next meeting ahead with an agenda only', async () => {
    for (const key of ['fagraad-beskaeftigelse-ydelser', 'fagraad-boern-borgere-demokrati', 'portefoeljeraadet']) {
      const meetings = await meetingsOf(key);
      expect(meetings.filter((m) => m.meetingDate.startsWith('2026-'))).toHaveLength(3);
      for (const m of meetings) {
        const held = m.meetingDate < today;
        const items = await itemsOf(m.id);
        const files = await db().select({ id: meetingFile.id }).from(meetingFile).where(eq(meetingFile.meetingId, m.id));
        expect(items.length, `${key} ${m.meetingDate}`).toBeGreaterThan(1);
        expect(items.every((i) => (i.decision !== null) === held)).toBe(true);
        expect(files).toHaveLength(held ? 1 : 0);
      }
      const ahead = meetings.filter((m) => m.meetingDate >= today);
      expect(ahead.length).toBeGreaterThanOrEqual(1);
      const next = ahead[0]!.meetingDate;
      expect(next <= addDays(today, 75)).toBe(true);
      expect([2, 3, 4]).toContain(new Date(`${next}T12:00:00Z`).getUTCDay());
      expect(next.slice(5) < '12-20' && next.slice(5) > '01-05').toBe(true);
    }
  });

  it('has proposals from Faxe, Aarhus, København and KOMBIT in five states, each step at a meeting of the right council that lists it', async () => {
    const proposals = await db().select().from(poolProposal);
    expect(proposals.length).toBeGreaterThanOrEqual(6);
    expect(proposals.length).toBeLessThanOrEqual(8);
    expect(new Set(proposals.map((p) => p.status))).toEqual(new Set(['modtaget', 'behandlet_fagraad', 'indstillet', 'prioriteret', 'afvist']));
    expect(new Set(proposals.map((p) => p.municipalityCode))).toEqual(new Set(['0320', '0751', '0101', null]));
    expect([...proposals].sort((a, b) => a.number - b.number).map((p) => p.createdAt.getTime())).toEqual(proposals.map((p) => p.createdAt.getTime()).sort((a, b) => a - b));

    const steps = await db()
      .select({ proposalId: poolProposalStep.proposalId, status: poolProposalStep.status, decision: poolProposalStep.decision, meetingId: poolProposalStep.meetingId, kind: council.kind, date: councilMeeting.meetingDate })
      .from(poolProposalStep)
      .leftJoin(councilMeeting, eq(councilMeeting.id, poolProposalStep.meetingId))
      .leftJoin(council, eq(council.id, councilMeeting.councilId));
    for (const p of proposals) {
      const own = steps.filter((s) => s.proposalId === p.id);
      expect(own[0]).toMatchObject({ status: 'modtaget', meetingId: null });
      expect(own.map((s) => s.status)).toContain(p.status);
      for (const s of own.filter((x) => x.meetingId)) {
        expect(s.kind).toBe(['prioriteret', 'afvist'].includes(s.status) ? 'portefoeljeraad' : 'fagraad');
        expect(s.date! < today).toBe(true);
        const items = await itemsOf(s.meetingId!);
        expect(items.some((i) => i.title.endsWith(p.title) && i.decision?.includes(s.decision))).toBe(true);
      }
    }
    const [prJan] = (await meetingsOf('portefoeljeraadet')).filter((m) => m.meetingDate.startsWith('2026-01'));
    expect(steps.filter((s) => s.meetingId === prJan!.id).map((s) => s.status).sort()).toEqual(['afvist', 'prioriteret', 'prioriteret']);
    const rejected = steps.find((s) => s.status === 'afvist')!;
    expect(rejected.decision).toMatch(/^Afvist.+: .{40,}/);

    const fresh = proposals.filter((p) => p.status === 'modtaget');
    expect(fresh).toHaveLength(2);
    for (const p of fresh) expect(danishDay(p.createdAt) >= addDays(today, -7) && p.createdAt < now).toBe(true);
    const [leader] = await db().select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.email, 'programleder-0320@samspil.demo'));
    expect(fresh.map((p) => p.proposedBy)).toContain(leader!.id);
  });

  it('changes nothing when seeded a second time', async () => {
    const before = await counts();
    expect(before.price_model).toBeGreaterThan(0);
    await seedDemoEconomy(db(), now);
    expect(await counts()).toEqual(before);
    const models = await db().select({ id: priceModel.id }).from(priceModel).where(eq(priceModel.year, 2025));
    expect(models).toHaveLength(SOLUTIONS + 1);
  });
});

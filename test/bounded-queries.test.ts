import { randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { solutions } from '../src/db/reference/solutions.ts';
import {
  apiToken,
  auditEvent,
  compliancePackage,
  compliancePackageTarget,
  outboxMail,
  person,
  riskScaleLevel,
  riskMatrixCell,
  riskScale,
  riskScaleConsequence,
  riskScaleLikelihood,
  roleAssignment,
  stepAnswer,
  task,
  taskDeadlineChange,
  taskFile,
  taskMessage,
  taskReminder,
  taskStep,
  taskTarget,
  userAccount,
} from '../src/db/schema.ts';
import { sha256 } from '../src/platform/auth/secrets.ts';
import { createTokenForEmail } from '../src/modules/auth/cli-token.ts';
import { bearer, DEMO, loginAs, startTestApp, type Client, type TestApp } from './app.ts';
import { buildTask } from './factories/tasks.ts';
import { buildAgreement, buildSignature } from './factories/agreements.ts';
import { buildPackage } from './factories/compliance.ts';
import { complianceAccess, complianceRisk, complianceRiskResponse } from '../src/modules/compliance/schema.ts';
import { hashPassword } from '../src/platform/auth/secrets.ts';
import { complianceActivity, complianceActivityData, complianceActivityLegalBasis, complianceActivitySubject, complianceColumnG } from '../src/modules/compliance/schema.ts';
import { buildPackageContent } from '../src/modules/compliance/content.ts';
import { economyYearSetting, population } from '../src/modules/economy/schema.ts';
import { municipality } from '../src/platform/identity/schema.ts';
import { compliancePackageSupplier, complianceSupplier } from '../src/modules/compliance/schema.ts';
import { complianceResponseMeasure } from '../src/modules/compliance/schema.ts';
import { complianceRiskMeasure } from '../src/modules/compliance/schema.ts';

/**
 * "Each list page runs a bounded number of SQL queries, independent of the number of rows."
 *
 * Every page below is requested once on the plain demo data (plus a few tasks) and once after many
 * more rows were added to exactly what it lists; the number of statements (Database.queries,
 * counted by Drizzle's logger) must be the same both times. An N+1 shows up as a count that grows
 * with the rows.
 *
 * The cap: the auth hook costs 2 statements (session lookup, actor with roles in one join; a
 * Bearer token costs 3: token lookup, actor, last-used update), and the heaviest list needs 3 more
 * (gallery: municipality + people + roles; overview: solutions + role types + the overview join).
 * The task pages need more, but a fixed number: a municipality's task page is the heaviest with 9
 * (auth 2, the task with the policy facts, the target with its people, steps with answers,
 * deadline history, files, messages, the municipality's people for the selects); the dashboard
 * has 8 (auth 2 + 6, see tasks/central/queries.ts). 12 leaves room for a few constant lookups, yet an
 * N+1 over 98 municipalities, 100 tasks or 100 messages can never fit under it.
 */
const CAP = 12;
const FAXE = '0320';
const BRONDBY = '0153';
/** The Faxe system owner of the demo seed (FLIS). */
const FAXE_SYSTEM_OWNER = 'system-flis-0320@samspil.demo';
/** Tasks added on top of the few; each addressed to all 98 municipalities. */
const MANY_TASKS = 100;
const MANY_MESSAGES = 100;

type Who = 'admin' | 'klik' | 'token' | 'programleder' | 'systemOwner' | 'consultant' | 'recipient';
type Page = {
  name: string;
  who: Who;
  url: string;
  /** Text that only the added rows put on the page. */
  shows?: string;
  /** Text that must not be on the page (what the actor may not see). */
  hides?: string;
};

/** Filled in by beforeAll: the one task the task pages show, with few and then many rows. */
const focus = { id: '' };
/** Filled in by beforeAll: the compliance package the delivery pages show, delivered to Faxe and Brøndby, then to all 98. */
const compliance = { id: '' };
/** A compliance-package recipient in Faxe (the role has no demo holder). */
const RECIPIENT = { email: 'modtager-bench@faxe.test', password: 'modtager-bench-1234' };
/** Filled in by beforeAll: a draft compliance package with 3 and then 203 activities. */
const focusPackage = { id: '' };
/** Filled in by beforeAll: a published compliance package whose suppliers grow from 2 to 62. */
const supplierPackage = { published: '' };
/** Filled in by beforeAll: the compliance package whose responses the aggregate shows. */
const responded = { id: '' };
const RESPONSE_RISKS = 60;
/** Filled in by beforeAll: a draft and a published package whose risks go from 3 to 60. */
const riskFocus = { draft: '', published: '' };

const pages = (): Page[] => [
  { name: 'GET /kommuner', who: 'admin', url: '/kommuner' },
  { name: `GET /kommuner/${FAXE} (central administrator)`, who: 'admin', url: `/kommuner/${FAXE}`, shows: 'Ekstra 0320-50' },
  { name: `GET /kommuner/${FAXE} (own KLIK-administrator)`, who: 'klik', url: `/kommuner/${FAXE}`, shows: 'Ekstra 0320-50' },
  { name: 'GET /rolleoverblik (system owners, Aula)', who: 'admin', url: '/rolleoverblik?rolle=systemansvarlig&loesning=aula', shows: 'Tværgående 1 ' },
  { name: 'GET /log (central administrator)', who: 'admin', url: '/log', shows: 'Bench-bruger' },
  { name: 'GET /log (KLIK-administrator, own municipality only)', who: 'klik', url: '/log', shows: 'Bench-bruger' },
  { name: 'GET /log (each entry names and links its person)', who: 'admin', url: '/log?handling=person.updated', shows: '">Ekstra 0320-' },
  { name: 'GET /udgaaende-post', who: 'admin', url: '/udgaaende-post', shows: 'Bench-mail' },
  { name: 'GET /udgaaende-post (searched, page 2)', who: 'admin', url: '/udgaaende-post?emne=Bench-mail&status=sent&fra=2000-01-01&side=2', shows: 'Bench-mail' },
  { name: 'GET /api/v1/outbox', who: 'admin', url: '/api/v1/outbox?pageSize=200', shows: 'Bench-mail' },
  { name: 'GET /profil (API tokens)', who: 'admin', url: '/profil', shows: 'Bench-nøgle' },
  { name: 'GET /api/v1/role-overview', who: 'admin', url: '/api/v1/role-overview?role=systemansvarlig&solution=aula', shows: 'Tværgående 1 ' },
  { name: 'GET /api/v1/role-overview (Bearer token)', who: 'token', url: '/api/v1/role-overview?role=systemansvarlig&solution=aula', shows: 'Tværgående 1 ' },
  { name: `GET /api/v1/municipalities/${FAXE}/gallery`, who: 'admin', url: `/api/v1/municipalities/${FAXE}/gallery`, shows: 'Ekstra 0320-50' },
  { name: 'GET /api/v1/audit', who: 'admin', url: '/api/v1/audit', shows: 'Bench-bruger' },
  // Tasks: "Mine opgaver", the task page, the central overviews and the reminder page.
  { name: `GET /opgaver (Mine opgaver, ${FAXE} programleder)`, who: 'programleder', url: '/opgaver', shows: 'BOUND - mange 099' },
  { name: `GET /opgaver (Mine opgaver, ${FAXE} system owner FLIS)`, who: 'systemOwner', url: '/opgaver', shows: 'BOUND - mange 001', hides: 'BOUND - mange 000' },
  { name: `GET /opgaver/:id (task page, ${FAXE} programleder)`, who: 'programleder', url: `/opgaver/${focus.id}`, shows: `Bench-besked ${MANY_MESSAGES - 1}` },
  { name: 'GET /opgaver/:id/overblik', who: 'admin', url: `/opgaver/${focus.id}/overblik`, shows: 'svar-0101' },
  { name: 'GET /overblik (dashboard)', who: 'admin', url: '/overblik', shows: 'BOUND - mange 0' },
  { name: `GET /kommuner/${FAXE}/opgaver`, who: 'admin', url: `/kommuner/${FAXE}/opgaver`, shows: 'BOUND - mange 0' },
  { name: 'GET /opgaver/:id/paamindelse', who: 'admin', url: `/opgaver/${focus.id}/paamindelse`, shows: 'Bench-afsender' },
  { name: `GET /api/v1/my-tasks (${FAXE} programleder)`, who: 'programleder', url: '/api/v1/my-tasks', shows: 'BOUND - mange 099' },
  { name: 'GET /api/v1/tasks/:id/overview', who: 'admin', url: `/api/v1/tasks/${focus.id}/overview`, shows: 'svar-0101' },
  // What needs attention: the front page, the municipality page's API and the user's own API.
  { name: `GET / (Det skal I nu, ${FAXE} programleder)`, who: 'programleder', url: '/', shows: 'Bench-aftale 7<' },
  { name: `GET / (Det skal I nu, ${FAXE} system owner FLIS)`, who: 'systemOwner', url: '/', shows: 'Mangeopgave', hides: 'Mangeopgave 0<' },
  { name: `GET /api/v1/me/attention (${FAXE} programleder)`, who: 'programleder', url: '/api/v1/me/attention', shows: 'Bench-aftale 7"' },
  { name: `GET /api/v1/municipalities/${FAXE}/attention (central administrator)`, who: 'admin', url: `/api/v1/municipalities/${FAXE}/attention`, shows: 'Bench-aftale 7"' },
  { name: `GET /kommuner/${FAXE} (programleder: what the municipality owes)`, who: 'programleder', url: `/kommuner/${FAXE}`, shows: 'Bench-aftale 7<' },
  // The central front page: every central provider is one statement (at most 50 items a section),
  // the menu badges one more. The many rows add waiting questions, 100 tasks of which many are
  // overdue with municipalities missing, and failed mail.
  { name: 'GET / (central front page, consultant)', who: 'consultant', url: '/', shows: 'BOUND - mange 000' },
  { name: 'GET / (central front page, administrator)', who: 'admin', url: '/', shows: 'mails kunne ikke sendes' },
  { name: 'GET /api/v1/me/attention (consultant)', who: 'consultant', url: '/api/v1/me/attention', shows: 'Bench-besked 0' },
  // Population: one grouped statement for the periods however many municipalities and periods.
  { name: 'GET /oekonomi/befolkning', who: 'admin', url: '/oekonomi/befolkning', shows: '1992K4<' },
  { name: 'GET /api/v1/economy/population', who: 'admin', url: '/api/v1/economy/population?period=1990K1', shows: '"name":"Læsø"' },
  // Risk scales: one statement per table however many scales (the many rows add 20 scales of 5×5).
  { name: `GET /compliance/risikoskalaer (${FAXE} programleder)`, who: 'programleder', url: '/compliance/risikoskalaer', shows: 'Bench-skala 19<' },
  { name: 'GET /api/v1/compliance/risk-scales', who: 'consultant', url: '/api/v1/compliance/risk-scales', shows: 'Bench-skala 19"' },
  // Compliance packages: one statement for the list, one for the years, one for the solutions (the many rows add 42 packages).
  { name: 'GET /compliance (consultant, the author)', who: 'consultant', url: '/compliance', shows: 'Compliancepakke 2082 – Aula<' },
  { name: `GET /compliance (${FAXE} programleder: delivered to Faxe)`, who: 'programleder', url: '/compliance', shows: 'Compliancepakke 2082 – Aula<' },
  { name: 'GET /api/v1/compliance/packages', who: 'admin', url: '/api/v1/compliance/packages', shows: 'Compliancepakke 2082 – Aula"' },
  // Compliance delivery: the municipalities a package went to, one municipality's page and API, the recipient's front page.
  { name: 'GET /compliance/pakker/:id/kommuner', who: 'consultant', url: `/compliance/pakker/${compliance.id}/kommuner`, shows: 'Bench-modtager 0101-2<' },
  { name: 'GET /compliance/pakker/:id/kommuner?vis=mangler', who: 'consultant', url: `/compliance/pakker/${compliance.id}/kommuner?vis=mangler`, shows: 'Bench-modtager 0101-2<' },
  { name: `GET /compliance/pakker/:id/kommuner/${FAXE} (programleder)`, who: 'programleder', url: `/compliance/pakker/${compliance.id}/kommuner/${FAXE}`, shows: 'bench-fil-299.xlsx' },
  { name: `GET /api/v1/compliance/packages/:id/municipalities/${FAXE}`, who: 'admin', url: `/api/v1/compliance/packages/${compliance.id}/municipalities/${FAXE}`, shows: 'bench-fil-299.xlsx' },
  { name: `GET / (Det skal I nu, ${FAXE} compliance recipient)`, who: 'recipient', url: '/', shows: 'Kvittér for modtagelsen af Compliancepakke 2059 – Aula<' },
  // Skema 1 of a draft: one statement for the activities with their keys and column G (the many rows add 200).
  { name: 'GET /compliance/pakker/:id/fortegnelse (draft)', who: 'consultant', url: `/compliance/pakker/${focusPackage.id}/fortegnelse`, shows: 'Bench-aktivitet 199<' },
  // Suppliers: the master list and a package's chains are one statement however many suppliers (60 more, a third of them sub-processors).
  { name: 'GET /compliance/leverandoerer', who: 'consultant', url: '/compliance/leverandoerer', shows: 'Bench-leverandør 59<' },
  { name: 'GET /api/v1/compliance/suppliers', who: 'consultant', url: '/api/v1/compliance/suppliers', shows: 'Bench-leverandør 59"' },
  { name: 'GET /compliance/pakker/:id/leverandoerer (published)', who: 'consultant', url: `/compliance/pakker/${supplierPackage.published}/leverandoerer`, shows: 'Underdatabehandler for Bench-leverandør 58<' },
  // The municipalities' responses to a package's risks: the many rows deliver it to all 98, and every one answers all 60 risks.
  { name: 'GET /compliance/pakker/:id/svar', who: 'consultant', url: `/compliance/pakker/${responded.id}/svar`, shows: '98 kommuner har tilføjet egne foranstaltninger til R1' },
  { name: 'GET /api/v1/compliance/packages/:id/responses', who: 'admin', url: `/api/v1/compliance/packages/${responded.id}/responses`, shows: '"delivered":98' },
  // A package's risks with both heatmaps: a draft's from the risk and measure tables, a published one's frozen copy.
  { name: 'GET /compliance/pakker/:id/risici (draft)', who: 'consultant', url: `/compliance/pakker/${riskFocus.draft}/risici`, shows: 'Bench-risiko 59<' },
  { name: 'GET /compliance/pakker/:id/risici (published, by level)', who: 'consultant', url: `/compliance/pakker/${riskFocus.published}/risici?sorter=risiko`, shows: 'Bench-risiko 59<' },
];

/** Three years of published packages for every solution, delivered to Faxe and Brøndby. */
/** Two municipalities in one period, then all 98 in twelve periods, each chosen by a budget year. */
async function addFewPopulation(db: Db) {
  await db.insert(population).values([FAXE, BRONDBY].map((municipalityCode) => ({ municipalityCode, period: '1990K1', population: 1000 })));
}
async function addManyPopulation(db: Db) {
  const codes = (await db.select({ code: municipality.code }).from(municipality)).map((m) => m.code);
  const periods = [1990, 1991, 1992].flatMap((year) => [1, 2, 3, 4].map((q) => `${year}K${q}`));
  await db
    .insert(population)
    .values(periods.flatMap((period) => codes.map((municipalityCode) => ({ municipalityCode, period, population: 1000 }))))
    .onConflictDoNothing();
  await db.insert(economyYearSetting).values(periods.map((populationPeriod, i) => ({ year: 2000 + i, populationPeriod })));
}

async function addManyPackages(db: Db) {
  const packages = await db
    .insert(compliancePackage)
    .values(solutions.flatMap((s) => [2080, 2081, 2082].map((year) => ({ solutionKey: s.key, year, scaleKey: 'datatilsynet-4x4', status: 'published' as const, publishedAt: new Date() }))))
    .returning({ id: compliancePackage.id });
  await db.insert(compliancePackageTarget).values(packages.flatMap((p) => [FAXE, BRONDBY].map((municipalityCode) => ({ packageId: p.id, municipalityCode }))));
}

/** 200 more activities in the package, each with its legal basis, categories and column G. */
async function addManyActivities(db: Db, packageId: string) {
  const made = await db
    .insert(complianceActivity)
    .values(Array.from({ length: 200 }, (_, i) => ({ packageId, ref: `X${i}`, name: `Bench-aktivitet ${i}`, purpose: 'Benchmark', retentionKey: '5-aar', sort: 100 + i })))
    .returning({ id: complianceActivity.id });
  const ids = made.map((a) => a.id);
  await db.insert(complianceActivityLegalBasis).values(ids.map((activityId) => ({ activityId, basisKey: 'art6-1-e' })));
  await db.insert(complianceActivitySubject).values(ids.flatMap((activityId) => ['borgere', 'boern'].map((subjectKey) => ({ activityId, subjectKey }))));
  await db.insert(complianceActivityData).values(ids.flatMap((activityId) => ['identifikation', 'cpr', 'helbred'].map((dataKey) => ({ activityId, dataKey }))));
  await db.insert(complianceColumnG).values(ids.flatMap((activityId) => ['borgere', 'boern'].map((subjectKey) => ({ activityId, dataKey: 'cpr', subjectKey }))));
}

/** Twenty more risk scales of 5×5, each with its own levels and a full matrix. */
async function addManyRiskScales(db: Db) {
  const keys = Array.from({ length: 20 }, (_, i) => `bench-${i}`);
  const five = [1, 2, 3, 4, 5];
  await db.insert(riskScale).values(keys.map((key, i) => ({ key, name: `Bench-skala ${i}`, sort: 100 + i })));
  const axis = keys.flatMap((scaleKey) => five.map((value) => ({ scaleKey, value, label: `Trin ${value}`, definition: `Definition af trin ${value}` })));
  await db.insert(riskScaleLikelihood).values(axis);
  await db.insert(riskScaleConsequence).values(axis);
  await db.insert(riskScaleLevel).values(keys.flatMap((scaleKey) => (['groen', 'gul', 'roed'] as const).map((colour, i) => ({ scaleKey, key: colour, label: `Niveau ${i + 1}`, rank: i + 1, colour }))));
  await db
    .insert(riskMatrixCell)
    .values(keys.flatMap((scaleKey) => five.flatMap((consequence) => five.map((likelihood) => ({ scaleKey, consequence, likelihood, levelKey: consequence + likelihood < 5 ? 'groen' : consequence + likelihood < 8 ? 'gul' : 'roed' })))));
}

/** Sixty more suppliers, every third a sub-processor of the one before it, all in the published package (frozen again, as publishing would). */
async function addManySuppliers(db: Db) {
  let previous: string | null = null;
  const added: string[] = [];
  for (let i = 0; i < 60; i++) {
    const sub: boolean = previous !== null && i % 3 === 2;
    const [s]: { id: string }[] = await db
      .insert(complianceSupplier)
      .values({ name: `Bench-leverandør ${i}`, cvr: String(50000000 + i), role: sub ? 'sub-processor' : 'processor', parentId: sub ? previous : null, locations: i % 4 ? 'Danmark' : 'USA' })
      .returning({ id: complianceSupplier.id });
    previous = s!.id;
    added.push(s!.id);
  }
  await db.insert(compliancePackageSupplier).values(added.map((supplierId) => ({ packageId: supplierPackage.published, supplierId })));
  await db.update(compliancePackage).set({ publishedContent: await buildPackageContent(db, supplierPackage.published) }).where(eq(compliancePackage.id, supplierPackage.published));
}

/** A published package with 60 risks delivered to Faxe and Brøndby; Faxe has added its own measure to R1. */
async function addFewResponses(db: Db) {
  const pkg = await buildPackage(db, { status: 'published', targets: [FAXE, BRONDBY], risks: RESPONSE_RISKS, activities: 1, suppliers: 1 });
  responded.id = pkg.id;
  const [r1] = await db.select({ id: complianceRisk.id }).from(complianceRisk).where(eq(complianceRisk.packageId, pkg.id)).orderBy(complianceRisk.sort).limit(1);
  const [row] = await db
    .insert(complianceRiskResponse)
    .values({ packageId: pkg.id, riskId: r1!.id, municipalityCode: FAXE, response: 'own-measures', residualLikelihood: 1, residualConsequence: 1 })
    .returning({ id: complianceRiskResponse.id });
  await db.insert(complianceResponseMeasure).values({ responseId: row!.id, description: 'Faxes foranstaltning' });
}

/** The package delivered to all 98, and every municipality's response to every risk (R1 always with own measures, two each). */
async function addManyResponses(db: Db) {
  const codes = (await db.query.municipality.findMany({ columns: { code: true } })).map((m) => m.code);
  await db.insert(compliancePackageTarget).values(codes.filter((c) => c !== FAXE && c !== BRONDBY).map((municipalityCode) => ({ packageId: responded.id, municipalityCode })));
  const risks = await db.select({ id: complianceRisk.id, sort: complianceRisk.sort }).from(complianceRisk).where(eq(complianceRisk.packageId, responded.id));
  const kinds = ['own-measures', 'accepted', 'not-relevant'] as const;
  const rows = codes.flatMap((code, i) =>
    risks
      .filter((r) => !(code === FAXE && r.sort === 1))
      .map((r) => {
        const response = r.sort === 1 ? 'own-measures' : kinds[(i + r.sort) % 3]!;
        const own = response === 'own-measures';
        return {
          packageId: responded.id,
          riskId: r.id,
          municipalityCode: code,
          response,
          reason: response === 'not-relevant' ? 'Ikke relevant' : '',
          residualLikelihood: own ? ((i + r.sort) % 4) + 1 : null,
          residualConsequence: own ? (i % 4) + 1 : null,
        };
      }),
  );
  for (let i = 0; i < rows.length; i += 1000) {
    const inserted = await db.insert(complianceRiskResponse).values(rows.slice(i, i + 1000)).returning({ id: complianceRiskResponse.id, response: complianceRiskResponse.response });
    const own = inserted.filter((x) => x.response === 'own-measures');
    if (own.length > 0) await db.insert(complianceResponseMeasure).values(own.flatMap((x) => [1, 2].map((sort) => ({ responseId: x.id, description: `Bench-foranstaltning ${sort}`, sort }))));
  }
}

/** The two packages' risks from 3 to 60, each with two planned measures; the published one frozen again. */
async function addManyRisks(db: Db) {
  for (const packageId of [riskFocus.draft, riskFocus.published]) {
    const risks = await db
      .insert(complianceRisk)
      .values(
        Array.from({ length: 57 }, (_, k) => {
          const i = k + 3;
          return { packageId, ref: `R${i + 1}`, threat: `Bench-risiko ${i}`, likelihood: (i % 4) + 1, consequence: (Math.floor(i / 4) % 4) + 1, residualLikelihood: 1, residualConsequence: 1, sort: i + 1 };
        }),
      )
      .returning({ id: complianceRisk.id });
    await db.insert(complianceRiskMeasure).values(risks.flatMap((r) => [1, 2].map((n) => ({ riskId: r.id, description: `Bench-foranstaltning ${n}`, owner: n === 1 ? 'KOMBIT' : '' }))));
  }
  await db.update(compliancePackage).set({ publishedContent: await buildPackageContent(db, riskFocus.published) }).where(eq(compliancePackage.id, riskFocus.published));
}

/** Many agreements to all 98 municipalities: some signed by Faxe, one copy awaiting review, a K98 agreement replacing a connection agreement. */
async function addManyAgreements(db: Db) {
  for (let i = 0; i < 20; i++) {
    const { agreement } = await buildAgreement(db, {
      title: `Bench-aftale ${i}`,
      audienceRoleKey: i % 2 ? 'programleder' : 'it-chef',
      deadline: `${2026 + (i % 3)}-0${(i % 9) + 1}-01`,
    });
    if (i % 3 === 0) await buildSignature(db, agreement.id, FAXE);
    if (i === 4) await buildSignature(db, agreement.id, FAXE, { state: 'pending', method: 'upload' });
  }
  const k98 = await buildAgreement(db, { type: 'k98', title: 'Bench-K98', solutions: ['aula', 'ky'] });
  await buildAgreement(db, { type: 'tilslutningsaftale', title: 'Bench-tilslutning', solutions: ['aula'] });
  await buildSignature(db, k98.agreement.id, FAXE);
}

/** The few task rows: the focus task to Faxe and Brøndby with one answer and one message, a FLIS task to Faxe. */
async function addFewTasks(db: Db) {
  const built = await buildTask(db, {
    code: 'BOUND - fokus',
    title: 'Fokusopgave',
    critical: true,
    deadline: '2030-06-30',
    targets: [FAXE, BRONDBY],
    steps: [
      { title: 'Læs vejledningen', answerKind: 'none' },
      { title: 'Indmeld AftaleID', answerKind: 'identifier', answerLabel: 'AftaleID' },
      { title: 'Bemærkninger', answerKind: 'text', answerLabel: 'Bemærkning' },
    ],
  });
  focus.id = built.task.id;
  await db.insert(stepAnswer).values({ stepId: built.steps[0]!.id, taskId: focus.id, municipalityCode: FAXE, completed: true });
  await db.insert(taskMessage).values({ taskId: focus.id, municipalityCode: FAXE, authorName: 'Programleder Faxe', fromCentral: false, body: 'Første spørgsmål' });
  await buildTask(db, { code: 'BOUND - flis', audienceRoleKey: 'systemansvarlig', audienceSolutionKey: 'flis', targets: [FAXE] });
}

const AUDIENCES = [
  { audienceRoleKey: 'programleder', audienceSolutionKey: null },
  { audienceRoleKey: 'systemansvarlig', audienceSolutionKey: 'flis' },
  { audienceRoleKey: 'superbruger', audienceSolutionKey: 'aula' },
  { audienceRoleKey: 'systemansvarlig', audienceSolutionKey: 'aula' },
] as const;
const STATUSES = ['ikke_startet', 'i_gang', 'loest', 'ikke_relevant'] as const;

/**
 * Many task rows: the focus task to all 98 with answers to every step, 100 messages in Faxe's thread
 * (and some in others'), deadline changes, files and reminder rounds; 100 more tasks to all 98
 * municipalities (mixed audiences, some closed, answers from Faxe) and five local tasks of Faxe.
 */
async function addManyTasks(db: Db, adminUserId: string) {
  const codes = (await db.query.municipality.findMany({ columns: { code: true } })).map((m) => m.code);
  const leaders = await db
    .select({ id: person.id, code: person.municipalityCode })
    .from(person)
    .where(inArray(person.email, codes.map((c) => DEMO.programLeader(c))));
  const leaderOf = new Map(leaders.map((p) => [p.code, p.id]));

  // The focus task.
  const steps = await db.select({ id: taskStep.id, position: taskStep.position }).from(taskStep).where(eq(taskStep.taskId, focus.id));
  await db.insert(taskTarget).values(
    codes
      .filter((c) => c !== FAXE && c !== BRONDBY)
      .map((code, i) => ({ taskId: focus.id, municipalityCode: code, status: STATUSES[i % 4], responsiblePersonId: leaderOf.get(code) ?? null, lastActivityAt: new Date() })),
  );
  await db.insert(stepAnswer).values(
    codes.flatMap((code) =>
      steps
        .filter((s) => !(code === FAXE && s.position === 1))
        .map((s) => ({ stepId: s.id, taskId: focus.id, municipalityCode: code, value: s.position === 1 ? null : `svar-${code}`, completed: true })),
    ),
  );
  await db.insert(taskMessage).values(
    [...Array.from({ length: MANY_MESSAGES }, (_, i) => ({ code: FAXE, i })), ...codes.slice(0, 50).map((code, i) => ({ code, i }))].map(({ code, i }) => ({
      taskId: focus.id,
      municipalityCode: code,
      authorName: i % 2 ? 'KOMBIT' : 'Programleder',
      fromCentral: i % 2 === 1,
      body: `Bench-besked ${i}`,
    })),
  );
  await db.insert(taskDeadlineChange).values(
    Array.from({ length: 5 }, (_, i) => ({ taskId: focus.id, fromDeadline: `2030-0${i + 1}-01`, toDeadline: `2030-0${i + 2}-01`, reason: `Ændring ${i}`, changedBy: adminUserId })),
  );
  await db.insert(taskFile).values(
    Array.from({ length: 12 }, (_, i) => ({
      taskId: focus.id,
      municipalityCode: i % 3 === 0 ? null : i % 3 === 1 ? FAXE : BRONDBY,
      purpose: i % 3 === 0 ? ('attachment' as const) : ('answer' as const),
      filename: `bench-fil-${i}.pdf`,
      contentType: 'application/pdf',
      size: 3,
      sha256: 'x',
      content: Buffer.from('pdf'),
    })),
  );
  const [sender] = await db.insert(person).values({ municipalityCode: null, name: 'Bench-afsender', email: 'bench-afsender@samspil.test' }).returning();
  const [senderUser] = await db.insert(userAccount).values({ personId: sender!.id, email: sender!.email }).returning();
  await db.insert(taskReminder).values(
    Array.from({ length: 30 }, (_, round) =>
      codes.slice(0, 10).map((code) => ({
        taskId: focus.id,
        municipalityCode: code,
        slot: `manual-bench-${round}`,
        recipientEmail: DEMO.programLeader(code),
        manual: true,
        sentBy: senderUser!.id,
        sentAt: new Date(Date.now() - round * 3_600_000),
      })),
    ).flat(),
  );

  // 100 more tasks to all 98 municipalities, deadlines before the focus task's (so they come first).
  const inserted = await db
    .insert(task)
    .values(
      Array.from({ length: MANY_TASKS }, (_, i) => ({
        code: `BOUND - mange ${String(i).padStart(3, '0')}`,
        title: `Mangeopgave ${i}`,
        ...AUDIENCES[i % AUDIENCES.length]!,
        critical: i % 5 === 0,
        crossCutting: i % 7 === 0,
        status: i % 10 === 9 ? ('closed' as const) : ('published' as const),
        deadline: `${2026 + (i % 3)}-${String((i % 12) + 1).padStart(2, '0')}-15`,
        publishedAt: new Date(),
      })),
    )
    .returning({ id: task.id });
  const manySteps = await db
    .insert(taskStep)
    .values(inserted.flatMap((x) => [1, 2].map((position) => ({ taskId: x.id, position, title: `Trin ${position}`, answerKind: position === 1 ? ('none' as const) : ('text' as const) }))))
    .returning({ id: taskStep.id, taskId: taskStep.taskId });
  for (let i = 0; i < inserted.length; i += 20) {
    await db.insert(taskTarget).values(
      inserted.slice(i, i + 20).flatMap((x, j) =>
        codes.map((code, k) => ({ taskId: x.id, municipalityCode: code, status: STATUSES[(i + j + k) % 4], responsiblePersonId: leaderOf.get(code) ?? null })),
      ),
    );
  }
  await db.insert(stepAnswer).values(manySteps.map((s) => ({ stepId: s.id, taskId: s.taskId, municipalityCode: FAXE, value: 'Faxes svar', completed: true })));
  const local = await db
    .insert(task)
    .values(Array.from({ length: 5 }, (_, i) => ({ code: `LOKAL ${i}`, title: `Lokal opgave ${i}`, status: 'published' as const, deadline: '2027-01-01', localMunicipalityCode: FAXE })))
    .returning({ id: task.id });
  await db.insert(taskStep).values(local.map((x) => ({ taskId: x.id, position: 1, title: 'Gør det' })));
  await db.insert(taskTarget).values(local.map((x) => ({ taskId: x.id, municipalityCode: FAXE })));
}

/** The few delivery rows: a published package to Faxe and Brøndby, a Faxe recipient who can log in, one view. */
async function addFewDelivery(db: Db) {
  const pkg = await buildPackage(db, { status: 'published', targets: [FAXE, BRONDBY] });
  compliance.id = pkg.id;
  const [p] = await db.insert(person).values({ municipalityCode: FAXE, name: 'Bench-modtager Faxe', email: RECIPIENT.email }).returning({ id: person.id });
  await db.insert(userAccount).values({ personId: p!.id, email: RECIPIENT.email, passwordHash: await hashPassword(RECIPIENT.password) });
  await db.insert(roleAssignment).values({ personId: p!.id, municipalityCode: FAXE, roleTypeKey: 'compliancepakke-modtager' });
  await db.insert(complianceAccess).values({ packageId: pkg.id, municipalityCode: FAXE, personId: p!.id, kind: 'view' });
}

/**
 * Many delivery rows: the package delivered to all 98, two recipients in most municipalities, 300
 * accesses in Faxe (and some elsewhere), responses from every municipality to every risk, and 20
 * more packages delivered to Faxe and not acknowledged.
 */
async function addManyDelivery(db: Db) {
  const codes = (await db.query.municipality.findMany({ columns: { code: true } })).map((m) => m.code);
  const others = codes.filter((c) => c !== FAXE && c !== BRONDBY);
  await db.insert(compliancePackageTarget).values(others.map((municipalityCode, i) => ({ packageId: compliance.id, municipalityCode, firstOpenedAt: i % 2 ? new Date() : null })));
  const recipients = await db
    .insert(person)
    .values(others.slice(0, 80).flatMap((code) => [1, 2].map((n) => ({ municipalityCode: code, name: `Bench-modtager ${code}-${n}`, email: `bench-modtager-${n}-${code}@kommune.test` }))))
    .returning({ id: person.id, code: person.municipalityCode });
  await db.insert(roleAssignment).values(recipients.map((r) => ({ personId: r.id, municipalityCode: r.code, roleTypeKey: 'compliancepakke-modtager' })));
  const [faxeRecipient] = await db.select({ id: person.id }).from(person).where(eq(person.email, RECIPIENT.email));
  const start = Date.now() - 1_000_000;
  await db.insert(complianceAccess).values([
    ...Array.from({ length: 300 }, (_, i) => ({
      packageId: compliance.id,
      municipalityCode: FAXE,
      personId: faxeRecipient!.id,
      kind: i % 3 ? ('download' as const) : ('view' as const),
      file: i % 3 ? `bench-fil-${i}.xlsx` : '',
      at: new Date(start + i * 1000),
    })),
    ...recipients.map((r) => ({ packageId: compliance.id, municipalityCode: r.code!, personId: r.id, kind: 'view' as const })),
  ]);
  const risks = await db.select({ id: complianceRisk.id }).from(complianceRisk).where(eq(complianceRisk.packageId, compliance.id));
  await db
    .insert(complianceRiskResponse)
    .values(codes.flatMap((municipalityCode) => risks.map((r) => ({ packageId: compliance.id, riskId: r.id, municipalityCode, response: 'accepted' as const }))));
  for (let i = 0; i < 20; i++) await buildPackage(db, { status: 'published', year: 2040 + i, targets: [FAXE], activities: 1, suppliers: 1, risks: 1 });
}

/** Many more rows of everything the pages list: people, roles (current and former), log, mail, tokens. */
async function addRows(db: Db, adminUserId: string) {
  const extra = await db
    .insert(person)
    .values(Array.from({ length: 50 }, (_, i) => ({ municipalityCode: FAXE, name: `Ekstra 0320-${i + 1}`, email: `ekstra-${i + 1}@faxe.test`, title: 'Medarbejder' })))
    .returning({ id: person.id, email: person.email });
  await db.insert(userAccount).values(extra.slice(0, 20).map((p) => ({ personId: p.id, email: p.email })));
  await db.insert(roleAssignment).values(
    extra.flatMap((p, i) => [
      { personId: p.id, municipalityCode: FAXE, roleTypeKey: 'superbruger', solutionKey: solutions[i % solutions.length]!.key },
      { personId: p.id, municipalityCode: FAXE, roleTypeKey: 'systemansvarlig', solutionKey: solutions[(i + 3) % solutions.length]!.key },
      { personId: p.id, municipalityCode: FAXE, roleTypeKey: 'it-chef', removedAt: new Date() },
    ]),
  );

  // Across municipalities: two Aula system owners in each of 98 municipalities' worth of people.
  const codes = (await db.query.municipality.findMany({ columns: { code: true } })).map((m) => m.code);
  const across = await db
    .insert(person)
    .values(codes.flatMap((code, i) => [1, 2].map((n) => ({ municipalityCode: code, name: `Tværgående ${n} ${i}`, email: `tvaers-${n}-${code}@kommune.test` }))))
    .returning({ id: person.id, municipalityCode: person.municipalityCode });
  await db.insert(roleAssignment).values(across.map((p) => ({ personId: p.id, municipalityCode: p.municipalityCode, roleTypeKey: 'systemansvarlig', solutionKey: 'aula' })));

  await db.insert(auditEvent).values(
    Array.from({ length: 200 }, (_, i) => ({
      actorLabel: `Bench-bruger ${i}`,
      municipalityCode: i % 2 === 0 ? FAXE : codes[i % codes.length]!,
      action: 'person.updated',
      entityType: 'person',
      entityId: extra[i % extra.length]!.id,
      before: { name: 'før' },
      after: { name: 'efter' },
    })),
  );
  await db.insert(outboxMail).values(
    Array.from({ length: 250 }, (_, i) => ({
      toAddress: `modtager-${i}@kommune.test`,
      subject: `Bench-mail ${i}`,
      body: 'Hej',
      kind: 'password_link',
      municipalityCode: FAXE,
      status: (['pending', 'sent', 'failed'] as const)[i % 3],
    })),
  );
  await db.insert(apiToken).values(
    Array.from({ length: 30 }, (_, i) => {
      const secret = randomBytes(16).toString('hex');
      return { userId: adminUserId, name: `Bench-nøgle ${i}`, tokenHash: sha256(secret), prefix: secret.slice(0, 14), revokedAt: i % 4 === 0 ? new Date() : null };
    }),
  );
}

describe('list pages run a bounded number of SQL queries, whatever the number of rows (no N+1)', () => {
  let t: TestApp;
  let clients: Record<Exclude<Who, 'token'>, Client>;
  let token = '';
  const before = new Map<string, number>();

  async function countQueries(page: Page) {
    const start = t.database.queries.count;
    const res = page.who === 'token' ? await bearer(t.app, token, 'GET', page.url) : await clients[page.who].get(page.url);
    const count = t.database.queries.count - start;
    expect(res.statusCode, `${page.name} answered ${res.statusCode}`).toBe(200);
    return { count, body: res.body };
  }

  beforeAll(async () => {
    t = await startTestApp();
    const db = t.database.db;
    clients = {
      admin: await loginAs(t.app, DEMO.admin),
      consultant: await loginAs(t.app, DEMO.consultant),
      klik: await loginAs(t.app, DEMO.klikAdmin(FAXE)),
      programleder: await loginAs(t.app, DEMO.programLeader(FAXE)),
      systemOwner: await loginAs(t.app, FAXE_SYSTEM_OWNER),
      recipient: await (async () => {
        await addFewDelivery(db);
        return loginAs(t.app, RECIPIENT.email, RECIPIENT.password);
      })(),
    };
    token = await createTokenForEmail(db, t.config, DEMO.admin, 'Til testen');
    await addFewTasks(db);
    focusPackage.id = (await buildPackage(db, { activities: 3 })).id;
    supplierPackage.published = (await buildPackage(db, { status: 'published', targets: [FAXE] })).id;
    await addFewResponses(db);
    await addFewPopulation(db);
    riskFocus.draft = (await buildPackage(db, { risks: 3 })).id;
    riskFocus.published = (await buildPackage(db, { risks: 3, status: 'published' })).id;
    for (const page of pages()) before.set(page.name, (await countQueries(page)).count);
    const [admin] = await db.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.email, DEMO.admin));
    await addRows(db, admin!.id);
    await addManyTasks(db, admin!.id);
    await addManyAgreements(db);
    await addManyRiskScales(db);
    await addManyPackages(db);
    await addManyDelivery(db);
    await addManyActivities(db, focusPackage.id);
    await addManySuppliers(db);
    await addManyResponses(db);
    await addManyRisks(db);
    await addManyPopulation(db);
  }, 120_000);
  afterAll(() => t?.close());

  it.each(pages().map((p) => [p.name] as const))('%s', async (name) => {
    // The URLs name the focus task, which exists only once beforeAll ran.
    const page = pages().find((p) => p.name === name)!;
    const { count, body } = await countQueries(page);
    const baseline = before.get(name)!;
    if (page.shows) expect(body, `${name} should list the added rows`).toContain(page.shows);
    if (page.hides) expect(body, `${name} should not list what the actor may not see`).not.toContain(page.hides);
    expect(count, `${name}: ${baseline} SQL queries with the demo data, ${count} after adding rows – the count must not grow with the rows`).toBe(baseline);
    expect(count, `${name}: ${count} SQL queries (demo data: ${baseline}) – more than the cap of ${CAP}`).toBeLessThanOrEqual(CAP);
  });

  it('the task pages list the many rows (not a truncated first page where none is announced)', async () => {
    const mine = await clients.programleder.get('/opgaver');
    // 100 + 2 central tasks (the closed ones too) and 5 local ones: "Mine opgaver" does not paginate.
    expect((mine.body.match(/<tr data-opgave=/g) ?? []).length).toBe(MANY_TASKS + 2 + 5);
    const overview = await clients.admin.get(`/opgaver/${focus.id}/overblik`);
    expect((overview.body.match(/<tr data-kommune=/g) ?? []).length).toBe(98);
    const page = await clients.programleder.get(`/opgaver/${focus.id}`);
    for (const i of [0, MANY_MESSAGES - 1]) expect(page.body).toContain(`Bench-besked ${i}<`);
  });
});

import { sql } from 'drizzle-orm';
import { bigint, boolean, char, check, customType, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { municipality, solution, userAccount } from '../../platform/identity/schema.ts';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * Population per municipality per quarter, as Danmarks Statistik publishes it (FOLK1A). Kept per
 * period rather than overwritten, so a year's invoices can always be recomputed from the figures
 * they were made with.
 */
export const population = pgTable(
  'population',
  {
    municipalityCode: char('municipality_code', { length: 4 })
      .notNull()
      .references(() => municipality.code),
    period: text('period').notNull(),
    population: integer('population').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
    /** null when imported from the command line */
    importedBy: uuid('imported_by').references(() => userAccount.id),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityCode, t.period] }),
    check('population_period_format', sql`${t.period} ~ '^[0-9]{4}K[1-4]$'`),
    check('population_non_negative', sql`${t.population} >= 0`),
  ],
);

/** Which population period a budget year's allocation uses; a setting, because it is decided, not derived. */
export const economyYearSetting = pgTable('economy_year_setting', {
  year: integer('year').primaryKey(),
  populationPeriod: text('population_period').notNull(),
});

// ---------------------------------------------------------------- prices (issue #11 point 3)

/**
 * How a solution's price for a year is computed. Every amount is whole øre in a bigint column (a
 * distributed total of several hundred million kroner does not fit an integer column). Which
 * columns a kind needs is enforced by the checks below, so a half-filled model cannot be stored.
 */
export const priceModelKinds = ['per_citizen', 'per_citizen_kink', 'fixed', 'distributed', 'usage'] as const;
export type PriceModelKind = (typeof priceModelKinds)[number];

export const priceModel = pgTable(
  'price_model',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    year: integer('year').notNull(),
    solutionKey: text('solution_key')
      .notNull()
      .references(() => solution.key),
    /** The invoice line's name, e.g. "Infrastruktur pr. indbygger" or "Valgkort". Unique per year and solution. */
    label: text('label').notNull(),
    kind: text('kind', { enum: priceModelKinds }).notNull(),
    /** per_citizen and per_citizen_kink: the full rate per citizen. */
    rateOre: bigint('rate_ore', { mode: 'number' }),
    /** fixed: the amount each municipality pays; distributed: the total shared by population. */
    amountOre: bigint('amount_ore', { mode: 'number' }),
    /** per_citizen_kink (required) and distributed (optional): citizens above the threshold count reducedPercent %. */
    kinkThreshold: integer('kink_threshold'),
    kinkReducedPercent: integer('kink_reduced_percent'),
    /** usage: what is counted, e.g. "valgkort"; the unit prices are price_unit_price rows, the counts price_usage rows. */
    usageUnit: text('usage_unit'),
    sort: integer('sort').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => userAccount.id),
  },
  (t) => [
    uniqueIndex('price_model_year_solution_label').on(t.year, t.solutionKey, t.label),
    index('price_model_year').on(t.year),
    check('price_model_kind', sql`${t.kind} in ('per_citizen','per_citizen_kink','fixed','distributed','usage')`),
    check('price_model_amounts_non_negative', sql`coalesce(${t.rateOre}, 0) >= 0 and coalesce(${t.amountOre}, 0) >= 0`),
    check('price_model_kink_pair', sql`(${t.kinkThreshold} is null) = (${t.kinkReducedPercent} is null)`),
    check('price_model_kink_range', sql`${t.kinkThreshold} is null or (${t.kinkThreshold} >= 0 and ${t.kinkReducedPercent} between 0 and 100)`),
    check(
      'price_model_fields_for_kind',
      sql`case ${t.kind}
        when 'per_citizen' then ${t.rateOre} is not null and ${t.kinkThreshold} is null
        when 'per_citizen_kink' then ${t.rateOre} is not null and ${t.kinkThreshold} is not null
        when 'fixed' then ${t.amountOre} is not null
        when 'distributed' then ${t.amountOre} is not null
        when 'usage' then ${t.usageUnit} is not null
        else false end`,
    ),
  ],
);

/** A usage model's unit prices: Valg charges 1,90 kr. (tryk) and 7,40 kr. (porto) per polling card. */
export const priceUnitPrice = pgTable(
  'price_unit_price',
  {
    priceModelId: uuid('price_model_id')
      .notNull()
      .references(() => priceModel.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    label: text('label').notNull(),
    unitPriceOre: bigint('unit_price_ore', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.priceModelId, t.position] }), check('price_unit_price_non_negative', sql`${t.unitPriceOre} >= 0`)],
);

/** A usage model's count per municipality (e.g. polling cards sent); a municipality without a row used none. */
export const priceUsage = pgTable(
  'price_usage',
  {
    priceModelId: uuid('price_model_id')
      .notNull()
      .references(() => priceModel.id, { onDelete: 'cascade' }),
    municipalityCode: char('municipality_code', { length: 4 })
      .notNull()
      .references(() => municipality.code),
    quantity: integer('quantity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.priceModelId, t.municipalityCode] }), check('price_usage_non_negative', sql`${t.quantity} >= 0`)],
);

// ---------------------------------------------------------------- budgets and actual costs (point 4)

/** A cost budget is first preliminary, then total (samlet); both are kept, so the change can be shown. */
export const costBudgetStages = ['foreloebigt', 'samlet'] as const;
export type CostBudgetStage = (typeof costBudgetStages)[number];

export const costBudget = pgTable(
  'cost_budget',
  {
    year: integer('year').notNull(),
    solutionKey: text('solution_key')
      .notNull()
      .references(() => solution.key),
    stage: text('stage', { enum: costBudgetStages }).notNull(),
    operationOre: bigint('operation_ore', { mode: 'number' }).notNull().default(0),
    maintenanceOre: bigint('maintenance_ore', { mode: 'number' }).notNull().default(0),
    developmentOre: bigint('development_ore', { mode: 'number' }).notNull().default(0),
    /** The solution's contribution to the prioritisation pool; the year's pool is the sum over solutions. */
    poolOre: bigint('pool_ore', { mode: 'number' }).notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => userAccount.id),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.solutionKey, t.stage] }),
    check('cost_budget_stage', sql`${t.stage} in ('foreloebigt','samlet')`),
    check('cost_budget_non_negative', sql`${t.operationOre} >= 0 and ${t.maintenanceOre} >= 0 and ${t.developmentOre} >= 0 and ${t.poolOre} >= 0`),
  ],
);

/** What a solution actually cost in a year, entered when the books are closed; the statement settles against it. */
export const costActual = pgTable(
  'cost_actual',
  {
    year: integer('year').notNull(),
    solutionKey: text('solution_key')
      .notNull()
      .references(() => solution.key),
    actualOre: bigint('actual_ore', { mode: 'number' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => userAccount.id),
  },
  (t) => [primaryKey({ columns: [t.year, t.solutionKey] }), check('cost_actual_non_negative', sql`${t.actualOre} >= 0`)],
);

// ---------------------------------------------------------------- the yearly documents (point 4)

/**
 * faktura: the invoice for `year` (its prices are locked once published); budgetvejledning: the
 * guidance for `year` (compared with year − 1), published the year before; aarsopgoerelse: the
 * statement for `year`, published the year after.
 */
export const economyDocumentKinds = ['faktura', 'budgetvejledning', 'aarsopgoerelse'] as const;
export type EconomyDocumentKind = (typeof economyDocumentKinds)[number];

export const economyPublication = pgTable(
  'economy_publication',
  {
    year: integer('year').notNull(),
    kind: text('kind', { enum: economyDocumentKinds }).notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    publishedBy: uuid('published_by').references(() => userAccount.id),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.kind] }),
    check('economy_publication_kind', sql`${t.kind} in ('faktura','budgetvejledning','aarsopgoerelse')`),
  ],
);

/**
 * A published document per municipality, frozen as it was published (lines, calculations, totals
 * as JSON with øre as integers), so a later population import or price change never rewrites what a
 * municipality was sent.
 */
export const economyDocument = pgTable(
  'economy_document',
  {
    year: integer('year').notNull(),
    kind: text('kind', { enum: economyDocumentKinds }).notNull(),
    municipalityCode: char('municipality_code', { length: 4 })
      .notNull()
      .references(() => municipality.code),
    totalOre: bigint('total_ore', { mode: 'number' }).notNull(),
    content: jsonb('content').notNull(),
    firstOpenedAt: timestamp('first_opened_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.kind, t.municipalityCode] }),
    foreignKey({ columns: [t.year, t.kind], foreignColumns: [economyPublication.year, economyPublication.kind] }).onDelete('cascade'),
    index('economy_document_municipality').on(t.municipalityCode),
  ],
);

// ---------------------------------------------------------------- governance (point 5)

export const councilKinds = ['portefoeljeraad', 'fagraad'] as const;
export type CouncilKind = (typeof councilKinds)[number];

export const council = pgTable(
  'council',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stable key used in URLs and the API, e.g. "portefoeljeraadet", "fagraad-beskaeftigelse". */
    key: text('key').notNull().unique(),
    kind: text('kind', { enum: councilKinds }).notNull(),
    name: text('name').notNull(),
    /** A Fagråd's area (forvaltningsområde), e.g. "Beskæftigelse og ydelser"; null for the Porteføljeråd. */
    area: text('area'),
    description: text('description').notNull().default(''),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [
    check('council_kind', sql`${t.kind} in ('portefoeljeraad','fagraad')`),
    check('council_key_format', sql`${t.key} ~ '^[a-z0-9-]{2,60}$'`),
  ],
);

/** A member and the seat they fill ("Kommunaldirektør, KKR Hovedstaden"); a seat may be vacant (no name). */
export const councilMember = pgTable(
  'council_member',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id')
      .notNull()
      .references(() => council.id, { onDelete: 'cascade' }),
    seat: text('seat').notNull(),
    name: text('name'),
    organisation: text('organisation').notNull().default(''),
    municipalityCode: char('municipality_code', { length: 4 }).references(() => municipality.code),
    chair: boolean('chair').notNull().default(false),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [index('council_member_council').on(t.councilId)],
);

export const councilMeeting = pgTable(
  'council_meeting',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id')
      .notNull()
      .references(() => council.id, { onDelete: 'cascade' }),
    /** The Danish day of the meeting. */
    meetingDate: date('meeting_date').notNull(),
    title: text('title').notNull(),
    location: text('location').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => userAccount.id),
  },
  (t) => [uniqueIndex('council_meeting_council_date').on(t.councilId, t.meetingDate), index('council_meeting_date').on(t.meetingDate)],
);

/** The agenda, one item per row, each with the decision taken on it once the meeting has been held. */
export const meetingItem = pgTable(
  'meeting_item',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => councilMeeting.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    decision: text('decision'),
  },
  (t) => [uniqueIndex('meeting_item_position').on(t.meetingId, t.position)],
);

export const meetingFileKinds = ['dagsorden', 'referat', 'bilag'] as const;
export type MeetingFileKind = (typeof meetingFileKinds)[number];

export const meetingFile = pgTable(
  'meeting_file',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => councilMeeting.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: meetingFileKinds }).notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
    uploadedBy: uuid('uploaded_by').references(() => userAccount.id),
  },
  (t) => [
    index('meeting_file_meeting').on(t.meetingId),
    uniqueIndex('meeting_file_same_content').on(t.meetingId, t.sha256),
    check('meeting_file_kind', sql`${t.kind} in ('dagsorden','referat','bilag')`),
  ],
);

// ---------------------------------------------------------------- the prioritisation pool (point 6)

export const proposalStatuses = ['modtaget', 'behandlet_fagraad', 'indstillet', 'prioriteret', 'afvist'] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];

export const poolProposal = pgTable(
  'pool_proposal',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** A running number people can say aloud ("forslag 12"). */
    number: integer('number').notNull().generatedAlwaysAsIdentity(),
    /** The pool year the proposal asks money from. */
    year: integer('year').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    estimatedCostOre: bigint('estimated_cost_ore', { mode: 'number' }).notNull(),
    /** The proposing municipality; null when KOMBIT proposed it. */
    municipalityCode: char('municipality_code', { length: 4 }).references(() => municipality.code),
    proposedBy: uuid('proposed_by').references(() => userAccount.id),
    status: text('status', { enum: proposalStatuses }).notNull().default('modtaget'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('pool_proposal_number').on(t.number),
    index('pool_proposal_year_status').on(t.year, t.status),
    index('pool_proposal_municipality').on(t.municipalityCode),
    check('pool_proposal_status', sql`${t.status} in ('modtaget','behandlet_fagraad','indstillet','prioriteret','afvist')`),
    check('pool_proposal_cost_non_negative', sql`${t.estimatedCostOre} >= 0`),
  ],
);

export const poolProposalSolution = pgTable(
  'pool_proposal_solution',
  {
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => poolProposal.id, { onDelete: 'cascade' }),
    solutionKey: text('solution_key')
      .notNull()
      .references(() => solution.key),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.solutionKey] })],
);

/** Each move of a proposal, with the meeting that made it and the decision in words; the first is its receipt. */
export const poolProposalStep = pgTable(
  'pool_proposal_step',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => poolProposal.id, { onDelete: 'cascade' }),
    status: text('status', { enum: proposalStatuses }).notNull(),
    meetingId: uuid('meeting_id').references(() => councilMeeting.id),
    decision: text('decision').notNull().default(''),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => userAccount.id),
  },
  (t) => [
    uniqueIndex('pool_proposal_step_once').on(t.proposalId, t.status),
    check('pool_proposal_step_status', sql`${t.status} in ('modtaget','behandlet_fagraad','indstillet','prioriteret','afvist')`),
  ],
);

import { sql } from 'drizzle-orm';
import { char, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { municipality, person, solution, userAccount } from '../../platform/identity/schema.ts';

/**
 * Risk scales are data: a scale names its likelihood and consequence levels (1..n, each with the
 * definition shown wherever a value is chosen), its risk levels, and the matrix that maps a
 * (consequence, likelihood) pair to a risk level. The level of a risk is always that cell, never a
 * product of the two numbers, so a scale like Datatilsynet's (where 1×4 and 4×1 are both Høj) is
 * represented exactly.
 */
export const riskScale = pgTable('risk_scale', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  sort: integer('sort').notNull().default(0),
});

/** The colour a risk level is drawn with; the view maps the token to a colour, and always shows the label as well. */
export const riskColourTokens = ['groen', 'gul', 'orange', 'roed'] as const;
export type RiskColourToken = (typeof riskColourTokens)[number];

const axisColumns = {
  scaleKey: text('scale_key')
    .notNull()
    .references(() => riskScale.key, { onDelete: 'cascade' }),
  value: integer('value').notNull(),
  label: text('label').notNull(),
  definition: text('definition').notNull(),
};

export const riskScaleLikelihood = pgTable('risk_scale_likelihood', axisColumns, (t) => [
  primaryKey({ columns: [t.scaleKey, t.value] }),
  check('risk_scale_likelihood_value', sql`${t.value} >= 1`),
]);

export const riskScaleConsequence = pgTable('risk_scale_consequence', axisColumns, (t) => [
  primaryKey({ columns: [t.scaleKey, t.value] }),
  check('risk_scale_consequence_value', sql`${t.value} >= 1`),
]);

export const riskScaleLevel = pgTable(
  'risk_scale_level',
  {
    scaleKey: text('scale_key')
      .notNull()
      .references(() => riskScale.key, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    label: text('label').notNull(),
    /** 1 is the lowest level; a higher rank is a more serious risk. */
    rank: integer('rank').notNull(),
    colour: text('colour', { enum: riskColourTokens }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scaleKey, t.key] })],
);

/** One cell per (consequence, likelihood) of the scale; the composite keys make a cell outside the scale impossible. */
export const riskMatrixCell = pgTable(
  'risk_matrix_cell',
  {
    scaleKey: text('scale_key').notNull(),
    consequence: integer('consequence').notNull(),
    likelihood: integer('likelihood').notNull(),
    levelKey: text('level_key').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scaleKey, t.consequence, t.likelihood] }),
    foreignKey({ columns: [t.scaleKey, t.consequence], foreignColumns: [riskScaleConsequence.scaleKey, riskScaleConsequence.value] }).onDelete('cascade'),
    foreignKey({ columns: [t.scaleKey, t.likelihood], foreignColumns: [riskScaleLikelihood.scaleKey, riskScaleLikelihood.value] }).onDelete('cascade'),
    foreignKey({ columns: [t.scaleKey, t.levelKey], foreignColumns: [riskScaleLevel.scaleKey, riskScaleLevel.key] }),
  ],
);

// ---------------------------------------------------------------- choice lists (reference data)

/**
 * The choice lists of Skema 1 and the supplier data are data, not code: categories of data
 * subjects and of personal data, legal bases with their reference text, retention periods,
 * transfer bases and the data-subject rights. The defaults are reference data
 * (`src/db/reference/compliance-choices.ts`), synced like the municipalities.
 */
export const complianceChoiceLists = ['data-subject', 'personal-data', 'legal-basis', 'retention', 'transfer-basis', 'right'] as const;
export type ComplianceChoiceList = (typeof complianceChoiceLists)[number];

export const complianceChoice = pgTable(
  'compliance_choice',
  {
    list: text('list', { enum: complianceChoiceLists }).notNull(),
    key: text('key').notNull(),
    label: text('label').notNull(),
    /** The reference text shown beside the choice (a legal basis's wording, a right's article). */
    detail: text('detail').notNull().default(''),
    /**
     * A group within the list: personal data 'almindelig' | 'foelsom' (art. 9, the key is the
     * subtype) | 'cpr' | 'strafbare' (art. 10); legal basis 'art6' | 'art9' | 'art10' | 'national'.
     */
    grp: text('grp').notNull().default(''),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.list, t.key] })],
);

// ---------------------------------------------------------------- packages

export const packageStatuses = ['draft', 'published'] as const;
export type PackageStatus = (typeof packageStatuses)[number];

/**
 * One package per solution and year ("Compliancepakke 2025 – Aula"). A draft is edited by central
 * information security; publishing freezes it: its content is kept as `published_content` (the
 * record, suppliers as they were then, risks) so that what a municipality received never changes
 * when supplier master data is corrected later, and so a published package reads as one row.
 */
export const compliancePackage = pgTable(
  'compliance_package',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    solutionKey: text('solution_key')
      .notNull()
      .references(() => solution.key),
    year: integer('year').notNull(),
    status: text('status', { enum: packageStatuses }).notNull().default('draft'),
    /** The risk scale the package's risks are assessed on. */
    scaleKey: text('scale_key')
      .notNull()
      .references(() => riskScale.key),
    /** The introduction the municipalities read first. */
    introduction: text('introduction').notNull().default(''),
    /** "Principper": how the processing meets the principles of art. 5 (the rights are per row below). */
    principles: text('principles').notNull().default(''),
    /** General description of technical and organisational security measures (art. 30(1)(g)). */
    securityMeasures: text('security_measures').notNull().default(''),
    copiedFromId: uuid('copied_from_id'),
    publishedContent: jsonb('published_content'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by').references(() => userAccount.id),
    createdBy: uuid('created_by').references(() => userAccount.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('compliance_package_solution_year').on(t.solutionKey, t.year),
    check('compliance_package_status', sql`${t.status} in ('draft','published')`),
    check('compliance_package_year', sql`${t.year} between 2000 and 2100`),
  ],
);

/** How the package handles each data-subject right ("principper og rettigheder"). */
export const compliancePackageRight = pgTable(
  'compliance_package_right',
  {
    packageId: uuid('package_id')
      .notNull()
      .references(() => compliancePackage.id, { onDelete: 'cascade' }),
    rightKey: text('right_key').notNull(),
    handling: text('handling').notNull(),
  },
  (t) => [primaryKey({ columns: [t.packageId, t.rightKey] })],
);

// ---------------------------------------------------------------- Skema 1: the record of processing

/** A processing activity: one row of Skema 1 "Fortegnelse, principper og rettigheder". */
export const complianceActivity = pgTable(
  'compliance_activity',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    packageId: uuid('package_id')
      .notNull()
      .references(() => compliancePackage.id, { onDelete: 'cascade' }),
    /** Stable key across years ("B1"): a copied activity keeps it, so "what changed" can pair rows. */
    ref: text('ref').notNull(),
    name: text('name').notNull(),
    purpose: text('purpose').notNull().default(''),
    /** The national provision or other wording beside the chosen legal bases. */
    legalBasisNote: text('legal_basis_note').notNull().default(''),
    /** Recipients the data is or will be disclosed to. */
    recipients: text('recipients').notNull().default(''),
    /** Third countries or international organisations data is transferred to; '' = none. */
    thirdCountries: text('third_countries').notNull().default(''),
    /** transfer-basis choice key, when there are third-country transfers */
    transferBasisKey: text('transfer_basis_key'),
    /** retention choice key */
    retentionKey: text('retention_key'),
    /** When and how the data is deleted. */
    deletion: text('deletion').notNull().default(''),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [uniqueIndex('compliance_activity_ref').on(t.packageId, t.ref)],
);

export const complianceActivityLegalBasis = pgTable(
  'compliance_activity_legal_basis',
  {
    activityId: uuid('activity_id')
      .notNull()
      .references(() => complianceActivity.id, { onDelete: 'cascade' }),
    basisKey: text('basis_key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.basisKey] })],
);

export const complianceActivitySubject = pgTable(
  'compliance_activity_subject',
  {
    activityId: uuid('activity_id')
      .notNull()
      .references(() => complianceActivity.id, { onDelete: 'cascade' }),
    subjectKey: text('subject_key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.subjectKey] })],
);

export const complianceActivityData = pgTable(
  'compliance_activity_data',
  {
    activityId: uuid('activity_id')
      .notNull()
      .references(() => complianceActivity.id, { onDelete: 'cascade' }),
    dataKey: text('data_key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.dataKey] })],
);

/**
 * Column G (new in 2025): which personal-data categories concern which data-subject categories in
 * an activity. Both ends must be chosen on the activity; the composite keys make anything else
 * impossible.
 */
export const complianceColumnG = pgTable(
  'compliance_column_g',
  {
    activityId: uuid('activity_id').notNull(),
    dataKey: text('data_key').notNull(),
    subjectKey: text('subject_key').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.activityId, t.dataKey, t.subjectKey] }),
    foreignKey({ columns: [t.activityId, t.dataKey], foreignColumns: [complianceActivityData.activityId, complianceActivityData.dataKey] }).onDelete('cascade'),
    foreignKey({ columns: [t.activityId, t.subjectKey], foreignColumns: [complianceActivitySubject.activityId, complianceActivitySubject.subjectKey] }).onDelete('cascade'),
  ],
);

// ---------------------------------------------------------------- suppliers

export const supplierRoles = ['processor', 'sub-processor'] as const;
export type SupplierRole = (typeof supplierRoles)[number];

/** Supplier master data, shared by every package that lists the supplier. */
export const complianceSupplier = pgTable(
  'compliance_supplier',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    cvr: text('cvr').notNull().default(''),
    address: text('address').notNull().default(''),
    /** Who the contract is with (KOMBIT, or the processor for a sub-processor). */
    contractParty: text('contract_party').notNull().default(''),
    role: text('role', { enum: supplierRoles }).notNull().default('processor'),
    processingActivity: text('processing_activity').notNull().default(''),
    /** Where the data is processed (countries, data centres). */
    locations: text('locations').notNull().default(''),
    transferBasisKey: text('transfer_basis_key'),
    /** The supplier this one is a sub-processor of. */
    parentId: uuid('parent_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id] }),
    check('compliance_supplier_role', sql`${t.role} in ('processor','sub-processor')`),
    check('compliance_supplier_parent', sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
  ],
);

export const compliancePackageSupplier = pgTable(
  'compliance_package_supplier',
  {
    packageId: uuid('package_id')
      .notNull()
      .references(() => compliancePackage.id, { onDelete: 'cascade' }),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => complianceSupplier.id),
  },
  (t) => [primaryKey({ columns: [t.packageId, t.supplierId] }), index('compliance_package_supplier_supplier').on(t.supplierId)],
);

// ---------------------------------------------------------------- risks

export const riskTreatments = ['reduce', 'accept', 'avoid', 'transfer'] as const;
export type RiskTreatment = (typeof riskTreatments)[number];

/**
 * A risk for the data subjects. Levels are never stored: they are the scale's matrix cell of
 * (consequence, likelihood), looked up when shown, so a corrected scale shows everywhere at once.
 */
export const complianceRisk = pgTable(
  'compliance_risk',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    packageId: uuid('package_id')
      .notNull()
      .references(() => compliancePackage.id, { onDelete: 'cascade' }),
    /** Stable key across years ("R3"), as for activities. */
    ref: text('ref').notNull(),
    threat: text('threat').notNull(),
    /** The consequence for the data subjects, in words. */
    impact: text('impact').notNull().default(''),
    likelihood: integer('likelihood').notNull(),
    consequence: integer('consequence').notNull(),
    existingMeasures: text('existing_measures').notNull().default(''),
    residualLikelihood: integer('residual_likelihood').notNull(),
    residualConsequence: integer('residual_consequence').notNull(),
    treatment: text('treatment', { enum: riskTreatments }).notNull().default('reduce'),
    /** Why an accepted (or transferred/avoided) risk is left as it is. */
    rationale: text('rationale').notNull().default(''),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [
    uniqueIndex('compliance_risk_ref').on(t.packageId, t.ref),
    check('compliance_risk_treatment', sql`${t.treatment} in ('reduce','accept','avoid','transfer')`),
    check('compliance_risk_values', sql`least(${t.likelihood}, ${t.consequence}, ${t.residualLikelihood}, ${t.residualConsequence}) >= 1`),
  ],
);

/** A planned measure against a risk, with who owns it and by when. */
export const complianceRiskMeasure = pgTable(
  'compliance_risk_measure',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    riskId: uuid('risk_id')
      .notNull()
      .references(() => complianceRisk.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    owner: text('owner').notNull().default(''),
    deadline: date('deadline', { mode: 'string' }),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [index('compliance_risk_measure_risk').on(t.riskId)],
);

// ---------------------------------------------------------------- delivery to the municipalities

/**
 * A published package's delivery to one municipality: made for every municipality using the
 * solution when the package is published. Opening and acknowledging are the municipality's.
 */
export const compliancePackageTarget = pgTable(
  'compliance_package_target',
  {
    packageId: uuid('package_id')
      .notNull()
      .references(() => compliancePackage.id, { onDelete: 'cascade' }),
    municipalityCode: char('municipality_code', { length: 4 })
      .notNull()
      .references(() => municipality.code),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }).notNull().defaultNow(),
    firstOpenedAt: timestamp('first_opened_at', { withTimezone: true }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: uuid('acknowledged_by').references(() => person.id),
  },
  (t) => [primaryKey({ columns: [t.packageId, t.municipalityCode] }), index('compliance_package_target_municipality').on(t.municipalityCode)],
);

export const complianceAccessKinds = ['view', 'download'] as const;
export type ComplianceAccessKind = (typeof complianceAccessKinds)[number];

/** Every view and download of a municipality's package: who, when, which file. */
export const complianceAccess = pgTable(
  'compliance_access',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    packageId: uuid('package_id')
      .notNull()
      .references(() => compliancePackage.id, { onDelete: 'cascade' }),
    municipalityCode: char('municipality_code', { length: 4 })
      .notNull()
      .references(() => municipality.code),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    kind: text('kind', { enum: complianceAccessKinds }).notNull(),
    /** The file downloaded ("compliancepakke-2025-aula.xlsx"); '' for a view. */
    file: text('file').notNull().default(''),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('compliance_access_package_municipality').on(t.packageId, t.municipalityCode, t.at),
    check('compliance_access_kind', sql`${t.kind} in ('view','download')`),
  ],
);

// ---------------------------------------------------------------- the municipality's responses

export const riskResponses = ['accepted', 'own-measures', 'not-relevant'] as const;
export type RiskResponse = (typeof riskResponses)[number];

/** A municipality's response to one risk of a package it received. */
export const complianceRiskResponse = pgTable(
  'compliance_risk_response',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    packageId: uuid('package_id')
      .notNull()
      .references(() => compliancePackage.id, { onDelete: 'cascade' }),
    riskId: uuid('risk_id')
      .notNull()
      .references(() => complianceRisk.id, { onDelete: 'cascade' }),
    municipalityCode: char('municipality_code', { length: 4 })
      .notNull()
      .references(() => municipality.code),
    response: text('response', { enum: riskResponses }).notNull(),
    /** Why the risk is not relevant for the municipality (required then). */
    reason: text('reason').notNull().default(''),
    /** The municipality's own residual assessment after its own measures. */
    residualLikelihood: integer('residual_likelihood'),
    residualConsequence: integer('residual_consequence'),
    updatedBy: uuid('updated_by').references(() => person.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('compliance_risk_response_one').on(t.riskId, t.municipalityCode),
    index('compliance_risk_response_package').on(t.packageId, t.municipalityCode),
    check('compliance_risk_response_kind', sql`${t.response} in ('accepted','own-measures','not-relevant')`),
  ],
);

/** The municipality's own supplementary measures for a risk. */
export const complianceResponseMeasure = pgTable(
  'compliance_response_measure',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    responseId: uuid('response_id')
      .notNull()
      .references(() => complianceRiskResponse.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    owner: text('owner').notNull().default(''),
    deadline: date('deadline', { mode: 'string' }),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [index('compliance_response_measure_response').on(t.responseId)],
);

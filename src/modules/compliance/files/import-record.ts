import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { AppError, invalid } from '../../../platform/errors.ts';
import { fileSha256 } from '../../../platform/files/content-type.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { readKeyedWorkbook, SpreadsheetError, type KeyedSheet } from '../../../platform/spreadsheet/read.ts';
import { formatNumber, sameDanishText } from '../../../platform/views/format.ts';
import { loadChoices, type Choices } from '../choices.ts';
import { buildPackageContent, type ContentActivity } from '../content.ts';
import { loadPackage } from '../load-package.ts';
import { assertDraft } from '../policy.ts';
import {
  complianceActivity,
  complianceActivityData,
  complianceActivityLegalBasis,
  complianceActivitySubject,
  complianceColumnG,
  compliancePackage,
  type ComplianceChoiceList,
} from '../schema.ts';
import { COLUMN_G, columnGColumns, skema1Columns, SKEMA1 } from './sheets.ts';

/**
 * Skema 1 from a spreadsheet: the sheet "Skema 1" (and "Kolonne G", if the file has it) of the
 * package's own XLSX, or a CSV file with Skema 1's columns. Activities are matched by Ref.: a new
 * ref is added, a known one is updated, and activities the file does not mention are kept (the
 * import never deletes). Every row is checked first; a single bad row means nothing is written.
 */

export type ImportIssue = { sheet: string; row: number; column: string; message: string };
export type ActivityChange = 'ny' | 'ændret' | 'uændret';
export type RecordImportSummary = {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  /** activities in the package that the file does not mention (kept as they are) */
  kept: number;
  /** whether the file had a "Kolonne G" sheet (without one, the links of updated activities are kept where still possible) */
  columnG: boolean;
  activities: { ref: string; name: string; change: ActivityChange }[];
};

/** The whole validation report; the API gives it as fieldErrors `<ark>.<række>.<kolonne>`. */
export class RecordImportRejected extends AppError {
  constructor(readonly issues: ImportIssue[]) {
    const rows = new Set(issues.map((i) => `${i.sheet}:${i.row}`)).size;
    const fieldErrors: Record<string, string> = {};
    for (const i of issues) {
      const key = `${i.sheet}.${i.row}.${i.column}`;
      fieldErrors[key] = fieldErrors[key] ? `${fieldErrors[key]} ${i.message}` : i.message;
    }
    super(422, 'validation_failed', `Filen har fejl i ${formatNumber(rows)} ${rows === 1 ? 'række' : 'rækker'}. Intet er importeret; ret fejlene og prøv igen.`, fieldErrors);
  }
}

const MAX_ROWS = 2000;
const MAX_TEXT = 10_000;
const MAX_REF = 20;

type Planned = Omit<ContentActivity, 'id'> & { row: number };

/** A cell split into its values: one per line or separated by semicolons. */
const splitValues = (cell: string) =>
  cell
    .split(/[\n;]/)
    .map((v) => v.trim())
    .filter(Boolean);

type Columns = Map<string, number>;

/** Finds the known columns of a sheet: by the file's own key, else by header text or key, else by the listed key of the position. */
function resolveColumns(sheet: KeyedSheet, known: { key: string; header: string }[], issues: ImportIssue[]): Columns {
  const byKey = new Map(known.map((k) => [k.key.toLowerCase(), k.key]));
  const byHeader = (h: string) => known.find((k) => sameDanishText(k.header, h) || k.key.toLowerCase() === h.toLowerCase())?.key;
  const found: Columns = new Map();
  for (const c of sheet.columns) {
    const key = (c.namedKey && byKey.get(c.namedKey.toLowerCase())) || byHeader(c.header) || (c.listedKey && byKey.get(c.listedKey.toLowerCase())) || undefined;
    if (!key) continue;
    if (found.has(key)) {
      issues.push({ sheet: sheet.name || SKEMA1.name, row: 1, column: c.header, message: `Kolonnen «${known.find((k) => k.key === key)!.header}» står mere end én gang i arket.` });
      continue;
    }
    found.set(key, c.index);
  }
  return found;
}

function choiceFinder(choices: Choices) {
  return (list: ComplianceChoiceList, value: string) => choices[list].find((c) => c.key.toLowerCase() === value.toLowerCase() || sameDanishText(c.label, value))?.key;
}

const LIST_NOUN: Partial<Record<ComplianceChoiceList, string>> = {
  'legal-basis': 'retsgrundlag',
  'data-subject': 'kategori af registrerede',
  'personal-data': 'kategori af personoplysninger',
  retention: 'opbevaringsperiode',
  'transfer-basis': 'overførselsgrundlag',
};

/** Reads and checks the file against the choice lists; no database access beyond the lists. */
export function planImport(sheets: KeyedSheet[], choices: Choices): { planned: Planned[]; columnG: boolean } {
  const issues: ImportIssue[] = [];
  const find = choiceFinder(choices);
  const named = (n: string) => sheets.find((s) => sameDanishText(s.name, n));
  const skema = named(SKEMA1.name) ?? (sheets.length === 1 ? sheets[0] : undefined);
  if (!skema) throw invalid({ fil: 'Filen har intet ark, der hedder «Skema 1».' }, 'Filen har intet ark, der hedder «Skema 1». Hent pakkens XLSX som skabelon.');
  const sheetName = skema.name || SKEMA1.name;
  const known = skema1Columns(choices);
  const cols = resolveColumns(skema, known, issues);
  const missing = ['ref', 'name'].filter((k) => !cols.has(k)).map((k) => known.find((c) => c.key === k)!.header);
  if (missing.length > 0) {
    throw invalid({ fil: `Arket «${sheetName}» mangler kolonnen ${missing.map((m) => `«${m}»`).join(' og ')} i første række.` }, 'Filen mangler kolonner. Hent pakkens XLSX som skabelon.');
  }
  if (skema.rows.length > MAX_ROWS) throw invalid({ fil: `Arket må højst have ${formatNumber(MAX_ROWS)} rækker.` }, 'Filen er for stor.');
  const headerOf = (key: string) => known.find((c) => c.key === key)!.header;

  const planned: Planned[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of skema.rows) {
    const issue = (key: string, message: string) => issues.push({ sheet: sheetName, row: line, column: headerOf(key), message });
    const text = (key: string) => {
      const i = cols.get(key);
      const value = i === undefined ? '' : (cells[i] ?? '');
      // eslint-disable-next-line no-control-regex -- a NUL cannot be stored, and other control characters are never meant
      if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(value)) issue(key, 'Feltet indeholder et ugyldigt tegn.');
      else if (value.length > MAX_TEXT) issue(key, `Teksten er for lang (højst ${formatNumber(MAX_TEXT)} tegn).`);
      return value;
    };
    const many = (key: string, list: ComplianceChoiceList) =>
      splitValues(text(key)).flatMap((v) => {
        const k = find(list, v);
        if (!k) issue(key, `Ukendt ${LIST_NOUN[list]} «${v}».`);
        return k ? [k] : [];
      });
    const one = (key: string, list: ComplianceChoiceList) => {
      const values = splitValues(text(key));
      if (values.length > 1) issue(key, `Vælg én ${LIST_NOUN[list]}, ikke ${formatNumber(values.length)}.`);
      return values.length === 1 ? (many(key, list)[0] ?? null) : null;
    };
    const ref = text('ref');
    const name = text('name');
    if (!ref) issue('ref', 'Ref. mangler.');
    else if (ref.length > MAX_REF) issue('ref', `Ref. må højst være ${MAX_REF} tegn.`);
    else if (seen.has(ref.toLowerCase())) issue('ref', `Ref. «${ref}» står også i række ${seen.get(ref.toLowerCase())}.`);
    else seen.set(ref.toLowerCase(), line);
    if (!name) issue('name', 'Navnet på behandlingsaktiviteten mangler.');
    const personalData = [...known.filter((c) => c.key.startsWith('personalData.')).flatMap((c) => many(c.key, 'personal-data'))];
    const dataSubjects = many('dataSubjects', 'data-subject');
    planned.push({
      row: line,
      ref,
      name,
      purpose: text('purpose'),
      legalBases: [...new Set(many('legalBases', 'legal-basis'))].sort(),
      legalBasisNote: text('legalBasisNote'),
      dataSubjects: [...new Set(dataSubjects)].sort(),
      personalData: [...new Set(personalData)].sort(),
      columnG: [],
      recipients: text('recipients'),
      thirdCountries: text('thirdCountries'),
      transferBasis: one('transferBasis', 'transfer-basis'),
      retention: one('retention', 'retention'),
      deletion: text('deletion'),
    });
  }

  const g = named(COLUMN_G.name);
  if (g) {
    const gCols = resolveColumns(g, columnGColumns, issues);
    const gHeader = (key: string) => columnGColumns.find((c) => c.key === key)!.header;
    const absent = ['ref', 'personalData', 'dataSubject'].filter((k) => !gCols.has(k));
    if (absent.length > 0) throw invalid({ fil: `Arket «${COLUMN_G.name}» mangler kolonnen ${absent.map((k) => `«${gHeader(k)}»`).join(' og ')}.` }, 'Filen mangler kolonner.');
    const byRef = new Map<string, Planned>();
    // the first row of a ref: a later duplicate is already reported in Skema 1
    for (const p of planned) if (!byRef.has(p.ref.toLowerCase())) byRef.set(p.ref.toLowerCase(), p);
    const links = new Map<Planned, Map<string, Set<string>>>();
    for (const { line, cells } of g.rows) {
      const issue = (key: string, message: string) => issues.push({ sheet: COLUMN_G.name, row: line, column: gHeader(key), message });
      const cell = (key: string) => cells[gCols.get(key)!] ?? '';
      const activity = byRef.get(cell('ref').toLowerCase());
      if (!cell('ref')) issue('ref', 'Ref. mangler.');
      else if (!activity) issue('ref', `Ref. «${cell('ref')}» står ikke i arket «${sheetName}».`);
      const data = find('personal-data', cell('personalData'));
      const subject = find('data-subject', cell('dataSubject'));
      if (!data) issue('personalData', cell('personalData') ? `Ukendt kategori af personoplysninger «${cell('personalData')}».` : 'Personoplysningerne mangler.');
      if (!subject) issue('dataSubject', cell('dataSubject') ? `Ukendt kategori af registrerede «${cell('dataSubject')}».` : 'Kategorien af registrerede mangler.');
      if (!activity || !data || !subject) continue;
      if (!activity.personalData.includes(data)) issue('personalData', `«${cell('personalData')}» er ikke valgt som personoplysninger for ${activity.ref} i «${sheetName}».`);
      if (!activity.dataSubjects.includes(subject)) issue('dataSubject', `«${cell('dataSubject')}» er ikke valgt som registrerede for ${activity.ref} i «${sheetName}».`);
      const own = links.get(activity) ?? new Map<string, Set<string>>();
      own.set(data, (own.get(data) ?? new Set()).add(subject));
      links.set(activity, own);
    }
    for (const [activity, own] of links) {
      activity.columnG = [...own].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([personalData, subjects]) => ({ personalData, dataSubjects: [...subjects].sort() }));
    }
  }
  if (issues.length > 0) throw new RecordImportRejected(issues.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row : a.sheet === sheetName ? -1 : 1)));
  return { planned, columnG: Boolean(g) };
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i]);
const gKey = (g: ContentActivity['columnG']) => JSON.stringify(g);

/** Column G kept from the existing row, as far as both ends are still chosen. */
const keptLinks = (old: ContentActivity, next: Planned) =>
  old.columnG
    .filter((g) => next.personalData.includes(g.personalData))
    .map((g) => ({ personalData: g.personalData, dataSubjects: g.dataSubjects.filter((s) => next.dataSubjects.includes(s)) }))
    .filter((g) => g.dataSubjects.length > 0);

function sameActivity(a: ContentActivity, b: Planned): boolean {
  return (
    a.name === b.name &&
    a.purpose === b.purpose &&
    a.legalBasisNote === b.legalBasisNote &&
    a.recipients === b.recipients &&
    a.thirdCountries === b.thirdCountries &&
    a.transferBasis === b.transferBasis &&
    a.retention === b.retention &&
    a.deletion === b.deletion &&
    sameList(a.legalBases, b.legalBases) &&
    sameList(a.dataSubjects, b.dataSubjects) &&
    sameList(a.personalData, b.personalData) &&
    gKey(a.columnG) === gKey(b.columnG)
  );
}

async function readFile(file: Buffer): Promise<KeyedSheet[]> {
  try {
    return await readKeyedWorkbook(file, 'import');
  } catch (error) {
    if (error instanceof SpreadsheetError) throw invalid({ fil: error.message }, error.message);
    throw error;
  }
}

/**
 * Checks the file and, unless `dryRun`, writes it in one transaction with one audit entry. The
 * same file sent twice (a double click) is one request; sent again later it finds nothing to change.
 */
export async function importRecord(
  ctx: Ctx & { actor: Actor },
  packageId: string,
  file: Buffer,
  opts: { dryRun: boolean; clientKey?: string | undefined },
): Promise<RecordImportSummary> {
  const pkg = await loadPackage(ctx.db, ctx.actor, packageId, 'author');
  assertDraft(pkg.facts);
  const choices = await loadChoices(ctx.db);
  const { planned, columnG } = planImport(await readFile(file), choices);
  const identity = requestIdentity('compliance.record_import', ctx.actor.userId, opts.clientKey, { packageId: pkg.id, file: fileSha256(file), dryRun: opts.dryRun });
  return ctx.db.transaction(async (tx) => {
    const first = opts.dryRun ? null : await claimRequest<RecordImportSummary>(tx, identity, ctx.now);
    if (first) return first;
    // Under the package's row lock, so a publish or another import cannot interleave.
    const [locked] = await tx.select({ status: compliancePackage.status }).from(compliancePackage).where(eq(compliancePackage.id, pkg.id)).for('update');
    assertDraft(locked!);
    const existing = (await buildPackageContent(tx, pkg.id)).activities;
    const byRef = new Map(existing.map((a) => [a.ref, a]));
    const summary: RecordImportSummary = { dryRun: opts.dryRun, created: 0, updated: 0, unchanged: 0, kept: 0, columnG, activities: [] };
    const creates: Planned[] = [];
    const updates: { id: string; next: Planned }[] = [];
    for (const p of planned) {
      const old = byRef.get(p.ref);
      if (old && !columnG) p.columnG = keptLinks(old, p);
      const change: ActivityChange = !old ? 'ny' : sameActivity(old, p) ? 'uændret' : 'ændret';
      summary.activities.push({ ref: p.ref, name: p.name, change });
      if (change === 'ny') creates.push(p);
      else if (change === 'ændret') updates.push({ id: old!.id, next: p });
    }
    summary.created = creates.length;
    summary.updated = updates.length;
    summary.unchanged = planned.length - creates.length - updates.length;
    const inFile = new Set(planned.map((p) => p.ref));
    summary.kept = existing.filter((a) => !inFile.has(a.ref)).length;
    if (opts.dryRun) return summary;
    if (creates.length + updates.length > 0) {
      await write(tx, pkg.id, existing.length, creates, updates);
      await tx.update(compliancePackage).set({ updatedAt: ctx.now }).where(eq(compliancePackage.id, pkg.id));
      await recordAudit(tx, ctx, {
        action: 'compliance.record_imported',
        entityType: 'compliance_package',
        entityId: pkg.id,
        after: {
          created: creates.map((c) => c.ref),
          updated: updates.map((u) => u.next.ref),
          unchanged: summary.unchanged,
          kept: summary.kept,
          columnG,
        },
      });
    }
    return answerRequest(tx, identity, summary);
  });
}

const fields = (p: Planned) => ({
  ref: p.ref,
  name: p.name,
  purpose: p.purpose,
  legalBasisNote: p.legalBasisNote,
  recipients: p.recipients,
  thirdCountries: p.thirdCountries,
  transferBasisKey: p.transferBasis,
  retentionKey: p.retention,
  deletion: p.deletion,
});

/** Rows, then each child table in one statement; an updated activity's children are replaced whole. */
async function write(tx: Db, packageId: string, existingCount: number, creates: Planned[], updates: { id: string; next: Planned }[]) {
  const made =
    creates.length === 0
      ? []
      : await tx
          .insert(complianceActivity)
          .values(creates.map((p, i) => ({ packageId, ...fields(p), sort: existingCount + i + 1 })))
          .returning({ id: complianceActivity.id, ref: complianceActivity.ref });
  const idOf = new Map(made.map((m) => [m.ref, m.id]));
  for (const u of updates) await tx.update(complianceActivity).set(fields(u.next)).where(eq(complianceActivity.id, u.id));
  const changedIds = updates.map((u) => u.id);
  if (changedIds.length > 0) {
    await tx.delete(complianceColumnG).where(inArray(complianceColumnG.activityId, changedIds));
    await tx.delete(complianceActivityLegalBasis).where(inArray(complianceActivityLegalBasis.activityId, changedIds));
    await tx.delete(complianceActivityData).where(inArray(complianceActivityData.activityId, changedIds));
    await tx.delete(complianceActivitySubject).where(inArray(complianceActivitySubject.activityId, changedIds));
  }
  const all = [...creates.map((p) => ({ id: idOf.get(p.ref)!, p })), ...updates.map((u) => ({ id: u.id, p: u.next }))];
  const bases = all.flatMap(({ id, p }) => p.legalBases.map((basisKey) => ({ activityId: id, basisKey })));
  const subjects = all.flatMap(({ id, p }) => p.dataSubjects.map((subjectKey) => ({ activityId: id, subjectKey })));
  const data = all.flatMap(({ id, p }) => p.personalData.map((dataKey) => ({ activityId: id, dataKey })));
  const links = all.flatMap(({ id, p }) => p.columnG.flatMap((g) => g.dataSubjects.map((subjectKey) => ({ activityId: id, dataKey: g.personalData, subjectKey }))));
  if (bases.length > 0) await tx.insert(complianceActivityLegalBasis).values(bases);
  if (subjects.length > 0) await tx.insert(complianceActivitySubject).values(subjects);
  if (data.length > 0) await tx.insert(complianceActivityData).values(data);
  if (links.length > 0) await tx.insert(complianceColumnG).values(links);
}

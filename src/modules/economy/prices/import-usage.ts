import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { invalid, type FieldErrors } from '../../../platform/errors.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import { readUploadedTable, type Table } from '../../../platform/spreadsheet/read.ts';
import { formatNumber } from '../../../platform/views/format.ts';
import { authorizeEconomy } from '../policy.ts';
import { priceModel, priceUsage } from '../schema.ts';
import { assertYearOpen } from './assert-year-open.ts';
import { LIMITS } from './price-model-input.ts';
import { assertYearParam } from './solution-of.ts';
import { modelNotFound } from './update-price-model.ts';

export type UsageResult = { municipalities: number; changed: number };
type UsageRow = { code: string; quantity: number };

const CODE_HEADERS = ['kommunekode', 'kode', 'kommune'];
const COUNT_HEADERS = ['antal', 'forbrug'];

/** The multipart body holds the file under `fil`; CSV or XLSX is told by its bytes, so its name is not needed. */
export function uploadedUsageFile(body: unknown): { file: Buffer; filename: string } {
  const b = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const value = typeof b.fil === 'string' ? Buffer.from(b.fil, 'utf8') : b.fil;
  if (!Buffer.isBuffer(value) || value.length === 0) {
    throw invalid({ fil: 'Vælg en CSV- eller XLSX-fil med kolonnerne kommunekode og antal' }, 'Der er ikke valgt nogen fil, eller filen er tom.');
  }
  return { file: value, filename: 'forbrug' };
}

/** "101", "0101": a municipality code of the 98; a three-digit code is how spreadsheets drop the leading zero. */
const codeOf = (raw: string, known: ReadonlySet<string>) => {
  const code = /^\d{3,4}$/.test(raw) ? raw.padStart(4, '0') : undefined;
  return code && known.has(code) ? code : undefined;
};

/** "1.500", "1500": a count as Excel and people write it. */
const countOf = (raw: string): number | undefined => {
  if (!/^\d{1,3}(\.\d{3})+$|^\d+$/.test(raw)) return undefined;
  const n = Number(raw.replaceAll('.', ''));
  return Number.isSafeInteger(n) && n <= LIMITS.quantity ? n : undefined;
};

const countProblem = (raw: string) =>
  raw === '' ? 'Antallet mangler' : /^-/.test(raw) ? `Antallet "${raw}" kan ikke være negativt` : `Antallet "${raw}" skal være et helt tal fra 0 til ${formatNumber(LIMITS.quantity)}`;

function rowsOfTable(table: Table, known: ReadonlySet<string>): { rows: UsageRow[]; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const codeCol = CODE_HEADERS.find((h) => table.headers.includes(h));
  const countCol = COUNT_HEADERS.find((h) => table.headers.includes(h));
  if (!codeCol || !countCol) {
    errors.fil = 'Filen skal have kolonnerne kommunekode og antal, fx "kommunekode;antal" og "101;520000".';
    return { rows: [], errors };
  }
  if (table.rows.length === 0) errors.fil = 'Filen indeholder ingen kommuner.';
  const rows: UsageRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of table.rows) {
    const rawCode = values[codeCol] ?? '';
    const rawCount = values[countCol] ?? '';
    const problems: string[] = [];
    const code = codeOf(rawCode, known);
    if (!code) problems.push(rawCode === '' ? 'Kommunekoden mangler' : `Ukendt kommunekode "${rawCode}"`);
    const quantity = countOf(rawCount);
    if (quantity === undefined) problems.push(countProblem(rawCount));
    if (code && seen.has(code)) problems.push(`Kommune ${code} står også i linje ${seen.get(code)}`);
    if (code) seen.set(code, seen.get(code) ?? line);
    if (problems.length > 0) errors[`linje-${line}`] = problems.join('. ');
    else rows.push({ code: code!, quantity: quantity! });
  }
  return { rows, errors };
}

function rowsOfJson(body: unknown, known: ReadonlySet<string>): { rows: UsageRow[]; errors: FieldErrors } {
  const list = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>).usage : undefined;
  if (!Array.isArray(list)) return { rows: [], errors: { usage: 'Send forbruget som en liste: {"usage":[{"code":"0101","quantity":520000}]}' } };
  const errors: FieldErrors = {};
  const rows: UsageRow[] = [];
  const seen = new Set<string>();
  list.forEach((item: unknown, i) => {
    const r = item && typeof item === 'object' && !Array.isArray(item) ? (item as Record<string, unknown>) : {};
    const code = typeof r.code === 'string' ? codeOf(r.code.trim(), known) : undefined;
    if (!code) errors[`usage.${i}.code`] = typeof r.code === 'string' && r.code.trim() ? `Ukendt kommunekode "${r.code.trim()}"` : 'Kommunekoden mangler';
    else if (seen.has(code)) errors[`usage.${i}.code`] = `Kommune ${code} står flere gange`;
    const q = r.quantity;
    const quantity = typeof q === 'number' && Number.isSafeInteger(q) && q >= 0 && q <= LIMITS.quantity ? q : undefined;
    if (quantity === undefined) errors[`usage.${i}.quantity`] = typeof q === 'number' && q < 0 ? 'Antallet kan ikke være negativt' : `Antallet skal være et helt tal fra 0 til ${formatNumber(LIMITS.quantity)}`;
    if (code) seen.add(code);
    if (code && quantity !== undefined) rows.push({ code, quantity });
  });
  return { rows, errors };
}

/**
 * Replaces a usage model's counts with the given ones: a municipality left out used none. The whole
 * list is checked first and a single bad line changes nothing. Counts equal to the stored ones are
 * not touched, so the same file twice changes and logs nothing the second time.
 */
async function replaceUsage(
  ctx: Ctx & { actor: Actor },
  year: number,
  id: string,
  parse: (known: ReadonlySet<string>) => Promise<{ rows: UsageRow[]; errors: FieldErrors }>,
  badMessage: (n: number) => string,
): Promise<UsageResult> {
  authorizeEconomy(ctx.actor, 'edit');
  assertYearParam(year);
  const [m] = await ctx.db.select({ kind: priceModel.kind }).from(priceModel).where(and(eq(priceModel.id, id), eq(priceModel.year, year)));
  if (!m) throw modelNotFound();
  await assertYearOpen(ctx.db, year);
  if (m.kind !== 'usage') throw invalid({ kind: 'Prismodellen beregnes ikke efter forbrug.' }, 'Kun en prismodel af typen «Forbrug × enhedspris» har forbrug pr. kommune.');
  const known = new Set((await ctx.db.select({ code: municipality.code }).from(municipality)).map((r) => r.code));
  const { rows, errors } = await parse(known);
  const bad = Object.keys(errors).length;
  if (bad > 0) throw invalid(errors, errors.fil ?? errors.usage ?? badMessage(bad));

  return ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select({ id: priceModel.id }).from(priceModel).where(eq(priceModel.id, id)).for('update');
    if (!locked) throw modelNotFound();
    await assertYearOpen(tx, year);
    const stored = await tx.select({ code: priceUsage.municipalityCode, quantity: priceUsage.quantity }).from(priceUsage).where(eq(priceUsage.priceModelId, id));
    const was = new Map(stored.map((s) => [s.code, s.quantity]));
    const now = new Map(rows.filter((r) => r.quantity > 0).map((r) => [r.code, r.quantity]));
    const codes = [...new Set([...was.keys(), ...now.keys()])].sort();
    const changedCodes = codes.filter((c) => was.get(c) !== now.get(c));
    if (changedCodes.length === 0) return { municipalities: now.size, changed: 0 };
    await tx.delete(priceUsage).where(eq(priceUsage.priceModelId, id));
    if (now.size > 0) await tx.insert(priceUsage).values([...now].map(([municipalityCode, quantity]) => ({ priceModelId: id, municipalityCode, quantity })));
    const pick = (m: Map<string, number>) => Object.fromEntries(changedCodes.map((c) => [c, m.get(c) ?? 0]));
    await recordAudit(tx, ctx, {
      action: 'economy.usage_imported',
      entityType: 'price_model',
      entityId: id,
      before: pick(was),
      after: { year, municipalities: now.size, changed: changedCodes.length, counts: pick(now) },
    });
    return { municipalities: now.size, changed: changedCodes.length };
  });
}

/** A CSV or XLSX file with the columns kommunekode and antal; errors per line (`linje-7`). */
export function importUsageFile(ctx: Ctx & { actor: Actor }, year: number, id: string, file: Buffer, filename: string): Promise<UsageResult> {
  return replaceUsage(
    ctx,
    year,
    id,
    async (known) => rowsOfTable(await readUploadedTable(file, filename), known),
    (n) => `Filen har fejl i ${n} ${n === 1 ? 'linje' : 'linjer'}; intet forbrug er ændret.`,
  );
}

/** The API's `{ usage: [{ code, quantity }] }`; errors per entry (`usage.3.code`). */
export function setUsage(ctx: Ctx & { actor: Actor }, year: number, id: string, body: unknown): Promise<UsageResult> {
  return replaceUsage(
    ctx,
    year,
    id,
    async (known) => rowsOfJson(body, known),
    (n) => `Forbruget har fejl i ${n} ${n === 1 ? 'linje' : 'linjer'}; intet forbrug er ændret.`,
  );
}

import type { Actor, Ctx } from '../../../platform/context.ts';
import { invalid } from '../../../platform/errors.ts';
import { fileSha256 } from '../../../platform/files/content-type.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { readKeyedWorkbook, SpreadsheetError, type KeyedSheet } from '../../../platform/spreadsheet/read.ts';
import { danishDay } from '../../../platform/views/format.ts';
import { applyConfigChanges } from '../apply-changes.ts';
import { loadConfiguration } from '../load-configuration.ts';
import { authorizeBorgerblikketMunicipality } from '../policy.ts';
import { checkRows, settingsSheet, type RowChange } from './check-rows.ts';
import { loadPlanNumbers, municipalityName } from './load-workbook-data.ts';

export type WorkbookImportSummary = {
  dryRun: boolean;
  /** The saved change (its history entry); null when nothing changed or on a dry run. */
  changeId: string | null;
  created: number;
  updated: number;
  removed: number;
  unchanged: number;
  /** Entries of numbers the file does not mention: kept as they are. */
  kept: number;
  rows: { row: number; kle: string; change: RowChange }[];
};

export const MAX_REASON = 2000;

/**
 * The file and the reason a change needs ("Hvorfor?"), checked together so a form missing both
 * says both at once. A dry run needs no reason.
 */
function checkUpload(upload: { file: unknown; reason: unknown }, reasonRequired: boolean): { file: Buffer; reason: string } {
  const errors: Record<string, string> = {};
  const file = Buffer.isBuffer(upload.file) && upload.file.length > 0 ? upload.file : null;
  if (!file) errors.fil = 'Vælg en XLSX- eller CSV-fil med opsætningen';
  const reason = typeof upload.reason === 'string' ? upload.reason.trim() : '';
  if (reasonRequired && reason === '') errors.reason = 'Skriv, hvorfor opsætningen ændres';
  else if (reason.length > MAX_REASON) errors.reason = `Begrundelsen må højst være ${MAX_REASON} tegn`;
  if (!file || errors.reason) throw invalid(errors);
  return { file, reason };
}

async function readSheets(file: Buffer, filename: string): Promise<KeyedSheet[]> {
  try {
    return await readKeyedWorkbook(file, filename);
  } catch (error) {
    if (error instanceof SpreadsheetError) throw invalid({ fil: error.message }, error.message);
    throw error;
  }
}

/**
 * A municipality's configuration from its workbook (the sheet «Opsætning» of the export, or a CSV
 * file with its columns). Each row becomes its number's entry: a blank cell is inherited, a row
 * whose settings are all blank removes the number's entry, numbers the file leaves out keep theirs.
 * Every row is checked first; one bad row and nothing changes. Otherwise the rows are one change
 * (kind `import`) through applyConfigChanges, with its history and audit, under one request key:
 * the same file posted twice is one request, and a file that changes nothing writes nothing.
 */
export async function importConfiguration(
  ctx: Ctx & { actor: Actor },
  code: string,
  upload: { file: unknown; reason: unknown },
  opts: { dryRun: boolean; clientKey?: string | undefined },
): Promise<WorkbookImportSummary> {
  authorizeBorgerblikketMunicipality(ctx.actor, code, 'edit');
  await municipalityName(ctx.db, code);
  const { file, reason } = checkUpload(upload, !opts.dryRun);
  // No file name comes with the form's file: XLSX is told from its bytes, anything else is read as CSV.
  const sheet = settingsSheet(await readSheets(file, 'opsaetning'));
  const today = danishDay(ctx.now);
  const identity = requestIdentity('borgerblikket.configuration_import', ctx.actor.userId, opts.clientKey, { code, file: fileSha256(file), reason, dryRun: opts.dryRun });
  return ctx.db.transaction(async (tx) => {
    const first = opts.dryRun ? null : await claimRequest<WorkbookImportSummary>(tx, identity, ctx.now);
    if (first) return first;
    const plan = await loadPlanNumbers(tx);
    const current = await loadConfiguration(tx, code);
    const rows = checkRows(sheet, new Map(plan.map((p) => [p.number, p])), current, today);
    const count = (c: RowChange) => rows.filter((r) => r.change === c).length;
    const mentioned = new Set(rows.map((r) => r.kle));
    const summary: WorkbookImportSummary = {
      dryRun: opts.dryRun,
      changeId: null,
      created: count('ny'),
      updated: count('ændret'),
      removed: count('fjernet'),
      unchanged: count('uændret'),
      kept: [...current.keys()].filter((k) => !mentioned.has(k)).length,
      rows: rows.map((r) => ({ row: r.row, kle: r.kle, change: r.change })),
    };
    if (opts.dryRun) return summary;
    const changed = rows.filter((r) => r.change !== 'uændret');
    if (changed.length > 0) {
      const applied = await applyConfigChanges(tx, ctx, code, { kind: 'import', reason, entries: changed.map((r) => ({ kle: r.kle, settings: r.settings })) });
      summary.changeId = applied.changeId;
    }
    return answerRequest(tx, identity, summary);
  });
}

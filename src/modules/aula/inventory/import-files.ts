import type { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { rawRows } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import { isCentralEditor, type Actor, type Ctx } from '../../../platform/context.ts';
import { forbidden, invalid, type FieldErrors } from '../../../platform/errors.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import { formatNumber } from '../../../platform/views/format.ts';
import { isAulaKeeper } from '../policy.ts';
import { importSink } from './import-sink.ts';
import { parseAulaFiles } from './parse-files.ts';

export type AulaFilesImportResult = {
  municipalities: { code: string; files: number; institutions: number }[];
  /** Files of the imported municipalities that were not in the file, now gone. */
  removed: number;
  /** Data lines read (the header not counted). */
  lines: number;
};

/** A file with thousands of bad lines is one mistake; the first hundred say what it is. */
const MAX_ERRORS = 100;

/** Central administrators and consultants import for every municipality; a municipality's Aula keepers for their own only. */
export function aulaImportScope(actor: Actor | null): 'all' | string {
  if (actor === null) return 'all';
  if (isCentralEditor(actor)) return 'all';
  if (actor.municipalityCode && isAulaKeeper(actor, actor.municipalityCode)) return actor.municipalityCode;
  throw forbidden('Kun KOMBITs administratorer og konsulenter og kommunens systemansvarlige for Aula og programlederen kan indlæse filoversigten.');
}

/**
 * Imports the secure-file inventory: each municipality in the file gets exactly the file's files
 * (its files not in the file are removed); institutions are added or renamed. From the command
 * line the actor is null: whoever runs the CLI already has the server.
 *
 * One streaming pass inside one transaction: every valid line goes in batches into a temporary
 * table, every bad line is counted (the first 100 kept), and one bad line rolls everything back.
 * Chosen over two passes (validate, then write) because the source is read once — an upload's bytes
 * or a file on disk that could change between passes — and because the temporary table lets the
 * database do the rest as set operations: duplicate file ids, the files to remove, the upserts, the
 * counts. Memory holds one batch or the COPY stream's buffer, never the file (import-sink.ts).
 */
export async function importAulaFiles(ctx: Ctx, input: Readable): Promise<AulaFilesImportResult> {
  const scope = aulaImportScope(ctx.actor);
  const known = new Set((await ctx.db.select({ code: municipality.code }).from(municipality)).map((m) => m.code));
  return ctx.db.transaction(async (tx) => {
      await tx.execute(sql.raw(`create temporary table aula_file_import (
        line int not null, municipality_code char(4) not null, file_id text not null, institution_number text not null,
        institution_name text not null, category text not null, created_on date not null, trigger_on date,
        journalised boolean not null, esdh_reference text) on commit drop`));

      const errors: FieldErrors = {};
      let bad = 0;
      let lines = 0;
      const sink = importSink(tx, 'aula_file_import');
      const fail = (line: number, message: string) => {
        bad++;
        if (bad <= MAX_ERRORS) errors[`linje-${line}`] = message;
      };
      try {
        for await (const parsed of parseAulaFiles(input, known)) {
          if ('error' in parsed) {
            if (parsed.line === 1) throw invalid({ fil: parsed.error }, `${parsed.error}.`);
            lines++;
            fail(parsed.line, parsed.error);
            continue;
          }
          lines++;
          if (scope !== 'all' && parsed.row.municipalityCode !== scope) {
            fail(parsed.line, 'Filen indeholder linjer for en anden kommune');
            continue;
          }
          // After the first bad line nothing will be kept: keep reading only to report the others.
          if (bad > 0) continue;
          await sink.add(parsed.line, parsed.row);
        }
      } catch (error) {
        sink.abort();
        throw error;
      }
      // Ended even after a bad line: an open COPY would leave the connection unusable for the rollback.
      await sink.end();
      if (bad === 0 && lines === 0) throw invalid({ fil: 'Filen indeholder ingen filer' }, 'Filen indeholder ingen filer; intet er ændret.');

      if (bad === 0) {
        const duplicates = await rawRows<{ line: number; fileId: string; first: number }>(
          tx,
          // The repeated ids first, by hashing (no sort of every line), then only their lines.
          sql`with repeated as (
                select municipality_code, file_id from aula_file_import group by 1, 2 having count(*) > 1 limit ${MAX_ERRORS})
              select line, file_id as "fileId", first from (
                select i.line, i.file_id, min(i.line) over (partition by i.municipality_code, i.file_id) as first
                from aula_file_import i join repeated r using (municipality_code, file_id)
              ) d where line <> first order by line limit ${MAX_ERRORS}`,
        );
        for (const d of duplicates) fail(d.line, `Fil-id "${d.fileId}" står også i linje ${d.first}`);
      }
      if (bad > 0) {
        throw invalid(errors, `Filen har fejl i ${formatNumber(bad)} ${bad === 1 ? 'linje' : 'linjer'}${bad > MAX_ERRORS ? ` (de første ${MAX_ERRORS} vises)` : ''}; filoversigten er ikke ændret.`);
      }

      await tx.execute(sql`analyze aula_file_import`);
      const municipalities = await rawRows<{ code: string; files: number; institutions: number }>(
        tx,
        sql`select municipality_code as code, count(*)::int as files, count(distinct institution_number)::int as institutions
            from aula_file_import group by municipality_code order by municipality_code`,
      );
      await tx.execute(sql`
        insert into aula_institution (municipality_code, number, name)
        select distinct on (municipality_code, institution_number) municipality_code, institution_number, institution_name
        from aula_file_import order by municipality_code, institution_number, line desc
        on conflict (municipality_code, number) do update set name = excluded.name where aula_institution.name <> excluded.name`);
      const [gone] = await rawRows<{ n: number }>(
        tx,
        sql`with d as (
              delete from aula_secure_file f
              where f.municipality_code in (select distinct municipality_code from aula_file_import)
                and not exists (select 1 from aula_file_import i where i.municipality_code = f.municipality_code and i.file_id = f.file_id)
              returning 1)
            select count(*)::int as n from d`,
      );
      // In the primary key's order, so the index grows at its end instead of page by random page,
      // and an unchanged file is left alone: a monthly re-import of two million files writes only what changed.
      await tx.execute(sql`
        insert into aula_secure_file (municipality_code, file_id, institution_number, category, created_on, trigger_on, journalised, esdh_reference)
        select municipality_code, file_id, institution_number, category, created_on, trigger_on, journalised, esdh_reference from aula_file_import
        order by municipality_code, file_id
        on conflict (municipality_code, file_id) do update set
          institution_number = excluded.institution_number, category = excluded.category, created_on = excluded.created_on,
          trigger_on = excluded.trigger_on, journalised = excluded.journalised, esdh_reference = excluded.esdh_reference
        where (aula_secure_file.institution_number, aula_secure_file.category, aula_secure_file.created_on, aula_secure_file.trigger_on,
               aula_secure_file.journalised, aula_secure_file.esdh_reference)
          is distinct from (excluded.institution_number, excluded.category, excluded.created_on, excluded.trigger_on, excluded.journalised, excluded.esdh_reference)`);
      const removed = gone?.n ?? 0;
      await recordAudit(tx, ctx, {
        action: 'aula.files_imported',
        entityType: 'aula_secure_file',
        entityId: municipalities.map((m) => m.code).join(', ').slice(0, 500),
        // Counts only: the audit log never holds the file's content.
        after: { lines, removed, municipalities },
      });
      return { municipalities, removed, lines };
    });
}

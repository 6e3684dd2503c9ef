import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';
import { postgresClientOf, type Db } from '../../../db/client.ts';
import type { AulaFileRow } from './parse-files.ts';

/** Where the import's valid lines go on their way into the temporary table. */
export type ImportSink = { add(line: number, row: AulaFileRow): Promise<void>; end(): Promise<void>; abort(): void };

/** Rows per INSERT: 5,000 × 10 parameters stays below PostgreSQL's 65,535 parameters per statement. */
const BATCH = 5_000;

/**
 * On PostgreSQL the rows are streamed with COPY FROM STDIN, several times faster than INSERTs and
 * with the stream's backpressure bounding memory; the embedded engine has no COPY from a stream, so
 * there they go as multi-row INSERTs of one batch at a time.
 */
export function importSink(tx: Db, table: string): ImportSink {
  const client = postgresClientOf(tx);
  return client ? copySink(client, table) : insertSink(tx, table);
}

function insertSink(tx: Db, table: string): ImportSink {
  let batch: { line: number; row: AulaFileRow }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const values = batch.map(
      ({ line, row: r }) =>
        sql`(${line}, ${r.municipalityCode}, ${r.fileId}, ${r.institutionNumber}, ${r.institutionName}, ${r.category}, ${r.createdOn}::date, ${r.triggerOn}::date, ${r.journalised}, ${r.esdhReference})`,
    );
    batch = [];
    await tx.execute(sql`insert into ${sql.identifier(table)} values ${sql.join(values, sql`, `)}`);
  };
  return {
    async add(line, row) {
      batch.push({ line, row });
      if (batch.length >= BATCH) await flush();
    },
    end: flush,
    abort() {
      batch = [];
    },
  };
}

/** COPY's text format: a tab between fields, \N for null, and backslash, tab and line breaks escaped. */
const field = (v: string | null): string => (v === null ? '\\N' : v.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!));

const CHUNK = 64 * 1024;

function copySink(client: NonNullable<ReturnType<typeof postgresClientOf>>, table: string): ImportSink {
  // Started at the first row: a file refused at its header never opens a COPY.
  let stream: CopyStreamQuery | null = null;
  // An error the server sends back (a bad value) surfaces at the next write or at end.
  let failure: unknown = null;
  let pending = '';
  return {
    async add(line, r) {
      if (failure) throw failure;
      if (!stream) {
        stream = client.query(copyFrom(`copy ${table} from stdin`));
        stream.on('error', (e) => (failure = e));
      }
      pending += [String(line), r.municipalityCode, r.fileId, r.institutionNumber, r.institutionName, r.category, r.createdOn, r.triggerOn, r.journalised ? 't' : 'f', r.esdhReference].map(field).join('\t') + '\n';
      // Each write is a message to the server: lines go in chunks of about 64 kB, not one by one.
      if (pending.length < CHUNK) return;
      const chunk = pending;
      pending = '';
      // once() rejects on the stream's error too, and leaves no listener behind.
      if (!stream.write(chunk)) await once(stream, 'drain');
    },
    async end() {
      if (failure) throw failure;
      if (!stream) return;
      if (pending !== '') stream.write(pending);
      pending = '';
      stream.end();
      await finished(stream);
    },
    abort() {
      // CopyFail: the server ends the COPY, so the transaction's rollback can run on this connection.
      if (stream && !stream.destroyed) stream.destroy(new Error('Indlæsningen blev afbrudt'));
    },
  };
}

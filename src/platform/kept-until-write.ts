import { embeddedWrites, type Db } from '../db/client.ts';

/**
 * A read that is kept until the next data-changing statement, on the embedded database only.
 *
 * PGlite runs the database in the server's own thread, so a heavy read (the agreements matrix's
 * 5,880 statuses, 14 ms) holds up every other request; the same read on PostgreSQL runs beside
 * them and is not kept. The count of writes is read before the read runs: PGlite serialises
 * statements and runs a transaction exclusively, so a write logged before the read is in it, and
 * one logged after it moves the count and the next caller reads afresh. The kept value is shared:
 * callers must not change it.
 */
const kept = new WeakMap<Db, Map<string, { writes: number; value: unknown }>>();
/** Distinct reads kept per database at most (e.g. the matrix per agreement type); then start over. */
const MAX_KEPT = 100;

export async function keptUntilWrite<T>(db: Db, key: string, read: () => Promise<T>): Promise<T> {
  const writes = embeddedWrites(db);
  if (writes === null) return read();
  let reads = kept.get(db);
  if (!reads) kept.set(db, (reads = new Map()));
  const hit = reads.get(key);
  if (hit && hit.writes === writes) return hit.value as T;
  const value = await read();
  if (reads.size >= MAX_KEPT) reads.clear();
  reads.set(key, { writes, value });
  return value;
}

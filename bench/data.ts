import { and, eq, isNull, sql } from 'drizzle-orm';
import { rawRows, type Db } from '../src/db/client.ts';
import { referenceMunicipalities } from '../src/db/reference/municipalities.ts';
import { solutions } from '../src/db/reference/solutions.ts';
import { person, roleAssignment } from '../src/db/schema.ts';

/** Per-solution roles that the bench fills for every municipality and every solution. */
const ROLES = ['systemansvarlig', 'superbruger'] as const;
const TITLES = ['IT-konsulent', 'Fagkoordinator', 'Systemkonsulent', 'Teamleder', 'Specialist', 'Sagsbehandler'];
const CHUNK = 1000;

/** Small deterministic PRNG, so every run loads the same volume. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/**
 * Realistic volume on top of the demo seed: every municipality gets a pool of staff, and for every
 * solution 1–3 system owners and 1–3 super users from that pool, one of each primary (unless the
 * demo seed already made someone primary there). Bulk inserts in one transaction.
 */
export async function addVolume(db: Db, opts: { peoplePerMunicipality?: number; seed?: number } = {}) {
  const poolSize = opts.peoplePerMunicipality ?? 12;
  const random = mulberry32(opts.seed ?? 20_240_601);
  const pick = (n: number) => Math.floor(random() * n);
  const municipalities = referenceMunicipalities();

  return db.transaction(async (tx) => {
    const existingPrimaries = await tx
      .select({ code: roleAssignment.municipalityCode, role: roleAssignment.roleTypeKey, solution: roleAssignment.solutionKey })
      .from(roleAssignment)
      .where(and(eq(roleAssignment.isPrimary, true), isNull(roleAssignment.removedAt)));
    const hasPrimary = new Set(existingPrimaries.map((p) => `${p.code}|${p.role}|${p.solution}`));

    const people: (typeof person.$inferInsert)[] = [];
    for (const m of municipalities) {
      for (let i = 1; i <= poolSize; i++) {
        people.push({
          municipalityCode: m.code,
          name: `Medarbejder ${i} ${m.name}`,
          email: `bench-${m.code}-${i}@samspil.demo`,
          title: TITLES[pick(TITLES.length)]!,
          phone: `+45 ${String(20_000_000 + pick(79_999_999)).replace(/(\d\d)(?=\d)/g, '$1 ')}`,
        });
      }
    }
    const inserted: { id: string; municipalityCode: string | null }[] = [];
    await insertChunked(people, async (chunk) => {
      inserted.push(...(await tx.insert(person).values(chunk).returning({ id: person.id, municipalityCode: person.municipalityCode })));
    });
    const pools = new Map<string, string[]>();
    for (const p of inserted) pools.set(p.municipalityCode!, [...(pools.get(p.municipalityCode!) ?? []), p.id]);

    const assignments: (typeof roleAssignment.$inferInsert)[] = [];
    for (const m of municipalities) {
      const pool = pools.get(m.code)!;
      for (const s of solutions) {
        for (const role of ROLES) {
          const holders = [...pool].sort(() => random() - 0.5).slice(0, 1 + pick(3));
          holders.forEach((personId, i) => {
            const isPrimary = i === 0 && !hasPrimary.has(`${m.code}|${role}|${s.key}`);
            assignments.push({ personId, municipalityCode: m.code, roleTypeKey: role, solutionKey: s.key, isPrimary });
          });
        }
      }
    }
    await insertChunked(assignments, (chunk) => tx.insert(roleAssignment).values(chunk));
    return { people: inserted.length, assignments: assignments.length };
  });
}

const TABLES = [
  'municipality',
  'person',
  'user_account',
  'role_assignment',
  'session',
  'api_token',
  'audit_event',
  'outbox_mail',
  'project',
  'task',
  'task_step',
  'task_target',
  'step_answer',
  'task_message',
  'task_deadline_change',
] as const;

/** Row count of every application table that the bench touches. */
export async function countRows(db: Db): Promise<Record<string, number>> {
  const select = TABLES.map((t) => `(select count(*)::int from ${t}) as ${t}`).join(', ');
  const [row] = await rawRows<Record<string, number>>(db, sql.raw(`select ${select}`));
  return Object.fromEntries(TABLES.map((t) => [t, Number(row?.[t] ?? 0)]));
}

/** Size of the database on disk (pg_database_size; PGlite answers it too), or null if the engine will not say. */
export async function databaseBytes(db: Db): Promise<number | null> {
  try {
    const [row] = await rawRows<{ bytes: number }>(db, sql`select pg_database_size(current_database())::bigint as bytes`);
    return row ? Number(row.bytes) : null;
  } catch {
    return null;
  }
}

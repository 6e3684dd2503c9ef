import { and, isNull, like } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { task } from '../schema.ts';

/**
 * The next free code of a series of central tasks that another module creates ("KLIK - AULA SLET
 * 03", "KLIK - BB VURDERING 02"): the highest number used after the prefix plus one, in one statement.
 */
export async function nextTaskCode(db: Db, prefix: string): Promise<string> {
  const used = await db
    .select({ code: task.code })
    .from(task)
    .where(and(like(task.code, `${prefix} %`), isNull(task.localMunicipalityCode)));
  const highest = Math.max(0, ...used.map((u) => Number(/(\d+)$/.exec(u.code)?.[1] ?? 0)));
  return `${prefix} ${String(highest + 1).padStart(2, '0')}`;
}

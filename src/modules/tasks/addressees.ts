import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { person, roleAssignment, userAccount } from '../../platform/identity/schema.ts';
import type { TaskRow } from './load-task.ts';
import { taskTarget, type TargetStatus } from './schema.ts';
import { danishCompare } from '../../platform/views/format.ts';

/** Grouped by municipality, each group's people in Danish alphabetical order. */
const byMunicipalityThenName = (a: { municipalityCode: string; name: string }, b: { municipalityCode: string; name: string }) =>
  a.municipalityCode === b.municipalityCode ? danishCompare(a.name, b.name) : a.municipalityCode < b.municipalityCode ? -1 : 1;

export type Recipient = {
  municipalityCode: string;
  personId: string;
  name: string;
  email: string;
  /** null when the person has no login; such people get single mails */
  userId: string | null;
  digestMode: string | null;
  /** 'addressee' holds the task's role; 'programleder' is copied on overdue reminders */
  as: 'addressee' | 'programleder';
};

type Audience = Pick<TaskRow, 'id' | 'audienceRoleKey' | 'audienceSolutionKey' | 'audiencePrimaryOnly'>;

/**
 * Everyone in the role gallery who holds the task's audience role in the addressed
 * municipalities, optionally only where the municipality's status is one of `statuses`
 * (reminders go to the missing only). One query for all municipalities.
 */
export async function taskRecipients(
  db: Db,
  t: Audience,
  opts: { statuses?: TargetStatus[]; municipalityCodes?: string[]; includeProgramLeaders?: boolean } = {},
): Promise<Recipient[]> {
  const roleMatch: SQL[] = [];
  if (t.audienceRoleKey) {
    const conds = [eq(roleAssignment.roleTypeKey, t.audienceRoleKey)];
    if (t.audienceSolutionKey) conds.push(eq(roleAssignment.solutionKey, t.audienceSolutionKey));
    if (t.audiencePrimaryOnly) conds.push(eq(roleAssignment.isPrimary, true));
    roleMatch.push(and(...conds)!);
  }
  if (opts.includeProgramLeaders) roleMatch.push(eq(roleAssignment.roleTypeKey, 'programleder'));
  if (roleMatch.length === 0) return [];
  const where: (SQL | undefined)[] = [
    eq(taskTarget.taskId, t.id),
    isNull(roleAssignment.removedAt),
    eq(person.active, true),
    sql`(${sql.join(roleMatch, sql` or `)})`,
  ];
  if (opts.statuses) where.push(inArray(taskTarget.status, opts.statuses));
  if (opts.municipalityCodes) where.push(inArray(taskTarget.municipalityCode, opts.municipalityCodes));
  const rows = await db
    .selectDistinct({
      municipalityCode: taskTarget.municipalityCode,
      personId: person.id,
      name: person.name,
      email: person.email,
      userId: userAccount.id,
      digestMode: userAccount.digestMode,
      roleTypeKey: roleAssignment.roleTypeKey,
    })
    .from(taskTarget)
    .innerJoin(roleAssignment, eq(roleAssignment.municipalityCode, taskTarget.municipalityCode))
    .innerJoin(person, eq(person.id, roleAssignment.personId))
    .leftJoin(userAccount, and(eq(userAccount.personId, person.id), eq(userAccount.disabled, false)))
    .where(and(...where))
    .orderBy(taskTarget.municipalityCode);
  // One person may hold both the audience role and programleder: they get one mail, as addressee.
  const byPerson = new Map<string, Recipient>();
  for (const r of rows) {
    const as = r.roleTypeKey === t.audienceRoleKey ? 'addressee' : 'programleder';
    const key = `${r.municipalityCode}|${r.personId}`;
    const prior = byPerson.get(key);
    if (!prior || (prior.as === 'programleder' && as === 'addressee')) {
      byPerson.set(key, { municipalityCode: r.municipalityCode, personId: r.personId, name: r.name, email: r.email, userId: r.userId, digestMode: r.digestMode, as });
    }
  }
  return [...byPerson.values()].sort(byMunicipalityThenName);
}

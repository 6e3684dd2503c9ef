import { and, eq } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { municipality } from '../../src/platform/identity/schema.ts';
import { task, taskStep, taskTarget, type AnswerKind, type TaskStatus } from '../../src/modules/tasks/schema.ts';

let seq = 0;

export type BuildTask = {
  code?: string;
  title?: string;
  status?: TaskStatus;
  deadline?: string;
  audienceRoleKey?: string;
  audienceSolutionKey?: string | null;
  audiencePrimaryOnly?: boolean;
  critical?: boolean;
  crossCutting?: boolean;
  optional?: boolean;
  /** municipality codes addressed; default all 98 */
  targets?: string[];
  steps?: { title: string; answerKind?: AnswerKind; answerLabel?: string; answerPattern?: string | null; answerHint?: string }[];
  localMunicipalityCode?: string | null;
};

/** A task straight in the database, for tests of what comes after authoring. */
export async function buildTask(db: Db, o: BuildTask = {}) {
  seq++;
  const status = o.status ?? 'published';
  const [t] = await db
    .insert(task)
    .values({
      code: o.code ?? `TEST - ${seq}-${Date.now().toString(36)}`,
      title: o.title ?? `Testopgave ${seq}`,
      description: 'Beskrivelse med **fed** tekst.',
      consequence: 'Ellers går det galt.',
      audienceRoleKey: o.audienceRoleKey ?? 'programleder',
      audienceSolutionKey: o.audienceSolutionKey ?? null,
      audiencePrimaryOnly: o.audiencePrimaryOnly ?? false,
      critical: o.critical ?? false,
      crossCutting: o.crossCutting ?? false,
      optional: o.optional ?? false,
      status,
      deadline: o.deadline ?? '2030-06-30',
      localMunicipalityCode: o.localMunicipalityCode ?? null,
      publishedAt: status === 'published' || status === 'closed' ? new Date() : null,
    })
    .returning();
  const steps = o.steps ?? [{ title: 'Gør det', answerKind: 'none' as AnswerKind }];
  const stepRows = await db
    .insert(taskStep)
    .values(
      steps.map((s, i) => ({
        taskId: t!.id,
        position: i + 1,
        title: s.title,
        answerKind: s.answerKind ?? 'none',
        answerLabel: s.answerLabel ?? '',
        answerPattern: s.answerPattern ?? null,
        answerHint: s.answerHint ?? '',
      })),
    )
    .returning();
  const codes = o.localMunicipalityCode
    ? [o.localMunicipalityCode]
    : (o.targets ?? (await db.select({ code: municipality.code }).from(municipality)).map((m) => m.code));
  if (status !== 'draft' && codes.length > 0) {
    await db.insert(taskTarget).values(codes.map((code) => ({ taskId: t!.id, municipalityCode: code })));
  }
  return { task: t!, steps: stepRows.sort((a, b) => a.position - b.position) };
}

export async function targetOf(db: Db, taskId: string, code: string) {
  const [row] = await db
    .select()
    .from(taskTarget)
    .where(and(eq(taskTarget.taskId, taskId), eq(taskTarget.municipalityCode, code)));
  return row;
}

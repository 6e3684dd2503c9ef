import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNull, like, or, sql } from 'drizzle-orm';
import { loadConfig } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { danishTime } from '../../platform/days.ts';
import { municipality, person, roleAssignment, userAccount } from '../../platform/identity/schema.ts';
import { toCsv } from '../../platform/spreadsheet/write.ts';
import { addDays } from '../../platform/reminders/schedule.ts';
import { project, stepAnswer, task, taskFile, taskStep, taskTarget } from '../tasks/index.ts';
import { ASSESSMENT_AUDIENCE, ASSESSMENT_DESCRIPTION, ASSESSMENT_STEP_TITLE, ASSESSMENT_TITLE, assessmentStepInstructions } from './assessment/assessment-task.ts';
import { NOT_READY_REASON } from './assessment/decide-numbers.ts';
import { BORGERBLIKKET_SOLUTION } from './policy.ts';
import { bbAssessment, bbAssessmentNumber, bbConfigChange, bbConfigChangeEntry, bbConfigEntry, kleNumber, type AssessmentDecision } from './schema.ts';
import type { KleSettings } from './visibility/effective-entry.ts';

/** Fixed, so the demo is seeded once and pages and journeys can name it. */
export const DEMO_ASSESSMENT_ID = '5b1e2a8c-0b6f-4d0e-9a55-13a7e0c0b0b1';
export const DEMO_ASSESSMENT_CODE = 'KLIK - BB VURDERING 01';
const FAXE = '0320';
const PUBLISHED = '2025-06-09';
const DEADLINE = '2025-10-31';
/** The assessment period of the deck: decisions fall on days from 12 June. */
const FIRST_DECISION_DAY = '2025-06-12';

type Planned = { code: string; numbers: { kle: string; youthCases: number; decision: AssessmentDecision | null }[]; decidedAt: Date };

const hash = (s: string) => createHash('sha256').update(`bb-vurdering|${s}`).digest();

/** Which of the plan's 27 and 28 topics each municipality's extract lists, and how far it has come. */
function plan(codes: string[], topics: string[], now: Date): Planned[] {
  const faxePicks = [...new Set([topics.includes('27.12.04') ? '27.12.04' : topics[0]!, ...topics.filter((t) => t.startsWith('28.')), ...topics])].slice(0, 6);
  return codes.map((code) => {
    const h = hash(code);
    const decidedAt = new Date(Math.min(now.getTime(), danishTime(addDays(FIRST_DECISION_DAY, h[5]! % 130), 9 + (h[6]! % 7), h[7]! % 60).getTime()));
    if (code === FAXE) {
      // In progress: one ready, one not, the rest (27.12.04 among them) still to decide.
      const decisions: (AssessmentDecision | null)[] = [null, 'klar', 'ikke_klar', null, null, null];
      return { code, decidedAt, numbers: faxePicks.map((kle, j) => ({ kle, youthCases: 3 + ((h[10 + j] ?? 0) % 40), decision: decisions[j] ?? null })) };
    }
    const count = 3 + (h[0]! % 4);
    // A different handful per municipality: the topics in an order of their own, the first few taken.
    const picks = topics
      .map((kle) => ({ kle, key: hash(`${code}|${kle}`).readUInt32BE(0) }))
      .sort((a, b) => a.key - b.key)
      .slice(0, count)
      .map((x) => x.kle);
    const state = h[3]! % 10;
    const decidedCount = state < 4 ? picks.length : state < 6 ? Math.ceil(picks.length / 2) : 0;
    return {
      code,
      decidedAt,
      numbers: picks.sort().map((kle, j) => ({
        kle,
        youthCases: 1 + (h[10 + j]! % 60),
        decision: j < decidedCount ? (h[20 + j]! % 4 === 0 ? 'ikke_klar' : 'klar') : null,
      })),
    };
  });
}

/**
 * The deck's assessment: the KLIK task of 9 June 2025 (deadline 31 October 2025) to every
 * municipality's systemansvarlige for Borgerblikket, each with its extract of KLE numbers from the
 * plan's groups 27 and 28 attached (CSV as Danish Excel opens it: generating 98 workbooks would
 * cost the seed most of a second), some municipalities done with numbers closed for youth (youth Nej
 * in their configuration, with the change in its history), Faxe in progress with four numbers
 * undecided. The rows are written directly in a fixed number of statements; it runs after the
 * plan's seed and does nothing without the plan's 27/28 topics, or a second time.
 */
export async function seedDemoAssessment(db: Db, now: Date): Promise<void> {
  const [existing] = await db.select({ id: bbAssessment.id }).from(bbAssessment).where(eq(bbAssessment.id, DEMO_ASSESSMENT_ID));
  if (existing) return;
  const topicRows = await db
    .select({ number: kleNumber.number, title: kleNumber.title })
    .from(kleNumber)
    .where(and(eq(kleNumber.level, 'emne'), isNull(kleNumber.expiredOn), or(like(kleNumber.number, '27.%'), like(kleNumber.number, '28.%'))))
    .orderBy(asc(kleNumber.number));
  if (topicRows.length < 6) return;
  const titles = new Map(topicRows.map((t) => [t.number, t.title]));
  const municipalities = await db.select({ code: municipality.code, name: municipality.name }).from(municipality).orderBy(asc(municipality.code));
  const planned = plan(
    municipalities.map((m) => m.code),
    topicRows.map((t) => t.number),
    now,
  );
  const leaders = new Map(
    (
      await db
        .select({ code: roleAssignment.municipalityCode, userId: userAccount.id, name: person.name })
        .from(roleAssignment)
        .innerJoin(person, eq(person.id, roleAssignment.personId))
        .innerJoin(userAccount, eq(userAccount.personId, person.id))
        .where(eq(roleAssignment.roleTypeKey, 'programleder'))
    ).map((l) => [l.code, l]),
  );
  const names = new Map(municipalities.map((m) => [m.code, m.name]));
  const publishedAt = danishTime(PUBLISHED, 9);

  await db.transaction(async (tx) => {
    const [programme] = await tx.select({ id: project.id }).from(project).where(inArray(project.key, ['borgerblikket', 'borgerblikket-unge'])).orderBy(asc(project.key)).limit(1);
    const [consultant] = await tx.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.email, 'konsulent@samspil.demo'));
    const [t] = await tx
      .insert(task)
      .values({
        code: DEMO_ASSESSMENT_CODE,
        title: ASSESSMENT_TITLE,
        description: ASSESSMENT_DESCRIPTION,
        projectId: programme?.id ?? null,
        solutionKey: BORGERBLIKKET_SOLUTION,
        ...ASSESSMENT_AUDIENCE,
        status: 'published',
        deadline: DEADLINE,
        announceAt: publishedAt,
        publishedAt,
        createdBy: consultant?.id ?? null,
        createdAt: publishedAt,
        updatedAt: publishedAt,
      })
      .returning({ id: task.id });
    const taskId = t!.id;
    const [step] = await tx
      .insert(taskStep)
      .values({ taskId, position: 1, title: ASSESSMENT_STEP_TITLE, instructions: assessmentStepInstructions(loadConfig().publicUrl, DEMO_ASSESSMENT_ID), answerKind: 'none' })
      .returning({ id: taskStep.id });
    const done = planned.filter((p) => p.numbers.every((n) => n.decision !== null));
    const doneCodes = new Set(done.map((p) => p.code));
    await tx.insert(taskTarget).values(
      planned.map((p) => ({
        taskId,
        municipalityCode: p.code,
        status: doneCodes.has(p.code) ? ('loest' as const) : ('ikke_startet' as const),
        solvedAt: doneCodes.has(p.code) ? p.decidedAt : null,
        lastActivityAt: doneCodes.has(p.code) ? p.decidedAt : null,
      })),
    );
    if (done.length > 0) {
      await tx
        .insert(stepAnswer)
        .values(done.map((p) => ({ stepId: step!.id, municipalityCode: p.code, taskId, completed: true, answeredBy: leaders.get(p.code)?.userId ?? null, answeredAt: p.decidedAt })));
    }
    await tx.insert(taskFile).values(
      planned.map((p) => {
        const content = toCsv(
          [
            { header: 'KLE-nummer', value: (n: Planned['numbers'][number]) => n.kle },
            { header: 'KLE-titel', value: (n) => titles.get(n.kle) ?? '' },
            { header: 'Antal sager med unge', value: (n) => n.youthCases },
          ],
          p.numbers,
        );
        const slug = (names.get(p.code) ?? p.code).toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa').replace(/[^a-z0-9]+/g, '-');
        return {
          taskId,
          municipalityCode: p.code,
          purpose: 'attachment' as const,
          filename: `${p.code}-${slug}-udtraek.csv`,
          contentType: 'text/csv',
          size: content.length,
          sha256: createHash('sha256').update(content).digest('hex'),
          content,
          uploadedBy: consultant?.id ?? null,
          uploadedAt: publishedAt,
        };
      }),
    );
    await tx.insert(bbAssessment).values({ id: DEMO_ASSESSMENT_ID, taskId, title: ASSESSMENT_TITLE, createdAt: publishedAt, createdBy: consultant?.id ?? null });
    await tx.insert(bbAssessmentNumber).values(
      planned.flatMap((p) =>
        p.numbers.map((n) => ({
          assessmentId: DEMO_ASSESSMENT_ID,
          municipalityCode: p.code,
          kle: n.kle,
          youthCases: n.youthCases,
          decision: n.decision,
          decidedAt: n.decision ? p.decidedAt : null,
          decidedBy: n.decision ? (leaders.get(p.code)?.userId ?? null) : null,
        })),
      ),
    );
    await closeForYouth(tx, planned, leaders);
  });
}

/** Youth Nej on every number decided "ikke klar", as the decision writes it: one change per municipality with before and after. */
async function closeForYouth(tx: Db, planned: Planned[], leaders: Map<string | null, { userId: string; name: string }>): Promise<void> {
  const closed = planned.map((p) => ({ ...p, numbers: p.numbers.filter((n) => n.decision === 'ikke_klar') })).filter((p) => p.numbers.length > 0);
  if (closed.length === 0) return;
  const existing = await tx
    .select({ code: bbConfigEntry.municipalityCode, kle: bbConfigEntry.kle, settings: bbConfigEntry.settings })
    .from(bbConfigEntry)
    .where(
      and(
        inArray(
          bbConfigEntry.municipalityCode,
          closed.map((p) => p.code),
        ),
        inArray(bbConfigEntry.kle, [...new Set(closed.flatMap((p) => p.numbers.map((n) => n.kle)))]),
      ),
    );
  const before = new Map(existing.map((e) => [`${e.code}|${e.kle}`, e.settings]));
  const changes = await tx
    .insert(bbConfigChange)
    .values(
      closed.map((p) => ({
        municipalityCode: p.code,
        kind: 'vurdering' as const,
        reason: NOT_READY_REASON,
        changedAt: p.decidedAt,
        changedBy: leaders.get(p.code)?.userId ?? null,
        changedByName: leaders.get(p.code)?.name ?? 'Programleder',
        numbers: p.numbers.length,
      })),
    )
    .returning({ id: bbConfigChange.id, code: bbConfigChange.municipalityCode });
  const changeOf = new Map(changes.map((c) => [c.code, c.id]));
  const rows = closed.flatMap((p) =>
    p.numbers.map((n) => {
      const prior = before.get(`${p.code}|${n.kle}`) ?? null;
      return { code: p.code, kle: n.kle, prior, after: { ...(prior ?? {}), youth: false } as Partial<KleSettings>, at: p.decidedAt };
    }),
  );
  await tx.insert(bbConfigChangeEntry).values(rows.map((r) => ({ changeId: changeOf.get(r.code)!, municipalityCode: r.code, kle: r.kle, before: r.prior, after: r.after })));
  await tx
    .insert(bbConfigEntry)
    .values(rows.map((r) => ({ municipalityCode: r.code, kle: r.kle, settings: r.after, updatedAt: r.at, updatedBy: leaders.get(r.code)?.userId ?? null })))
    .onConflictDoUpdate({ target: [bbConfigEntry.municipalityCode, bbConfigEntry.kle], set: { settings: sql`excluded.settings`, updatedAt: sql`excluded.updated_at`, updatedBy: sql`excluded.updated_by` } });
}

import { and, asc, eq } from 'drizzle-orm';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/errors.ts';
import { municipality, person, userAccount } from '../../../platform/identity/schema.ts';
import { taskTarget, type TargetStatus } from '../../tasks/index.ts';
import { loadConfiguration } from '../load-configuration.ts';
import { authorizeBorgerblikketMunicipality, isBorgerblikketKeeper } from '../policy.ts';
import { bbAssessmentNumber, kleNumber, type AssessmentDecision } from '../schema.ts';
import { effectiveSettings } from '../visibility/effective-entry.ts';
import { loadAssessment, type AssessmentHead } from './load-assessment.ts';

export type ListedNumber = {
  kle: string;
  title: string | null;
  expiredOn: string | null;
  youthCases: number;
  decision: AssessmentDecision | null;
  note: string;
  decidedAt: Date | null;
  decidedBy: string | null;
  /** The configuration's youth setting for the number now, and the number whose entry decided it (null: the default, Ja). */
  youth: boolean;
  youthFrom: string | null;
};

export type MunicipalityAssessment = {
  assessment: AssessmentHead;
  municipality: { code: string; name: string };
  /** The municipality's status on the KLIK task; null if it is not addressed (it always is, unless edited in the task). */
  taskStatus: TargetStatus | null;
  notRelevant: boolean;
  numbers: ListedNumber[];
  canDecide: boolean;
};

/**
 * A municipality's part of the assessment: its listed numbers with the plan's title, the extract's
 * count, the decision and the youth setting that holds now. Its users and central staff read it,
 * another municipality 404 (also one that is not in the assessment). Five statements.
 */
export async function loadMunicipalityAssessment(ctx: Ctx & { actor: Actor }, id: string, code: string): Promise<MunicipalityAssessment> {
  authorizeBorgerblikketMunicipality(ctx.actor, code, 'read');
  const assessment = await loadAssessment(ctx.db, id);
  const rows = await ctx.db
    .select({
      kle: bbAssessmentNumber.kle,
      title: kleNumber.title,
      expiredOn: kleNumber.expiredOn,
      youthCases: bbAssessmentNumber.youthCases,
      decision: bbAssessmentNumber.decision,
      note: bbAssessmentNumber.note,
      decidedAt: bbAssessmentNumber.decidedAt,
      decidedBy: person.name,
      municipalityName: municipality.name,
    })
    .from(bbAssessmentNumber)
    .innerJoin(municipality, eq(municipality.code, bbAssessmentNumber.municipalityCode))
    .leftJoin(kleNumber, eq(kleNumber.number, bbAssessmentNumber.kle))
    .leftJoin(userAccount, eq(userAccount.id, bbAssessmentNumber.decidedBy))
    .leftJoin(person, eq(person.id, userAccount.personId))
    .where(and(eq(bbAssessmentNumber.assessmentId, assessment.id), eq(bbAssessmentNumber.municipalityCode, code)))
    .orderBy(asc(bbAssessmentNumber.kle));
  if (rows.length === 0) throw notFound('Kommunen er ikke med i vurderingen.');
  const [config, [target]] = await Promise.all([
    loadConfiguration(ctx.db, code),
    ctx.db
      .select({ status: taskTarget.status, notRelevantReason: taskTarget.notRelevantReason })
      .from(taskTarget)
      .where(and(eq(taskTarget.taskId, assessment.task.id), eq(taskTarget.municipalityCode, code))),
  ]);
  return {
    assessment,
    municipality: { code, name: rows[0]!.municipalityName },
    taskStatus: target?.status ?? null,
    notRelevant: (target?.notRelevantReason ?? null) !== null,
    canDecide: isBorgerblikketKeeper(ctx.actor, code) && assessment.task.status === 'published',
    numbers: rows.map((r) => {
      const s = effectiveSettings(config, r.kle);
      return {
        kle: r.kle,
        title: r.title,
        expiredOn: r.expiredOn,
        youthCases: r.youthCases,
        decision: r.decision,
        note: r.note,
        decidedAt: r.decidedAt,
        decidedBy: r.decidedBy,
        youth: s.youth,
        youthFrom: s.decidedBy.youth,
      };
    }),
  };
}

import { sql } from 'drizzle-orm';
import { rawRows } from '../../../db/client.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { danishCompare } from '../../../platform/views/format.ts';
import type { TargetStatus } from '../../tasks/index.ts';
import { authorizeAssessmentCentral } from '../policy.ts';
import { loadAssessment, type AssessmentHead } from './load-assessment.ts';

export type ProgressState = 'faerdig' | 'i_gang' | 'ikke_startet';
export const PROGRESS_STATE_DA: Record<ProgressState, string> = { faerdig: 'Færdig', i_gang: 'I gang', ikke_startet: 'Ikke startet' };

export type MunicipalityProgress = {
  code: string;
  name: string;
  listed: number;
  decided: number;
  closed: number;
  state: ProgressState;
  lastDecidedAt: Date | null;
  taskStatus: TargetStatus | null;
};

export type Progress = {
  assessment: AssessmentHead;
  municipalities: MunicipalityProgress[];
  totals: { municipalities: number; done: number; inProgress: number; notStarted: number; listed: number; decided: number; closed: number };
  /** The numbers most often closed for youth (ikke klar), most first, at most ten. */
  mostClosed: { kle: string; title: string | null; closed: number; listed: number }[];
};

export const stateOf = (listed: number, decided: number): ProgressState => (decided === 0 ? 'ikke_startet' : decided === listed ? 'faerdig' : 'i_gang');

/**
 * The assessment across the municipalities: per municipality how many of its numbers are decided
 * and closed for youth, with its status on the KLIK task; totals; the numbers most often closed.
 * Central staff only (policy). Three statements whatever the number of municipalities.
 */
export async function loadProgress(ctx: Ctx & { actor: Actor }, id: string): Promise<Progress> {
  authorizeAssessmentCentral(ctx.actor, 'read');
  const assessment = await loadAssessment(ctx.db, id);
  const rows = await rawRows<{ code: string; name: string; listed: number; decided: number; closed: number; last: Date | string | null; status: TargetStatus | null }>(
    ctx.db,
    sql`select n.municipality_code as code, m.name, count(*)::int as listed, count(n.decision)::int as decided,
          (count(*) filter (where n.decision = 'ikke_klar'))::int as closed, max(n.decided_at) as last, t.status
        from bb_assessment_number n
        join municipality m on m.code = n.municipality_code
        left join task_target t on t.task_id = ${assessment.task.id} and t.municipality_code = n.municipality_code
        where n.assessment_id = ${assessment.id}
        group by n.municipality_code, m.name, t.status`,
  );
  const top = await rawRows<{ kle: string; title: string | null; closed: number; listed: number }>(
    ctx.db,
    sql`select n.kle, k.title, (count(*) filter (where n.decision = 'ikke_klar'))::int as closed, count(*)::int as listed
        from bb_assessment_number n left join kle_number k on k.number = n.kle
        where n.assessment_id = ${assessment.id}
        group by n.kle, k.title
        having count(*) filter (where n.decision = 'ikke_klar') > 0
        order by closed desc, n.kle
        limit 10`,
  );
  const municipalities = rows
    .map((r) => ({
      code: r.code,
      name: r.name,
      listed: r.listed,
      decided: r.decided,
      closed: r.closed,
      state: stateOf(r.listed, r.decided),
      lastDecidedAt: r.last === null ? null : new Date(r.last),
      taskStatus: r.status,
    }))
    .sort((a, b) => danishCompare(a.name, b.name));
  const count = (s: ProgressState) => municipalities.filter((m) => m.state === s).length;
  const sum = (k: 'listed' | 'decided' | 'closed') => municipalities.reduce((n, m) => n + m[k], 0);
  return {
    assessment,
    municipalities,
    totals: { municipalities: municipalities.length, done: count('faerdig'), inProgress: count('i_gang'), notStarted: count('ikke_startet'), listed: sum('listed'), decided: sum('decided'), closed: sum('closed') },
    mostClosed: top,
  };
}

import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { project, projectMilestone } from './schema.ts';

export type Milestone = { id: string; title: string; description: string; startsOn: string; endsOn: string | null };

/** A programme's timeline in date order, looked up by the programme's key ("borgerblikket"); empty when there is no such programme. */
export async function programmeMilestones(db: Db, projectKey: string): Promise<{ name: string; milestones: Milestone[] } | null> {
  const rows = await db
    .select({
      name: project.name,
      id: projectMilestone.id,
      title: projectMilestone.title,
      description: projectMilestone.description,
      startsOn: projectMilestone.startsOn,
      endsOn: projectMilestone.endsOn,
    })
    .from(project)
    .leftJoin(projectMilestone, eq(projectMilestone.projectId, project.id))
    .where(eq(project.key, projectKey))
    .orderBy(asc(projectMilestone.startsOn), asc(projectMilestone.endsOn));
  if (rows.length === 0) return null;
  return {
    name: rows[0]!.name,
    milestones: rows.filter((r) => r.id !== null).map((r) => ({ id: r.id!, title: r.title!, description: r.description!, startsOn: r.startsOn!, endsOn: r.endsOn })),
  };
}

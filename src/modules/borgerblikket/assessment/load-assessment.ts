import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { task } from '../../tasks/index.ts';
import { bbAssessment } from '../schema.ts';

export type AssessmentHead = {
  id: string;
  title: string;
  createdAt: Date;
  task: { id: string; code: string; title: string; deadline: string; status: string };
};

/** The assessment and its KLIK task in one statement; 404 for an id that is not one. Authorisation is the caller's. */
export async function loadAssessment(db: Db, id: string): Promise<AssessmentHead> {
  if (!isUuid(id)) throw notFound('Vurderingen findes ikke.');
  const [row] = await db
    .select({ id: bbAssessment.id, title: bbAssessment.title, createdAt: bbAssessment.createdAt, taskId: task.id, code: task.code, taskTitle: task.title, deadline: task.deadline, status: task.status })
    .from(bbAssessment)
    .innerJoin(task, eq(task.id, bbAssessment.taskId))
    .where(eq(bbAssessment.id, id));
  if (!row) throw notFound('Vurderingen findes ikke.');
  return { id: row.id, title: row.title, createdAt: row.createdAt, task: { id: row.taskId, code: row.code, title: row.taskTitle, deadline: row.deadline, status: row.status } };
}

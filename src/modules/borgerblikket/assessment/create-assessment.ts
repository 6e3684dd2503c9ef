import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { invalid } from '../../../platform/errors.ts';
import { cleanFilename, uploadedFiles } from '../../../platform/http/buffered-multipart.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { addMunicipalityAttachments, createTask, publishTask } from '../../tasks/index.ts';
import { authorizeAssessmentCentral, BORGERBLIKKET_SOLUTION } from '../policy.ts';
import { bbAssessment, bbAssessmentNumber } from '../schema.ts';
import { ASSESSMENT_AUDIENCE, ASSESSMENT_STEP_TITLE, assessmentStepInstructions } from './assessment-task.ts';
import { problemErrors, readExtracts } from './read-extracts.ts';

export type AssessmentFields = { code: string; title: string; description: string; deadline: string };

const CHUNK = 1000;

/**
 * Creates the assessment: every extract is read first (one bad file or row and nothing happens),
 * then in one transaction under one request key the KLIK task is created through the tasks
 * module's use cases (to the municipalities with an extract), each extract attached to its
 * municipality, the listed numbers stored, the task published and the creation audited. A repeat
 * of the same form or Idempotency-Key answers the first assessment; a used task code is refused by
 * the tasks module (409).
 *
 * `body` is the multipart body as the platform's buffered parser made it: the files ride on it,
 * and the tasks module reads them from there for the attachments.
 */
export async function createAssessment(ctx: Ctx & { actor: Actor }, raw: AssessmentFields, body: unknown, clientKey: string | undefined): Promise<{ id: string; taskId: string }> {
  authorizeAssessmentCentral(ctx.actor, 'edit');
  const fields: AssessmentFields = { code: raw.code, title: raw.title, description: raw.description, deadline: raw.deadline };
  const files = uploadedFiles(body);
  if (files.length === 0) throw invalid({ filer: 'Vælg udtrækkene: én fil pr. kommune' }, 'Vurderingen er ikke oprettet.');
  const { extracts, problems } = await readExtracts(ctx.db, files);
  if (problems.length > 0) throw invalid(problemErrors(problems), 'Vurderingen er ikke oprettet. Ret filerne, og send dem igen.');
  const codes = extracts.map((e) => e.municipalityCode).sort();

  const identity = requestIdentity('bb-assessment', ctx.actor.userId, clientKey, { ...fields, files: files.map((f) => [cleanFilename(f.filename), f.sha256]) });
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<{ id: string; taskId: string }>(tx, identity, ctx.now);
    if (first) return first;
    const inTx = { ...ctx, db: tx };
    // The id is chosen first: the step's instructions link to the assessment's own page.
    const id = randomUUID();
    const { id: taskId } = await createTask(inTx, {
      ...fields,
      ...ASSESSMENT_AUDIENCE,
      solutionKey: BORGERBLIKKET_SOLUTION,
      targets: { mode: 'list', codes },
      steps: [{ title: ASSESSMENT_STEP_TITLE, instructions: assessmentStepInstructions(ctx.config.publicUrl, id), answerKind: 'none' }],
    });
    await addMunicipalityAttachments(inTx, taskId, body);
    await tx.insert(bbAssessment).values({ id, taskId, title: fields.title.trim(), createdAt: ctx.now, createdBy: ctx.actor.userId });
    const rows = extracts.flatMap((e) => e.rows.map((r) => ({ assessmentId: id, municipalityCode: e.municipalityCode, kle: r.kle, youthCases: r.youthCases })));
    for (let i = 0; i < rows.length; i += CHUNK) await tx.insert(bbAssessmentNumber).values(rows.slice(i, i + CHUNK));
    await publishTask(inTx, taskId);
    await recordAudit(tx, ctx, {
      action: 'borgerblikket.assessment_created',
      entityType: 'borgerblikket_assessment',
      entityId: id,
      after: { taskId, code: fields.code.trim(), municipalities: codes.length, numbers: rows.length },
    });
    return answerRequest(tx, identity, { id, taskId });
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isCentral, isCentralEditor } from '../../../platform/context.ts';
import { AppError, type FieldErrors } from '../../../platform/errors.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { formBody, idParams, municipalityCodeParam, pageQuery, uploadBody, uuidParam } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { addDays } from '../../../platform/reminders/schedule.ts';
import { noticeFor } from '../../../platform/views/components.tsx';
import { danishDay, formatDeadline } from '../../../platform/views/format.ts';
import { registerUploadParser } from '../../tasks/index.ts';
import { authorizeAssessmentCentral, authorizeBorgerblikketCommon } from '../policy.ts';
import { registerAssessmentApi, registerAssessmentUploadApi } from './api.ts';
import { ASSESSMENT_DESCRIPTION, ASSESSMENT_TITLE, nextAssessmentCode } from './assessment-task.ts';
import { createAssessment } from './create-assessment.ts';
import { decideNumbers } from './decide-numbers.ts';
import { listAssessments } from './list-assessments.ts';
import { loadAssessment } from './load-assessment.ts';
import { loadMunicipalityAssessment } from './load-municipality-assessment.ts';
import { loadProgress } from './load-progress.ts';
import { CreateAssessmentPage, type CreateValues } from './views/create-page.tsx';
import { decisionField, DecisionPage, noteField, type DecisionFormValues } from './views/decision-page.tsx';
import { AssessmentListPage } from './views/list-page.tsx';
import { ProgressPage } from './views/progress-page.tsx';

/** The deck's assessment ran from June to the end of October: the proposed deadline is about as far ahead. */
const DEADLINE_DAYS = 140;

const NOTICES = { oprettet: 'Vurderingen er oprettet, og opgaven er publiceret.', gemt: 'Vurderingerne er gemt.', uaendret: 'Der var intet at ændre.' } as const;

const decisionParams = z.object({ id: uuidParam, code: municipalityCodeParam });
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
const many = (v: string | string[] | undefined) => (v === undefined ? [] : [v].flat());

/** Errors a form shows; anything else (403, 404, 500) goes to the error page. */
function formErrors(error: unknown): { errors: FieldErrors; status: number } {
  if (!(error instanceof AppError) || (error.status !== 422 && error.status !== 409)) throw error;
  return { errors: Object.keys(error.fieldErrors).length > 0 ? error.fieldErrors : { _: error.message }, status: error.status };
}

/**
 * The form's rows as decisions: a row with a choice, or with a note but no choice (which is then
 * refused with a message on that row instead of losing the note).
 */
function decisionsFromForm(body: Record<string, string | string[]>): { decisions: { kle: string; decision: string | undefined; note: string }[]; values: DecisionFormValues } {
  const values: DecisionFormValues = { decisions: {}, notes: {}, requestKey: one(body.requestKey) };
  const decisions = [];
  for (const kle of new Set(many(body.kle))) {
    const decision = one(body[decisionField(kle)]) || undefined;
    const note = one(body[noteField(kle)]);
    if (decision) values.decisions[kle] = decision;
    values.notes[kle] = note;
    if (decision || note) decisions.push({ kle, decision, note });
  }
  return { decisions, values };
}

async function decisionPage(request: FastifyRequest, reply: FastifyReply, id: string, code: string, extra: { values?: DecisionFormValues; errors?: FieldErrors; status?: number; notice?: string } = {}) {
  const data = await loadMunicipalityAssessment(actorCtx(request), id, code);
  return sendPage(reply, <DecisionPage request={request} data={data} values={extra.values} errors={extra.errors} notice={extra.notice} />, extra.status ?? 200);
}

/** The assessment of KLE numbers with youth data: central creation and progress, the municipality's decisions. */
export function registerAssessmentRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/borgerblikket/vurdering', { schema: { querystring: pageQuery({}) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeBorgerblikketCommon(ctx.actor, 'read');
    const items = await listAssessments(ctx);
    return sendPage(reply, <AssessmentListPage request={request} items={items} canCreate={isCentralEditor(ctx.actor)} ownCode={ctx.actor.municipalityCode} notice={noticeFor(NOTICES, request.query.besked)} />);
  });

  app.get('/borgerblikket/vurdering/ny', { schema: { querystring: pageQuery({}) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeAssessmentCentral(ctx.actor, 'edit');
    const values: CreateValues = {
      code: await nextAssessmentCode(ctx.db),
      title: ASSESSMENT_TITLE,
      description: ASSESSMENT_DESCRIPTION,
      deadline: formatDeadline(addDays(danishDay(ctx.now), DEADLINE_DAYS)),
    };
    return sendPage(reply, <CreateAssessmentPage request={request} values={values} />);
  });

  app.get('/borgerblikket/vurdering/:id', { schema: { params: idParams, querystring: pageQuery({}) } }, async (request, reply) => {
    const progress = await loadProgress(actorCtx(request), request.params.id);
    return sendPage(reply, <ProgressPage request={request} progress={progress} notice={noticeFor(NOTICES, request.query.besked)} />);
  });

  // The task's step links here: the same link for every municipality, so each reader is sent to their own part.
  app.get('/borgerblikket/vurdering/:id/kommune', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const a = await loadAssessment(ctx.db, request.params.id);
    if (isCentral(ctx.actor)) return reply.redirect(`/borgerblikket/vurdering/${a.id}`, 303);
    return reply.redirect(`/borgerblikket/vurdering/${a.id}/kommuner/${ctx.actor.municipalityCode}`, 303);
  });

  app.get('/borgerblikket/vurdering/:id/kommuner/:code', { schema: { params: decisionParams, querystring: pageQuery({}) } }, async (request, reply) =>
    decisionPage(request, reply, request.params.id, request.params.code, { notice: noticeFor(NOTICES, request.query.besked) }),
  );

  app.post('/borgerblikket/vurdering/:id/kommuner/:code', { schema: { params: decisionParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id, code } = request.params;
    const { decisions, values } = decisionsFromForm(request.body);
    try {
      const r = await decideNumbers(ctx, id, code, decisions, clientKeyOf(request));
      return reply.redirect(`/borgerblikket/vurdering/${id}/kommuner/${code}?besked=${r.changed > 0 ? 'gemt' : 'uaendret'}`, 303);
    } catch (error) {
      const e = formErrors(error);
      return decisionPage(request, reply, id, code, { values, errors: e.errors, status: e.status });
    }
  });

  // Several named files in one form: parsed in a scope of its own, as the task's attachments are.
  root.register(async (parent) => {
    registerUploadParser(parent);
    const scope = parent.withTypeProvider<ZodTypeProvider>();
    scope.post('/borgerblikket/vurdering', { schema: { body: uploadBody } }, async (request, reply) => {
      const ctx = actorCtx(request);
      const b = request.body;
      const values: CreateValues = { code: one(b.code), title: one(b.title), description: one(b.description), deadline: one(b.deadline), requestKey: one(b.requestKey) };
      try {
        const { id } = await createAssessment(ctx, values, b, clientKeyOf(request));
        return reply.redirect(`/borgerblikket/vurdering/${id}?besked=oprettet`, 303);
      } catch (error) {
        const e = formErrors(error);
        return sendPage(reply, <CreateAssessmentPage request={request} values={values} errors={e.errors} />, e.status);
      }
    });
    registerAssessmentUploadApi(parent);
  });

  registerAssessmentApi(root);
}

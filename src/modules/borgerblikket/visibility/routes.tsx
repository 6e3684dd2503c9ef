import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../../platform/errors.ts';
import { codeParams, formBody, pageQuery, queryText, uploadBody } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { registerStreamedUpload } from '../../../platform/http/streamed-upload.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { noticeFor } from '../../../platform/views/components.tsx';
import { danishDay } from '../../../platform/views/format.ts';
import { isCentralEditor } from '../../../platform/context.ts';
import { loadYouthActivation } from '../load-configuration.ts';
import { authorizeBorgerblikketCommon, authorizeBorgerblikketMunicipality, isBorgerblikketKeeper } from '../policy.ts';
import { ActivationPage } from './activation-page.tsx';
import { registerImpactApi, registerVisibilityApi } from './api.ts';
import { CheckPage } from './check-page.tsx';
import { checkVisibility, municipalityName } from './check-visibility.ts';
import { evaluateImpact, impactDay } from './evaluate-impact.ts';
import { MAX_EXTRACT_BYTES, uploadedExtract } from './extract-upload.ts';
import { draftFromForm, parseDraft, type ImpactDraft } from './impact-draft.ts';
import { ImpactPage } from './impact-page.tsx';
import { saveImpactDraft } from './save-impact-draft.ts';
import { setYouthActivation } from './set-youth-activation.ts';
import { parseVisibilityInput, QUESTION_FIELDS } from './visibility-input.ts';

const IMPACT_NOTICES: Record<string, string> = { gemt: 'Ændringen er gemt i kommunens KLE-opsætning.', uaendret: 'Opsætningen var allerede sådan; intet er ændret.' };
const ACTIVATION_NOTICES: Record<string, string> = { gemt: 'Aktiveringsdagen er gemt.', uaendret: 'Aktiveringsdagen var den samme i forvejen; intet er ændret.' };

const refused = (error: unknown): AppError => {
  if (!(error instanceof AppError) || error.status !== 422) throw error;
  return error;
};

/** The question's fields, each text or absent (a repeated or mangled one is absent, and answered as missing). */
const questionQuery = pageQuery(Object.fromEntries(QUESTION_FIELDS.map((f) => [f, queryText])) as Record<(typeof QUESTION_FIELDS)[number], typeof queryText>);

/** "Hvad ser borgeren?", the impact of a draft change, the youth activation day, and their API. */
export function registerVisibilityRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/borgerblikket/kommuner/:code/hvad-ser-borgeren', { schema: { params: codeParams, querystring: questionQuery } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { code } = request.params;
    authorizeBorgerblikketMunicipality(ctx.actor, code, 'read');
    const name = await municipalityName(ctx.db, code);
    const today = danishDay(ctx.now);
    const values: Record<string, unknown> = { ...request.query };
    const page = { request, code, name, today, values };
    // The form always sends the number, so its presence tells a question from a first visit.
    if (request.query.kle === undefined) return sendPage(reply, <CheckPage {...page} asked={false} />);
    try {
      const check = await checkVisibility(ctx, code, parseVisibilityInput(values, today, 'form'));
      return sendPage(reply, <CheckPage {...page} asked check={check} />);
    } catch (error) {
      const e = refused(error);
      return sendPage(reply, <CheckPage {...page} asked errors={e.fieldErrors} message={e.message} />, 422);
    }
  });

  app.get('/borgerblikket/kommuner/:code/konsekvens', { schema: { params: codeParams, querystring: pageQuery({}) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { code } = request.params;
    authorizeBorgerblikketMunicipality(ctx.actor, code, 'read');
    const name = await municipalityName(ctx.db, code);
    return sendPage(
      reply,
      <ImpactPage request={request} code={code} name={name} today={danishDay(ctx.now)} canSave={isBorgerblikketKeeper(ctx.actor, code)} notice={noticeFor(IMPACT_NOTICES, request.query.besked)} />,
    );
  });

  app.post('/borgerblikket/kommuner/:code/konsekvens/gem', { schema: { params: codeParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { code } = request.params;
    authorizeBorgerblikketMunicipality(ctx.actor, code, 'edit');
    const today = danishDay(ctx.now);
    let draft: ImpactDraft | undefined;
    try {
      draft = parseDraft(draftFromForm(request.body), today);
      const applied = await saveImpactDraft(ctx, code, draft, request.body.reason, clientKeyOf(request));
      return reply.redirect(`/borgerblikket/kommuner/${code}/konsekvens?besked=${applied.changed > 0 ? 'gemt' : 'uaendret'}`, 303);
    } catch (error) {
      const e = refused(error);
      const name = await municipalityName(ctx.db, code);
      return sendPage(
        reply,
        <ImpactPage request={request} code={code} name={name} today={today} canSave saveDraft={draft} saveValues={request.body} draftFields={request.body} errors={e.fieldErrors} message={e.message} />,
        422,
      );
    }
  });

  app.get('/borgerblikket/aktivering', { schema: { querystring: pageQuery({}) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeBorgerblikketCommon(ctx.actor, 'read');
    const youthActivation = await loadYouthActivation(ctx.db);
    return sendPage(
      reply,
      <ActivationPage request={request} youthActivation={youthActivation} today={danishDay(ctx.now)} canEdit={isCentralEditor(ctx.actor)} notice={noticeFor(ACTIVATION_NOTICES, request.query.besked)} />,
    );
  });

  app.post('/borgerblikket/aktivering', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    try {
      const r = await setYouthActivation(ctx, request.body.youthActivation, clientKeyOf(request));
      return reply.redirect(`/borgerblikket/aktivering?besked=${r.changed ? 'gemt' : 'uaendret'}`, 303);
    } catch (error) {
      const e = refused(error);
      const youthActivation = await loadYouthActivation(ctx.db);
      return sendPage(reply, <ActivationPage request={request} youthActivation={youthActivation} today={danishDay(ctx.now)} canEdit errors={e.fieldErrors} values={request.body} />, 422);
    }
  });

  registerVisibilityApi(root);
  // The extract is read as it arrives (streamed-upload.ts): its own scope, its own parser.
  void root.register(async (scope) => registerImpactUploads(scope));
}

function registerImpactUploads(scope: FastifyInstance): void {
  registerStreamedUpload(scope, {
    maxFileBytes: MAX_EXTRACT_BYTES,
    tooLarge: () => new AppError(413, 'payload_too_large', 'Udtrækket er større end 512 MB; del det op.', { fil: 'Højst 512 MB' }),
  });
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.post('/borgerblikket/kommuner/:code/konsekvens', { schema: { params: codeParams, body: uploadBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { code } = request.params;
    authorizeBorgerblikketMunicipality(ctx.actor, code, 'read');
    const today = danishDay(ctx.now);
    const name = await municipalityName(ctx.db, code);
    const page = { request, code, name, today, canSave: isBorgerblikketKeeper(ctx.actor, code), draftFields: request.body };
    try {
      const draft = parseDraft(draftFromForm(request.body), today);
      const date = impactDay(request.body.date, ctx.now);
      const result = await evaluateImpact(ctx, code, draft, date, uploadedExtract(request.body));
      return sendPage(reply, <ImpactPage {...page} result={result} />);
    } catch (error) {
      const e = refused(error);
      return sendPage(reply, <ImpactPage {...page} errors={e.fieldErrors} message={e.message} />, 422);
    }
  });
  registerImpactApi(scope);
}

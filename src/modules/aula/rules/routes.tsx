import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { danishDay } from '../../../platform/days.ts';
import { AppError, type FieldErrors } from '../../../platform/errors.ts';
import { formBody, idParams, pageQuery } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { clientKeyOf, REQUEST_KEY_FIELD } from '../../../platform/idempotency/claim-request.ts';
import { noticeFor } from '../../../platform/views/components.tsx';
import { isCentralEditor } from '../../../platform/context.ts';
import { authorizeAulaRules } from '../policy.ts';
import { registerRuleApi } from './api.ts';
import { createRuleSet } from './create-rule-set.ts';
import { deleteRuleSet } from './delete-rule-set.ts';
import { loadRuleSets, rulesInForce } from './in-force.ts';
import { checkRuleSet, formErrors, formValues, rawFromForm, storedValues, type RuleSetForm } from './rule-set-input.ts';
import { RuleSetFormPage } from './rule-set-form-page.tsx';
import { RulesPage } from './rules-page.tsx';
import { ruleSetNotFound } from './save-errors.ts';
import { updateRuleSet } from './update-rule-set.ts';

const NOTICES: Record<string, string> = {
  oprettet: 'Versionen af slettereglerne er oprettet.',
  gemt: 'Versionen af slettereglerne er gemt.',
  uaendret: 'Versionen var allerede sådan; intet er ændret.',
  slettet: 'Versionen af slettereglerne er slettet.',
};

/** A refusal the page shows in its error summary; anything else is the error page's to show. */
const shown = (error: unknown): error is AppError => error instanceof AppError && (error.status === 422 || error.status === 409);
const errorsOf = (error: AppError): FieldErrors => ({ _: error.message, ...formErrors(error.fieldErrors) });

async function rulesPage(request: FastifyRequest, reply: FastifyReply, extra: { notice?: string | undefined; errors?: FieldErrors } = {}, status = 200) {
  const ctx = actorCtx(request);
  authorizeAulaRules(ctx.actor, 'read');
  const sets = await loadRuleSets(ctx.db);
  return sendPage(reply, <RulesPage request={request} sets={sets} today={danishDay(ctx.now)} canEdit={isCentralEditor(ctx.actor)} {...extra} />, status);
}

function formPage(request: FastifyRequest, reply: FastifyReply, form: { id: string | null; values: RuleSetForm; errors?: FieldErrors; requestKey?: unknown }, status = 200) {
  return sendPage(reply, <RuleSetFormPage request={request} id={form.id} values={form.values} errors={form.errors ?? {}} requestKey={form.requestKey} />, status);
}

/** The form's fields checked as the API checks its body; errors on the form's own field names. */
function checkedForm(body: Record<string, unknown>): { values: RuleSetForm; raw: Record<string, unknown>; errors: FieldErrors } {
  const values = formValues(body);
  const raw = rawFromForm(values);
  try {
    checkRuleSet(raw);
    return { values, raw, errors: {} };
  } catch (error) {
    if (!(error instanceof AppError) || error.status !== 422) throw error;
    return { values, raw, errors: errorsOf(error) };
  }
}

/** The deletion rules' pages: every version, a new one, changing one, deleting one not yet in force. */
export function registerRuleRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  registerRuleApi(root);

  app.get('/aula/sletteregler', { schema: { querystring: pageQuery({}) } }, async (request, reply) => rulesPage(request, reply, { notice: noticeFor(NOTICES, request.query.besked) }));

  app.get('/aula/sletteregler/ny', async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeAulaRules(ctx.actor, 'edit');
    const sets = await loadRuleSets(ctx.db);
    const current = rulesInForce(sets, danishDay(ctx.now)) ?? sets[0];
    const values = current ? { ...storedValues(current), name: '', activationDate: '', description: '' } : {};
    return formPage(request, reply, { id: null, values });
  });

  app.post('/aula/sletteregler/ny', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeAulaRules(ctx.actor, 'edit');
    const { values, raw, errors } = checkedForm(request.body);
    const requestKey = request.body[REQUEST_KEY_FIELD];
    if (Object.keys(errors).length > 0) return formPage(request, reply, { id: null, values, errors, requestKey }, 422);
    try {
      const { id } = await createRuleSet(ctx, raw, clientKeyOf(request));
      return await reply.redirect(`/aula/sletteregler?besked=oprettet#version-${id}`, 303);
    } catch (error) {
      if (!shown(error)) throw error;
      return formPage(request, reply, { id: null, values, errors: errorsOf(error), requestKey }, error.status);
    }
  });

  app.get('/aula/sletteregler/:id/ret', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeAulaRules(ctx.actor, 'edit');
    const set = (await loadRuleSets(ctx.db)).find((s) => s.id === request.params.id);
    if (!set) throw ruleSetNotFound();
    return formPage(request, reply, { id: set.id, values: storedValues(set) });
  });

  app.post('/aula/sletteregler/:id/ret', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeAulaRules(ctx.actor, 'edit');
    const { id } = request.params;
    const { values, raw, errors } = checkedForm(request.body);
    if (Object.keys(errors).length > 0) return formPage(request, reply, { id, values, errors }, 422);
    try {
      const { changed } = await updateRuleSet(ctx, id, raw);
      return await reply.redirect(`/aula/sletteregler?besked=${changed ? 'gemt' : 'uaendret'}#version-${id}`, 303);
    } catch (error) {
      if (!shown(error)) throw error;
      return formPage(request, reply, { id, values, errors: errorsOf(error) }, error.status);
    }
  });

  app.post('/aula/sletteregler/:id/slet', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    try {
      await deleteRuleSet(ctx, request.params.id, clientKeyOf(request));
      return await reply.redirect('/aula/sletteregler?besked=slettet', 303);
    } catch (error) {
      if (!shown(error)) throw error;
      return rulesPage(request, reply, { errors: { _: error.message } }, error.status);
    }
  });
}

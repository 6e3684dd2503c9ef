import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type FieldErrors } from '../../../platform/errors.ts';
import { clientKeyOf, REQUEST_KEY_FIELD } from '../../../platform/idempotency/claim-request.ts';
import { formBody, multipartBody, pageQuery, queryText, uuidParam } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { noticeFor } from '../../../platform/views/components.tsx';
import { registerAllocationRoutes } from '../allocation/routes.tsx';
import { authorizeEconomy, isEconomyEditor } from '../policy.ts';
import { municipalitiesInOrder } from '../allocation/municipalities.ts';
import { registerPriceApi } from './api.ts';
import { assertYearOpen, isYearLocked } from './assert-year-open.ts';
import { copyPrices } from './copy-prices.ts';
import { createPriceModel } from './create-price-model.ts';
import { deletePriceModel } from './delete-price-model.ts';
import { importUsageFile, uploadedUsageFile } from './import-usage.ts';
import { loadPriceModels } from './load-prices.ts';
import { allSolutions, loadYearPrices } from './load-year-prices.ts';
import { formErrors, formValues, kindOf, priceModelFromForm, storedFormValues, type FormValues } from './price-model-form.ts';
import { NewPriceModelPage } from './price-model-new-page.tsx';
import { PriceModelPage } from './price-model-page.tsx';
import { PricesPage } from './prices-page.tsx';
import { modelNotFound, updatePriceModel } from './update-price-model.ts';
import { pageYear, thisYear } from './year.ts';
import { checkPriceModel } from './price-model-input.ts';
import type { PriceModelKind } from '../schema.ts';

const NOTICES: Record<string, string> = {
  oprettet: 'Prismodellen er tilføjet.',
  gemt: 'Prismodellen er gemt.',
  uaendret: 'Prismodellen var allerede sådan; intet er ændret.',
  slettet: 'Prismodellen er slettet.',
  kopieret: 'Priserne er kopieret til næste år.',
  forbrug: 'Forbruget er indlæst.',
  'forbrug-uaendret': 'Filens forbrug var allerede indlæst; intet er ændret.',
};

const yearParams = z.object({ year: pageYear });
const modelParams = z.object({ year: pageYear, id: uuidParam });

/** A refusal the page shows in its error summary; anything else is the error page's to show. */
const shown = (error: unknown): error is AppError => error instanceof AppError && (error.status === 422 || error.status === 409);
const errorsOf = (error: AppError): FieldErrors => (Object.keys(error.fieldErrors).length > 0 ? { _: error.message, ...error.fieldErrors } : { _: error.message });

async function pricesPage(request: FastifyRequest, reply: FastifyReply, year: number, extra: { notice?: string | undefined; errors?: FieldErrors } = {}, status = 200) {
  const ctx = actorCtx(request);
  authorizeEconomy(ctx.actor, 'read');
  const prices = await loadYearPrices(ctx.db, year);
  return sendPage(reply, <PricesPage request={request} prices={prices} canEdit={isEconomyEditor(ctx.actor)} {...extra} />, status);
}

type NewModelForm = { kind: PriceModelKind; values: FormValues; errors?: FieldErrors; requestKey?: unknown };

async function newModelPage(request: FastifyRequest, reply: FastifyReply, year: number, form: NewModelForm, status = 200) {
  const ctx = actorCtx(request);
  const [solutions, locked] = await Promise.all([allSolutions(ctx.db), isYearLocked(ctx.db, year)]);
  return sendPage(
    reply,
    <NewPriceModelPage request={request} year={year} kind={form.kind} solutions={solutions} values={form.values} errors={form.errors ?? {}} locked={locked} requestKey={form.requestKey} />,
    status,
  );
}

type ModelPageExtra = { kind?: PriceModelKind | undefined; values?: FormValues; errors?: FieldErrors; usageErrors?: FieldErrors; notice?: string | undefined };

async function modelPage(request: FastifyRequest, reply: FastifyReply, year: number, id: string, extra: ModelPageExtra = {}, status = 200) {
  const ctx = actorCtx(request);
  authorizeEconomy(ctx.actor, 'read');
  const [models, solutions, municipalities, locked] = await Promise.all([
    loadPriceModels(ctx.db, year),
    allSolutions(ctx.db),
    municipalitiesInOrder(ctx.db),
    isYearLocked(ctx.db, year),
  ]);
  const model = models.find((m) => m.id === id);
  if (!model) throw modelNotFound();
  const kind = extra.kind ?? model.kind;
  return sendPage(
    reply,
    <PriceModelPage
      request={request}
      model={model}
      solutions={solutions}
      municipalities={municipalities}
      locked={locked}
      canEdit={isEconomyEditor(ctx.actor)}
      kind={kind}
      values={extra.values ?? { ...storedFormValues(model), kind }}
      errors={extra.errors ?? {}}
      usageErrors={extra.usageErrors ?? {}}
      notice={extra.notice}
    />,
    status,
  );
}

/** The form's fields checked as the API checks its body; errors on the form's own field names. */
function checkedForm(body: Record<string, unknown>): { values: FormValues; raw: Record<string, unknown>; errors: FieldErrors; unitRows: number[] } {
  const values = formValues(body);
  const { raw, errors: own, unitRows } = priceModelFromForm(values);
  let checked: FieldErrors = {};
  try {
    checkPriceModel(raw);
  } catch (error) {
    if (!(error instanceof AppError) || error.status !== 422) throw error;
    checked = error.fieldErrors;
  }
  return { values, raw, errors: formErrors(checked, own, unitRows), unitRows };
}

/** The prices pages: a year's models, adding, changing and deleting one, its usage, and the copy to next year. */
export function registerPriceRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  registerPriceApi(root);
  registerAllocationRoutes(root);

  app.get('/oekonomi/priser', async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeEconomy(ctx.actor, 'read');
    return reply.redirect(`/oekonomi/priser/${thisYear(ctx)}`, 303);
  });

  app.get('/oekonomi/priser/:year', { schema: { params: yearParams, querystring: pageQuery({}) } }, async (request, reply) =>
    pricesPage(request, reply, request.params.year, { notice: noticeFor(NOTICES, request.query.besked) }),
  );

  const newQuery = pageQuery({ loesning: queryText, type: queryText });
  app.get('/oekonomi/priser/:year/ny', { schema: { params: yearParams, querystring: newQuery } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeEconomy(ctx.actor, 'edit');
    const kind = kindOf(request.query.type) ?? 'per_citizen';
    return newModelPage(request, reply, request.params.year, { kind, values: { solution: request.query.loesning ?? '', kind } });
  });

  app.post('/oekonomi/priser/:year/ny', { schema: { params: yearParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeEconomy(ctx.actor, 'edit');
    const { year } = request.params;
    const { values, raw, errors } = checkedForm(request.body);
    const kind = kindOf(values.kind) ?? 'per_citizen';
    const requestKey = request.body[REQUEST_KEY_FIELD];
    try {
      await assertYearOpen(ctx.db, year);
      if (Object.keys(errors).length > 0) return await newModelPage(request, reply, year, { kind, values, errors, requestKey }, 422);
      const { id } = await createPriceModel(ctx, year, raw, clientKeyOf(request));
      return reply.redirect(`/oekonomi/priser/${year}?besked=oprettet#model-${id}`, 303);
    } catch (error) {
      if (!shown(error)) throw error;
      return newModelPage(request, reply, year, { kind, values, errors: errorsOf(error), requestKey }, error.status);
    }
  });

  const modelQuery = pageQuery({ type: queryText });
  app.get('/oekonomi/priser/:year/modeller/:id', { schema: { params: modelParams, querystring: modelQuery } }, async (request, reply) =>
    modelPage(request, reply, request.params.year, request.params.id, { kind: kindOf(request.query.type), notice: noticeFor(NOTICES, request.query.besked) }),
  );

  app.post('/oekonomi/priser/:year/modeller/:id', { schema: { params: modelParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeEconomy(ctx.actor, 'edit');
    const { year, id } = request.params;
    const { values, raw, errors } = checkedForm(request.body);
    const kind = kindOf(values.kind);
    try {
      await assertYearOpen(ctx.db, year);
      if (Object.keys(errors).length > 0) return await modelPage(request, reply, year, id, { kind, values, errors }, 422);
      const { changed } = await updatePriceModel(ctx, year, id, raw);
      return reply.redirect(`/oekonomi/priser/${year}/modeller/${id}?besked=${changed ? 'gemt' : 'uaendret'}`, 303);
    } catch (error) {
      if (!shown(error)) throw error;
      return modelPage(request, reply, year, id, { kind, values, errors: errorsOf(error) }, error.status);
    }
  });

  app.post('/oekonomi/priser/:year/modeller/:id/slet', { schema: { params: modelParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { year, id } = request.params;
    try {
      await deletePriceModel(ctx, year, id, clientKeyOf(request));
      return reply.redirect(`/oekonomi/priser/${year}?besked=slettet`, 303);
    } catch (error) {
      if (!shown(error)) throw error;
      return modelPage(request, reply, year, id, { errors: errorsOf(error) }, error.status);
    }
  });

  app.post('/oekonomi/priser/:year/modeller/:id/forbrug', { schema: { params: modelParams, body: multipartBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeEconomy(ctx.actor, 'edit');
    const { year, id } = request.params;
    try {
      const { file, filename } = uploadedUsageFile(request.body);
      const { changed } = await importUsageFile(ctx, year, id, file, filename);
      return reply.redirect(`/oekonomi/priser/${year}/modeller/${id}?besked=${changed > 0 ? 'forbrug' : 'forbrug-uaendret'}#forbrug`, 303);
    } catch (error) {
      if (!shown(error)) throw error;
      // A problem with the file is shown by the upload form, with the report per line; anything else (the lock) at the top.
      const keys = Object.keys(error.fieldErrors);
      const lines = keys.filter((k) => k.startsWith('linje-')).length;
      const aboutFile = error.status === 422 && (keys.length === 0 || keys.includes('fil') || lines > 0);
      if (!aboutFile) return modelPage(request, reply, year, id, { errors: errorsOf(error) }, error.status);
      const usageErrors: FieldErrors = keys.length === 0 ? { fil: error.message } : { ...error.fieldErrors, ...(lines > 0 ? { _: error.message } : {}) };
      return modelPage(request, reply, year, id, { usageErrors }, error.status);
    }
  });

  app.post('/oekonomi/priser/:year/kopier', { schema: { params: yearParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { year } = request.params;
    try {
      const { to } = await copyPrices(ctx, year, clientKeyOf(request));
      return reply.redirect(`/oekonomi/priser/${to}?besked=kopieret`, 303);
    } catch (error) {
      if (!shown(error)) throw error;
      return pricesPage(request, reply, year, { errors: errorsOf(error) }, error.status);
    }
  });
}


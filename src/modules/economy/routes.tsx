import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, invalid, type FieldErrors } from '../../platform/errors.ts';
import { errorResponses } from '../../platform/http/api-schemas.ts';
import { formBody, multipartBody, pageQuery } from '../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../platform/http/request-context.ts';
import { registerMenuEntry } from '../../platform/views/menu.ts';
import { importPopulation } from './population/import-population.ts';
import { PopulationPage } from './population/population-page.tsx';
import { PERIOD_PATTERN } from './population/parse-folk1a.ts';
import { authorizePopulation, isEconomyEditor } from './population/policy.ts';
import { municipalityCount, periodSummaries, populationForPeriod, yearSettings } from './population/queries.ts';
import { setPopulationPeriod } from './population/set-population-period.ts';
import { registerBudgetRoutes } from './budget/routes.tsx';
import { registerDocumentRoutes } from './documents/routes.tsx';
import { registerGovernanceRoutes } from './governance/routes.tsx';
import { registerPoolRoutes } from './pool/routes.tsx';
import { lockedYears } from './prices/assert-year-open.ts';
import { registerPriceRoutes } from './prices/routes.tsx';

/** The multipart body holds the file as a Buffer under `fil`; anything else means no file was chosen. */
function uploadedFile(body: unknown): Buffer {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>).fil : undefined;
  const file = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  if (!Buffer.isBuffer(file) || file.length === 0) {
    throw invalid({ fil: 'Vælg en CSV-fil med befolkningstal fra Danmarks Statistik (FOLK1A)' }, 'Der er ikke valgt nogen fil, eller filen er tom.');
  }
  return file;
}

const NOTICES: Record<string, string> = {
  importeret: 'Befolkningstallene er importeret.',
  uaendret: 'Filens befolkningstal var allerede importeret; intet er ændret.',
  gemt: 'Perioden for budgetåret er gemt.',
};

const yearParams = z.object({ year: z.coerce.number().int().min(2000, 'Ugyldigt år').max(2100, 'Ugyldigt år') });
const populationQuery = z.object({ period: z.string().regex(PERIOD_PATTERN, 'Perioden skrives som år og kvartal, fx 2026K1') });
const populationResult = z
  .object({ period: z.string(), municipalities: z.array(z.object({ code: z.string(), name: z.string(), population: z.number().int() })) })
  .meta({ id: 'EconomyPopulation' });
const importResult = z
  .object({
    periods: z.array(z.string()),
    changed: z.number().int(),
    unchanged: z.number().int(),
    skipped: z.array(z.object({ line: z.number().int(), text: z.string(), reason: z.string() })),
  })
  .meta({ id: 'EconomyPopulationImport' });

async function populationPage(request: FastifyRequest, extra: { errors?: FieldErrors; message?: string; values?: Record<string, string>; notice?: string | undefined } = {}) {
  const ctx = actorCtx(request);
  authorizePopulation(ctx.actor, 'read');
  const [periods, settings, all] = await Promise.all([periodSummaries(ctx.db), yearSettings(ctx.db), municipalityCount(ctx.db)]);
  const thisYear = ctx.now.getUTCFullYear();
  const years = [...new Set([...settings.map((s) => s.year), thisYear, thisYear + 1])].sort((a, b) => a - b);
  const locked = await lockedYears(ctx.db, years);
  return (
    <PopulationPage
      request={request}
      periods={periods}
      settings={settings}
      years={years}
      lockedYears={locked}
      municipalityCount={all}
      canEdit={isEconomyEditor(ctx.actor)}
      {...extra}
    />
  );
}

/**
 * The K98 economy and its governance. Everyone signed in has both menu entries: a municipality
 * finds its own yearly documents under Økonomi, and the councils and the pool are shared with all.
 */
export function registerEconomy(root: FastifyInstance) {
  registerMenuEntry({ key: 'oekonomi', order: 35, href: '/oekonomi', label: 'Økonomi', visible: () => true });
  registerMenuEntry({ key: 'styring', order: 36, href: '/styring', label: 'K98-styring', visible: () => true });
  const app = root.withTypeProvider<ZodTypeProvider>();
  registerPriceRoutes(root);
  registerDocumentRoutes(root);
  registerBudgetRoutes(root);
  registerGovernanceRoutes(root);
  registerPoolRoutes(root);

  app.get('/oekonomi/befolkning', { schema: { querystring: pageQuery({}) } }, async (request, reply) => {
    const notice = request.query.besked ? NOTICES[request.query.besked] : undefined;
    return sendPage(reply, await populationPage(request, { notice }));
  });

  app.post('/oekonomi/befolkning/import', { schema: { body: multipartBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizePopulation(ctx.actor, 'edit');
    try {
      const result = await importPopulation(ctx, uploadedFile(request.body));
      return reply.redirect(`/oekonomi/befolkning?besked=${result.changed === 0 ? 'uaendret' : 'importeret'}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      const errors = Object.keys(error.fieldErrors).length > 0 ? error.fieldErrors : { fil: error.message };
      return sendPage(reply, await populationPage(request, { errors, message: error.message }), 422);
    }
  });

  app.post('/oekonomi/befolkning/aar/:year', { schema: { params: yearParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizePopulation(ctx.actor, 'edit');
    const { year } = request.params;
    const field = `periode-${year}`;
    const raw = request.body[field];
    const period = typeof raw === 'string' ? raw : '';
    try {
      await setPopulationPeriod(ctx, year, period);
      return reply.redirect('/oekonomi/befolkning?besked=gemt', 303);
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 422 && error.status !== 409)) throw error;
      const message = error.fieldErrors.periode ?? error.fieldErrors.aar ?? error.message;
      return sendPage(reply, await populationPage(request, { errors: { [field]: message }, values: { [field]: period } }), error.status);
    }
  });

  app.post(
    '/api/v1/economy/population/import',
    {
      schema: {
        tags: ['Økonomi'],
        summary: 'Importér befolkningstal fra Danmarks Statistiks FOLK1A (CSV i multipart-feltet "fil")',
        description:
          'Kolonnerne OMRÅDE;TID;INDHOLD. Har blot én linje fejl, ændres intet, og svaret er 422 med fieldErrors pr. linje (`linje-7`: besked). ' +
          'Samme fil to gange ændrer intet anden gang (changed: 0). Kun KOMBITs økonomi og administratorer.',
        consumes: ['multipart/form-data'],
        response: { 200: importResult, ...errorResponses },
      },
    },
    async (request) => importPopulation(actorCtx(request), uploadedFile(request.body)),
  );

  app.get(
    '/api/v1/economy/population',
    {
      schema: {
        tags: ['Økonomi'],
        summary: 'Befolkningstal pr. kommune for én periode (fx ?period=2026K1); kun KOMBITs medarbejdere',
        querystring: populationQuery,
        response: { 200: populationResult, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorizePopulation(ctx.actor, 'read');
      return { period: request.query.period, municipalities: await populationForPeriod(ctx.db, request.query.period) };
    },
  );
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isCentralEditor } from '../../../platform/context.ts';
import { AppError, type FieldErrors } from '../../../platform/errors.ts';
import { errorResponses } from '../../../platform/http/api-schemas.ts';
import { cleanFilename, registerBufferedMultipart, uploadedFields, uploadedFiles } from '../../../platform/http/buffered-multipart.ts';
import { pageQuery, uploadBody } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { clientKeyOf, REQUEST_KEY_FIELD } from '../../../platform/idempotency/claim-request.ts';
import { authorizeBorgerblikketCommon } from '../policy.ts';
import { importKlePlan, type KlePlanImportResult } from './import-kle-plan.ts';
import { latestKlePlanImport, loadKleNumbers } from './load-plan.ts';
import { PlanPage } from './plan-page.tsx';

/** KL's plan is a few MB; the limit leaves room for a plan ten times the size. */
export const MAX_PLAN_BYTES = 50 * 1024 * 1024;

const day = z.string().nullable();
const planOut = z
  .object({
    publishedOn: day.describe('KLE-Emneplan/UdgivelsesDato for den nyeste indlæste plan; null, når der ikke er indlæst nogen'),
    numbers: z.array(
      z.object({
        number: z.string().describe('27, 27.12 eller 27.12.04'),
        level: z.enum(['hovedgruppe', 'gruppe', 'emne']),
        parent: z.string().nullable(),
        title: z.string(),
        createdOn: day,
        changedOn: day,
        expiredOn: day.describe('Udgået fra denne dag (Historisk/UdgaaetDato, eller datoen for den første plan uden nummeret); null: i kraft'),
      }),
    ),
  })
  .meta({ id: 'BorgerblikketKlePlan' });

const importOut = z
  .object({
    status: z.enum(['importeret', 'uaendret']),
    importId: z.string().uuid(),
    publishedOn: z.string(),
    filename: z.string(),
    mainGroups: z.number().int(),
    groups: z.number().int(),
    topics: z.number().int(),
    newlyExpired: z.array(z.string()).describe('Numre, der var i kraft og nu er udgået eller ikke længere er med'),
    review: z
      .array(
        z.object({
          municipalityCode: z.string(),
          municipalityName: z.string(),
          kle: z.string(),
          title: z.string(),
          expiredOn: z.string(),
          expiredNote: z.string(),
        }),
      )
      .describe('Kommunernes indstillinger på udgåede numre, til gennemgang; intet er fjernet'),
  })
  .meta({ id: 'BorgerblikketKlePlanImport' });

const planQuery = pageQuery({ hovedgruppe: z.string().regex(/^\d{2}$/).optional().catch(undefined) });

/** The uploaded plan (multipart field `fil`, or `file` from API clients) with its cleaned name; an empty content when none was chosen. */
function uploadedPlan(request: FastifyRequest): { filename: string; content: Buffer; clientKey: string | undefined } {
  const f = uploadedFiles(request.body).find((x) => x.field === 'fil' || x.field === 'file');
  return { filename: f ? cleanFilename(f.filename) : '', content: f?.content ?? Buffer.alloc(0), clientKey: clientKeyOf(request) };
}

async function planPage(request: FastifyRequest, extra: { mainGroup?: string | undefined; report?: KlePlanImportResult; errors?: FieldErrors; message?: string } = {}) {
  const ctx = actorCtx(request);
  authorizeBorgerblikketCommon(ctx.actor, 'read');
  const [latest, numbers] = await Promise.all([latestKlePlanImport(ctx.db), loadKleNumbers(ctx.db, { includeExpired: true })]);
  const requestKey = extra.errors ? uploadedFields(request.body)[REQUEST_KEY_FIELD] : undefined;
  return <PlanPage request={request} latest={latest} numbers={numbers} mainGroup={extra.mainGroup} canImport={isCentralEditor(ctx.actor)} requestKey={requestKey} {...extra} />;
}

/** The KLE plan (issue #13 point 1): the plan page with its upload, GET /api/v1/borgerblikket/kle and the import's API. */
export function registerPlanRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/borgerblikket/kle', { schema: { querystring: planQuery } }, async (request, reply) => sendPage(reply, await planPage(request, { mainGroup: request.query.hovedgruppe })));

  app.get(
    '/api/v1/borgerblikket/kle',
    {
      schema: {
        tags: ['Borgerblikket'],
        summary: 'KLE-planen: hovedgrupper, grupper og emner med datoer',
        description: 'Alle numre i nummerorden, udgåede med (expiredOn sat) medmindre `includeExpired=false`. Alle, der er logget ind.',
        querystring: z.object({ includeExpired: z.enum(['true', 'false']).optional() }),
        response: { 200: planOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeBorgerblikketCommon(ctx.actor, 'read');
      const [latest, numbers] = await Promise.all([latestKlePlanImport(ctx.db), loadKleNumbers(ctx.db, { includeExpired: request.query.includeExpired !== 'false' })]);
      return {
        publishedOn: latest?.publishedOn ?? null,
        numbers: numbers.map((n) => ({ number: n.number, level: n.level, parent: n.parent, title: n.title, createdOn: n.createdOn, changedOn: n.changedOn, expiredOn: n.expiredOn })),
      };
    },
  );

  // The uploads keep the file's name (the import records it): the platform's buffered parser, in a scope of its own.
  void root.register(async (scope) => registerImportRoutes(scope));
}

function registerImportRoutes(scope: FastifyInstance): void {
  registerBufferedMultipart(scope, {
    bodyLimit: MAX_PLAN_BYTES + 1024 * 1024,
    maxFileBytes: MAX_PLAN_BYTES,
    tooLarge: () => new AppError(413, 'payload_too_large', 'Filen er større end 50 MB; det er ikke en KLE-plan.', { fil: 'Højst 50 MB' }),
  });
  const app = scope.withTypeProvider<ZodTypeProvider>();

  app.post('/borgerblikket/kle/import', { schema: { body: uploadBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    try {
      const report = await importKlePlan(ctx, uploadedPlan(request));
      return sendPage(reply, await planPage(request, { report }));
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      const errors = Object.keys(error.fieldErrors).length > 0 ? error.fieldErrors : { fil: error.message };
      return sendPage(reply, await planPage(request, { errors, message: error.message }), 422);
    }
  });

  app.post(
    '/api/v1/borgerblikket/kle/import',
    {
      schema: {
        tags: ['Borgerblikket'],
        summary: 'Indlæs KL\'s emneplan (KLE-XML i multipart-feltet "fil")',
        description:
          'Multipart/form-data med filen i feltet `fil` (eller `file`). Numre, titler og datoer skrives; numre med Historisk/UdgaaetDato og numre, planen ikke har med, ' +
          'markeres som udgåede (intet slettes), og kommunernes indstillinger på udgåede numre returneres i `review`. Samme fil to gange: `status: "uaendret"`. ' +
          'En plan ældre end den nyeste indlæste afvises (422). Fejl i filen: 422 med fieldErrors pr. linje (`linje-7`: besked), og intet ændres. ' +
          'Idempotency-Key gør et gentaget kald til ét. Kun KOMBITs administratorer og konsulenter.',
        consumes: ['multipart/form-data'],
        body: uploadBody,
        response: { 200: importOut, ...errorResponses },
      },
    },
    async (request) => importKlePlan(actorCtx(request), uploadedPlan(request)),
  );
}

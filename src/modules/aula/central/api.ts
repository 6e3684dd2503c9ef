import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiBody, errorResponses } from '../../../platform/http/api-schemas.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { danishDay } from '../../../platform/views/format.ts';
import { apiDay } from '../preview/preview-day.ts';
import { authorizeAulaOverview } from '../policy.ts';
import { archiveKinds, archiveStates, esdhSystems, integrationStates, readinessItems } from '../schema.ts';
import { createReadinessTask } from './create-readiness-task.ts';
import { loadOverview, type OverviewRow } from './load-overview.ts';

const tags = ['Aula'];

const summaryOut = z
  .object({
    code: z.string(),
    name: z.string(),
    region: z.string(),
    esdh: z.object({ system: z.enum(esdhSystems).nullable(), other: z.string().nullable(), vendorInTest: z.boolean().nullable().describe('null: ved ikke') }),
    integrationState: z.enum(integrationStates),
    archive: z.object({ kind: z.enum(archiveKinds).nullable(), name: z.string().nullable(), plannedOn: z.string().nullable().describe('YYYY-MM-DD'), state: z.enum(archiveStates) }),
    readiness: z
      .object({
        done: z.number().int().describe(`Punkter klaret af ${readinessItems.length}`),
        of: z.number().int(),
        readyForRules: z.boolean().describe('Kommunen har bekræftet, at den er klar til de reviderede sletteregler'),
        items: z.array(z.object({ item: z.enum(readinessItems), done: z.boolean() })),
      })
      .meta({ id: 'AulaReadinessSummary' }),
    atRisk: z
      .object({
        total: z.number().int().describe('Filer, der har passeret slettefristen på datoen'),
        journalised: z.number().int(),
        atRisk: z.number().int().describe('Heraf ikke journaliseret i en kategori, kommunen journaliserer'),
      })
      .meta({ id: 'AulaMunicipalityAtRisk' }),
  })
  .meta({ id: 'AulaMunicipalitySummary' });

const listOut = z.object({ date: z.string().describe('Datoen tallene gælder, YYYY-MM-DD'), municipalities: z.array(summaryOut) }).meta({ id: 'AulaMunicipalityList' });

const present = (r: OverviewRow): z.infer<typeof summaryOut> => ({
  code: r.code,
  name: r.name,
  region: r.region,
  esdh: r.esdh,
  integrationState: r.integrationState,
  archive: r.archive,
  readiness: { done: r.readinessDone, of: readinessItems.length, readyForRules: r.ready, items: r.readiness.map((x) => ({ item: x.item, done: x.done })) },
  atRisk: r.deletion,
});

export function registerOverviewApi(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/aula/municipalities',
    {
      schema: {
        tags,
        summary: 'Alle 98 kommuners Aula-status: ESDH, integration, arkiv, parathed og filer i risiko på en dato',
        description: 'Kun KOMBITs medarbejdere; for en kommunes brugere findes listen ikke (404). Uden date gælder tallene i dag. En dato, der ikke kan læses, giver 400.',
        querystring: z.object({ date: z.string().optional().describe('YYYY-MM-DD; standard er i dag') }),
        response: { 200: listOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeAulaOverview(ctx.actor);
      // The same reading of `date` as the deletion preview's API: yyyy-mm-dd or absent (today), else 400.
      const day = apiDay(request.query.date, 'date', danishDay(ctx.now));
      const o = await loadOverview(ctx.db, ctx.actor, { day, notReady: false, vendorNotInTest: false, esdh: null, integration: null, region: null });
      return { date: o.day, municipalities: o.rows.map(present) };
    },
  );

  app.post(
    '/api/v1/aula/readiness-tasks',
    {
      schema: {
        tags,
        summary: 'Opret og publicér én KLIK-opgave til Aulas systemansvarlige i de valgte kommuner',
        description:
          'Det samme som handlingen i oversigten: opgaven oprettes og publiceres gennem opgavemodulet (systemansvarlig for Aula, de valgte kommuner, to faste trin). Kun KOMBITs administratorer og konsulenter; for en kommunes brugere findes ruten ikke (404). Samme `Idempotency-Key` igen giver den første opgave; en brugt opgavekode giver 409.',
        body: apiBody(
          z.object({
            code: z.string().describe('Opgavekode, fx KLIK - AULA SLET 01'),
            title: z.string(),
            description: z.string(),
            deadline: z.string().describe('YYYY-MM-DD'),
            municipalityCodes: z.array(z.string()).describe('Kommunekoder, fx ["0320"]'),
          }),
        ),
        response: { 201: z.object({ id: z.string().describe('Opgavens id') }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = actorCtx(request);
      authorizeAulaOverview(ctx.actor);
      const b = request.body;
      const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
      const codes = Array.isArray(b.municipalityCodes) ? b.municipalityCodes.filter((c): c is string => typeof c === 'string') : [];
      const task = await createReadinessTask(
        ctx,
        { code: text(b.code), title: text(b.title), description: text(b.description), deadline: text(b.deadline), municipalityCodes: codes },
        clientKeyOf(request),
      );
      return reply.status(201).send(task);
    },
  );
}

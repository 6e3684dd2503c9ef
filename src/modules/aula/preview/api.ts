import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../platform/context.ts';
import { danishDay } from '../../../platform/days.ts';
import { notFound } from '../../../platform/errors.ts';
import { errorResponses } from '../../../platform/http/api-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { authorizeAulaMunicipality } from '../policy.ts';
import { loadRuleSets, rulesInForce } from '../rules/in-force.ts';
import { deletionPreview, previewByMonth, previewGroupings } from './deletion-preview.ts';
import { CHART_MONTHS } from './load-preview-page.ts';
import { apiDay, apiGrouping, apiMunicipalityCode, municipalityName } from './preview-day.ts';

const tags = ['Aula'];

const counts = {
  total: z.number().int().describe('Filer, der har passeret slettefristen'),
  journalised: z.number().int().describe('Heraf journaliseret'),
  atRisk: z.number().int().describe('Heraf ikke journaliseret i en kategori, kommunen journaliserer: i risiko for at blive slettet uden journalisering'),
};

const ruleSetRef = z
  .object({ id: z.string().uuid(), name: z.string(), activationDate: z.string().describe('åååå-mm-dd') })
  .nullable()
  .describe('Slettereglerne i kraft den dag; null før den første version (så har ingen filer passeret en frist)')
  .meta({ id: 'AulaRuleSetRef' });

const previewOut = z
  .object({
    date: z.string().describe('Dagen, åååå-mm-dd'),
    ruleSet: ruleSetRef,
    groupBy: z.enum(previewGroupings),
    rows: z
      .array(
        z
          .object({
            key: z.string().describe('Kommunekode, «kommunekode:institutionsnummer» eller kategoriens nøgle'),
            name: z.string(),
            ...counts,
            municipalityCode: z.string().optional().describe('Kun ved groupBy=institution'),
            institutionNumber: z.string().optional().describe('Kun ved groupBy=institution'),
          })
          .meta({ id: 'AulaDeletionPreviewRow' }),
      )
      .describe('Alle kommuner, institutioner eller kategorier i udvalget, også dem med nul'),
  })
  .meta({ id: 'AulaDeletionPreview' });

const monthsOut = z
  .object({
    from: z.string().describe('Den spurgte dag; første måned er dens måned'),
    months: z
      .array(z.object({ monthEnd: z.string().describe('Månedens sidste dag, åååå-mm-dd'), ...counts }).meta({ id: 'AulaDeletionPreviewMonth' }))
      .describe('24 måneder; hver tæller det, der har passeret fristen ved månedens udgang, efter de regler der gælder den dag'),
  })
  .meta({ id: 'AulaDeletionPreviewMonths' });

// Query fields are read as text and checked by the handler, so a bad value is a 400 with the field named.
const municipalityQuery = z.string().optional().describe('Kommunekode (fire cifre); uden den: alle kommuner, du kan se');
const previewQuery = z.object({
  date: z.string().optional().describe('åååå-mm-dd; standard: i dag'),
  groupBy: z.string().optional().describe(`${previewGroupings.join(' | ')}; standard: municipality`),
  municipality: municipalityQuery,
});
const monthsQuery = z.object({ from: z.string().optional().describe('åååå-mm-dd; standard: i dag'), municipality: municipalityQuery });

const READ =
  'En kommunes brugere ser kun egne tal; en anden kommunes kode giver 404, ligesom en kode der ikke er en kommune. KOMBITs medarbejdere ser alle 98. ' +
  'En ugyldig dato, groupBy eller kommunekode giver 400. En fil har passeret fristen på dagen D, når udløsende dato + periodens måneder ≤ D.';

/** The municipality asked about, checked against the policy and the 98; absent means every one the actor sees. */
async function scopeOf(db: Db, actor: Actor, raw: string | undefined) {
  const code = apiMunicipalityCode(raw);
  if (code === undefined) return {};
  authorizeAulaMunicipality(actor, code, 'read');
  if ((await municipalityName(db, code)) === null) throw notFound('Kommunen findes ikke.');
  return { municipalityCode: code };
}

export function registerPreviewApi(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/aula/deletion-preview',
    {
      schema: {
        tags,
        summary: 'Sletningsprognosen: filer, der har passeret slettefristen på en dag, pr. kommune, institution eller kategori',
        description: READ,
        querystring: previewQuery,
        response: { 200: previewOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const day = apiDay(request.query.date, 'date', danishDay(ctx.now));
      const groupBy = apiGrouping(request.query.groupBy);
      const scope = await scopeOf(ctx.db, ctx.actor, request.query.municipality);
      const sets = await loadRuleSets(ctx.db);
      const set = rulesInForce(sets, day);
      const rows = await deletionPreview(ctx.db, ctx.actor, day, groupBy, scope, sets);
      return { date: day, ruleSet: set ? { id: set.id, name: set.name, activationDate: set.activationDate } : null, groupBy, rows };
    },
  );

  app.get(
    '/api/v1/aula/deletion-preview/months',
    {
      schema: {
        tags,
        summary: 'Sletningsprognosen måned for måned i de kommende 24 måneder (grafens tal)',
        description: READ,
        querystring: monthsQuery,
        response: { 200: monthsOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const from = apiDay(request.query.from, 'from', danishDay(ctx.now));
      const scope = await scopeOf(ctx.db, ctx.actor, request.query.municipality);
      return { from, months: await previewByMonth(ctx.db, ctx.actor, from, CHART_MONTHS, scope) };
    },
  );
}

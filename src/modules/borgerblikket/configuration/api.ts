import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../../platform/errors.ts';
import { apiBody, errorResponses, municipalityCodeParam } from '../../../platform/http/api-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { danishDay } from '../../../platform/views/format.ts';
import { loadConfiguration } from '../load-configuration.ts';
import { authorizeBorgerblikketMunicipality } from '../policy.ts';
import { configChangeKinds } from '../schema.ts';
import { effectiveSettings, type KleSettings } from '../visibility/effective-entry.ts';
import { normaliseKle } from '../visibility/kle-number.ts';
import { bulkEditEntries } from './bulk-edit-entries.ts';
import { configurationRows, type ConfigurationRow } from './configuration-rows.ts';
import { editKleEntry } from './edit-kle-entry.ts';
import { parseBulkBody, parseEntryBody } from './entry-input.ts';
import { SETTING_FIELDS } from './labels.ts';
import { loadConfigurationView, loadMunicipalityRef, loadPlan } from './load-configuration-view.ts';
import { loadHistory } from './load-history.ts';

const tags = ['Borgerblikket'];
/** The numbers listed under each change of the API's history page. */
const HISTORY_API_NUMBERS = 100;
const params = z.object({ code: municipalityCodeParam });
const numberParams = z.object({ code: municipalityCodeParam, kle: z.string().describe('KLE-nummer, fx 27.12.04') });

const settingsShape = {
  shown: z.boolean().describe('Nummeret er åbnet: sagerne vises i Mit Overblik'),
  youth: z.boolean().describe('Vises også for 15–17-årige (standard: ja)'),
  fromDate: z.string().nullable().describe('Sager oprettet før denne dag vises ikke, åååå-mm-dd; null: ingen fradato. Højst 31.12 i indeværende år'),
  fromDateOffForActive: z.boolean().describe('Aktive sager vises, selv om de er oprettet før fradatoen'),
  sourceSystems: z.array(z.string()).readonly().describe('Kildesystemerne, hvis sager vises; tom liste: alle kildesystemer'),
  caseTitleInsteadOfKle: z.boolean().describe('Vis sagens titel i stedet for KLE-titlen'),
  documentTitles: z.boolean().describe('Vis dokumenttitler'),
};
const settingsOut = z.object(settingsShape).partial().meta({ id: 'BorgerblikketKleEntry' });

const entryOut = z
  .object({
    kle: z.string(),
    title: z.string(),
    level: z.enum(['hovedgruppe', 'gruppe', 'emne']),
    expiredOn: z.string().nullable().describe('Udgået af KLE-planen denne dag; null: i kraft'),
    ...settingsShape,
    inherited: z
      .object(Object.fromEntries(SETTING_FIELDS.map((f) => [f, z.string().nullable()])) as Record<keyof KleSettings, z.ZodNullable<z.ZodString>>)
      .describe('For hvert felt hvor værdien kommer fra: null = sat på nummeret selv; et KLE-nummer = arvet fra den gruppe eller hovedgruppe; "default" = standardværdien'),
    entry: settingsOut.nullable().describe('Det, der er sat på nummeret selv (felter, der ikke er med, arves); null: ingen indstilling'),
  })
  .meta({ id: 'BorgerblikketConfigurationEntry' });

const configurationOut = z
  .object({
    municipality: z.object({ code: z.string(), name: z.string() }),
    all: z.boolean().describe('true: hvert nummer i planen; false: kun numre med kommunens egen indstilling'),
    entries: z.array(entryOut),
  })
  .meta({ id: 'BorgerblikketConfiguration' });

const savedOut = z.object({ changed: z.boolean().describe('false: intet ændrede sig (samme værdier, eller en gentaget anmodning)'), numbers: z.number().int() });

const historyOut = z
  .object({
    total: z.number().int(),
    page: z.number().int(),
    pages: z.number().int(),
    changes: z.array(
      z.object({
        id: z.string().uuid(),
        kind: z.enum(configChangeKinds),
        reason: z.string(),
        changedAt: z.string(),
        changedBy: z.string(),
        numbers: z.number().int().describe('Antal numre, ændringen ændrede'),
        entries: z.array(z.object({ kle: z.string(), before: settingsOut.nullable(), after: settingsOut.nullable() })).describe(`Højst ${HISTORY_API_NUMBERS} numre pr. ændring`),
      }),
    ),
  })
  .meta({ id: 'BorgerblikketConfigurationHistory' });


function present(r: ConfigurationRow): z.infer<typeof entryOut> {
  const { decidedBy, ...values } = r.effective;
  const inherited = Object.fromEntries(SETTING_FIELDS.map((f) => [f, decidedBy[f] === r.number ? null : (decidedBy[f] ?? 'default')])) as Record<keyof KleSettings, string | null>;
  return { kle: r.number, title: r.title, level: r.level, expiredOn: r.expiredOn, ...values, inherited, entry: r.entry };
}

const READ = 'Kommunens egne brugere og KOMBITs medarbejdere læser; en anden kommune og en kode, der ikke er en kommune, giver 404.';
const WRITE =
  'Kun kommunens systemansvarlige for Borgerblikket og programlederen (andre, også KOMBIT: 403; en anden kommune: 404). Fejl giver 422 med fieldErrors, og intet ændres. `reason` er påkrævet og gemmes i historikken.';

/** The configuration's API: the pages' twins, through the same use cases. */
export function registerConfigurationApi(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/borgerblikket/municipalities/:code/configuration',
    {
      schema: {
        tags,
        summary: 'En kommunes KLE-opsætning: de gældende værdier pr. nummer og hvor de kommer fra',
        description: `${READ} Uden \`all\`: de numre, kommunen selv har en indstilling på. Med \`all=true\`: hvert nummer i KLE-planen (også udgåede, med expiredOn). En tom \`sourceSystems\` betyder alle kildesystemer.`,
        params,
        querystring: z.object({ all: z.enum(['true', 'false']).optional().describe('true: hvert nummer i planen') }),
        response: { 200: configurationOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const { code } = request.params;
      authorizeBorgerblikketMunicipality(ctx.actor, code, 'read');
      const view = await loadConfigurationView(ctx.db, code);
      const all = request.query.all === 'true';
      const plan = all ? view.plan : view.plan.filter((n) => view.entries.has(n.number));
      return { municipality: view.municipality, all, entries: configurationRows(plan, view.entries).map(present) };
    },
  );

  app.put(
    '/api/v1/borgerblikket/municipalities/:code/configuration/:kle',
    {
      schema: {
        tags,
        summary: 'Sæt et KLE-nummers indstilling i kommunen',
        description: `${WRITE} Body: \`{ settings, reason }\`. \`settings\` er hele nummerets indstilling: felterne med sættes på nummeret, felter uden for arves fra gruppen/hovedgruppen; \`settings: null\` fjerner indstillingen. De samme værdier igen ændrer og logger intet. Et nummer, der ikke er i planen: 404.`,
        params: numberParams,
        body: apiBody(z.object({ settings: settingsOut.nullable(), reason: z.string().describe('Hvorfor?') })),
        response: { 200: savedOut.extend({ entry: entryOut }), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const { code } = request.params;
      authorizeBorgerblikketMunicipality(ctx.actor, code, 'edit');
      const kle = normaliseKle(request.params.kle);
      if (!kle) throw notFound('KLE-nummeret findes ikke i planen.');
      const input = parseEntryBody(request.body, danishDay(ctx.now));
      const saved = await editKleEntry(ctx, code, kle, input, clientKeyOf(request));
      const [plan, entries] = await Promise.all([loadPlan(ctx.db), loadConfiguration(ctx.db, code)]);
      const number = plan.find((n) => n.number === kle)!;
      return { ...saved, entry: present({ ...number, effective: effectiveSettings(entries, kle), entry: entries.get(kle) ?? null }) };
    },
  );

  app.post(
    '/api/v1/borgerblikket/municipalities/:code/configuration/bulk',
    {
      schema: {
        tags,
        summary: 'Masseændring: sæt de samme felter på mange KLE-numre i én ændring',
        description: `${WRITE} Body: \`{ kle: ["27.12.04", …], set: { youth: false }, inherit?: ["shown"], reason }\`. Felterne i \`set\` sættes på hvert nummer, felterne i \`inherit\` fjernes fra nummerets indstilling (arves), resten af indstillingen bevares. Ét nummer, der ikke er i planen, afviser det hele. Samme \`Idempotency-Key\` (eller, uden den, samme indhold inden for 10 sekunder) gemmer kun én gang.`,
        params,
        body: apiBody(
          z.object({
            kle: z.array(z.string()),
            set: settingsOut.optional(),
            inherit: z.array(z.enum(SETTING_FIELDS)).optional(),
            reason: z.string(),
          }),
        ),
        response: { 200: savedOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const { code } = request.params;
      authorizeBorgerblikketMunicipality(ctx.actor, code, 'edit');
      return bulkEditEntries(ctx, code, parseBulkBody(request.body, danishDay(ctx.now)), clientKeyOf(request));
    },
  );

  app.get(
    '/api/v1/borgerblikket/municipalities/:code/configuration/history',
    {
      schema: {
        tags,
        summary: 'Historikken over kommunens KLE-opsætning: hvem, hvornår, hvorfor og før → efter',
        description: `${READ} Nyeste først, 25 ændringer pr. side.`,
        params,
        querystring: z.object({ page: z.coerce.number().int().min(1).max(10_000).optional() }),
        response: { 200: historyOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const { code } = request.params;
      authorizeBorgerblikketMunicipality(ctx.actor, code, 'read');
      await loadMunicipalityRef(ctx.db, code);
      const h = await loadHistory(ctx.db, code, request.query.page ?? 1, HISTORY_API_NUMBERS);
      return {
        total: h.total,
        page: h.page,
        pages: h.pages,
        changes: h.changes.map((c) => ({ id: c.id, kind: c.kind, reason: c.reason, changedAt: c.changedAt.toISOString(), changedBy: c.changedByName, numbers: c.numbers, entries: c.entries })),
      };
    },
  );
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalid, notFound } from '../../../platform/errors.ts';
import { apiBody, errorResponses, iso, municipalityCodeParam } from '../../../platform/http/api-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import type { Db } from '../../../db/client.ts';
import { aulaCategoryKeys } from '../categories.ts';
import { authorizeAulaMunicipality } from '../policy.ts';
import { archiveKinds, archiveStates, esdhSystems, integrationStates, readinessItems } from '../schema.ts';
import { loadMunicipality, type AulaMunicipalityView } from './load-municipality.ts';
import { parseReadiness, parseRegistration, parseRelevantCategories } from './municipality-input.ts';
import { recordReadiness } from './record-readiness.ts';
import { saveMunicipality } from './save-municipality.ts';
import { saveRelevantCategories } from './save-relevant-categories.ts';

const tags = ['Aula'];
const params = z.object({ code: municipalityCodeParam });

const municipalityOut = z
  .object({
    code: z.string(),
    name: z.string(),
    esdh: z
      .object({
        system: z.enum(esdhSystems).nullable().describe('null: ikke oplyst'),
        other: z.string().nullable().describe('Systemets navn, når system er andet'),
        vendorInTest: z.boolean().nullable().describe('Deltager leverandøren i end-to-end-testen? null: ved ikke'),
      })
      .meta({ id: 'AulaMunicipalityEsdh' }),
    integrationState: z.enum(integrationStates),
    archive: z
      .object({
        kind: z.enum(archiveKinds).nullable(),
        name: z.string().nullable().describe('§ 7-arkivets navn'),
        plannedOn: z.string().nullable().describe('Planlagt aflevering, YYYY-MM-DD'),
        state: z.enum(archiveStates),
      })
      .meta({ id: 'AulaMunicipalityArchive' }),
    relevantCategories: z
      .array(
        z
          .object({ key: z.string(), name: z.string(), relevant: z.boolean(), isDefault: z.boolean().describe('Kategorien er relevant som standard') })
          .meta({ id: 'AulaMunicipalityCategory' }),
      )
      .describe('Alle ni kategorier'),
    readiness: z
      .array(
        z
          .object({
            item: z.enum(readinessItems),
            done: z.boolean(),
            at: z.string().nullable().describe('Seneste ændring; null når punktet aldrig er ændret'),
            by: z.string().nullable().describe('Navnet på den, der ændrede det'),
            note: z.string(),
            ruleSetId: z.string().nullable().describe('Den version af slettereglerne, en bekræftelse af «klar_til_sletteregler» gælder for (den nyeste, da den blev givet)'),
          })
          .meta({ id: 'AulaMunicipalityReadiness' }),
      )
      .describe('Tjeklistens tre punkter og deres seneste tilstand'),
  })
  .meta({ id: 'AulaMunicipality' });

const registrationBody = z
  .object({
    esdhSystem: z.enum(esdhSystems).nullable(),
    esdhOther: z.string().nullable().optional().describe('Påkrævet når esdhSystem er andet'),
    vendorInTest: z.boolean().nullable().describe('null: ved ikke'),
    integrationState: z.enum(integrationStates),
    archiveKind: z.enum(archiveKinds).nullable(),
    archiveName: z.string().nullable().optional().describe('Påkrævet når archiveKind er paragraf7'),
    archivePlannedOn: z.string().nullable().optional().describe('YYYY-MM-DD'),
    archiveState: z.enum(archiveStates),
  });
const categoriesBody = z.object({ categories: z.array(z.enum(aulaCategoryKeys)).describe('De relevante kategorier; de øvrige er ikke relevante') });
const readinessBody = z
  .object({ item: z.enum(readinessItems), done: z.boolean(), note: z.string().optional() });

const present = (m: AulaMunicipalityView): z.infer<typeof municipalityOut> => ({
  ...m,
  readiness: m.readiness.map((r) => ({ ...r, at: iso(r.at) })),
});

async function current(db: Db, code: string) {
  const m = await loadMunicipality(db, code);
  if (!m) throw notFound('Kommunen findes ikke.');
  return present(m);
}

const READ = 'Kommunens egne brugere og KOMBITs medarbejdere læser; en anden kommune og en kode, der ikke er en kommune, giver 404.';
const WRITE =
  'Kun kommunens systemansvarlige for Aula og programlederen (andre, også KOMBIT: 403; en anden kommune: 404). Fejl giver 422 med fieldErrors, og intet ændres; de samme værdier igen ændrer og logger intet.';

export function registerMunicipalApi(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/aula/municipalities/:code',
    {
      schema: {
        tags,
        summary: 'En kommunes Aula-oplysninger: ESDH, integration, arkiv, relevante kategorier og parathed',
        description: READ,
        params,
        response: { 200: municipalityOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeAulaMunicipality(ctx.actor, request.params.code, 'read');
      return current(ctx.db, request.params.code);
    },
  );

  app.put(
    '/api/v1/aula/municipalities/:code',
    {
      schema: { tags, summary: 'Gem kommunens ESDH-system, integrationens status og arkiveringen', description: WRITE, params, body: apiBody(registrationBody), response: { 200: municipalityOut, ...errorResponses } },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const { code } = request.params;
      authorizeAulaMunicipality(ctx.actor, code, 'edit');
      await saveMunicipality(ctx, code, parseRegistration(request.body));
      return current(ctx.db, code);
    },
  );

  app.put(
    '/api/v1/aula/municipalities/:code/relevant-categories',
    {
      schema: { tags, summary: 'Gem hvilke kategorier kommunen journaliserer', description: WRITE, params, body: apiBody(categoriesBody), response: { 200: municipalityOut, ...errorResponses } },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const { code } = request.params;
      authorizeAulaMunicipality(ctx.actor, code, 'edit');
      if (!Array.isArray(request.body.categories)) throw invalid({ categories: 'Send categories som en liste af kategorinøgler' }, 'Kategorierne er ikke gemt.');
      await saveRelevantCategories(ctx, code, parseRelevantCategories(request.body.categories));
      return current(ctx.db, code);
    },
  );

  app.post(
    '/api/v1/aula/municipalities/:code/readiness',
    {
      schema: {
        tags,
        summary: 'Markér et punkt på kommunens parathedstjekliste som klaret eller ikke klaret',
        description: `${WRITE} Et punkt, der allerede har den ønskede status, får ingen ny hændelse.`,
        params,
        body: apiBody(readinessBody),
        response: { 200: municipalityOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const { code } = request.params;
      authorizeAulaMunicipality(ctx.actor, code, 'edit');
      await recordReadiness(ctx, code, parseReadiness(request.body));
      return current(ctx.db, code);
    },
  );
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../../platform/errors.ts';
import { apiBody, errorResponses, uuidParam } from '../../../platform/http/api-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { activityInput } from './activity-input.ts';
import { deleteActivity } from './delete-activity.ts';
import { saveActivity } from './save-activity.ts';
import { columnGInput, saveColumnG } from './save-column-g.ts';
import { rightsInput, saveRights } from './save-rights.ts';

const idParams = z.object({ id: uuidParam });
const activityParams = z.object({ id: uuidParam, activityId: uuidParam });

const activitySaved = z
  .object({ id: z.string(), ref: z.string(), created: z.boolean().describe('false: rettet, eller samme anmodning sendt igen') })
  .meta({ id: 'ComplianceActivitySaved' });

/**
 * Column G is sent as a bare list, as the package's `columnG` reads; the fields are checked by the
 * use case after its policy, with Danish messages.
 */
function listBody(documented: z.ZodType) {
  const shown = z.toJSONSchema(documented, { io: 'input', target: 'openapi-3.0', unrepresentable: 'any' });
  delete shown.$schema;
  return z.custom<unknown[]>((v) => Array.isArray(v), 'Indholdet skal være en JSON-liste.').meta(shown as Record<string, unknown>);
}

const idempotent =
  'Samme anmodning sendt igen (samme header `Idempotency-Key`, eller samme indhold inden for få sekunder) gemmes én gang og får samme svar.';
const keys = 'Nøglerne er fra valglisterne (retsgrundlag, kategorier, opbevaring, overførselsgrundlag); en ukendt nøgle giver 422, og intet ændres.';

/** The writes the Skema 1 pages make, for integrations: only KOMBIT's information security, only on drafts. */
export function registerRecordApi(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Compliance'];

  app.post(
    '/api/v1/compliance/packages/:id/activities',
    {
      schema: {
        tags,
        summary: 'Tilføj en behandlingsaktivitet til en kladdes Skema 1',
        description: `${keys} \`ref\` skal være entydigt i pakken (409). Tredjelande kræver \`transferBasis\`. ${idempotent}`,
        params: idParams,
        body: apiBody(activityInput),
        response: { 200: activitySaved, 201: activitySaved, ...errorResponses },
      },
    },
    async (request, reply) => {
      const r = await saveActivity(actorCtx(request), request.params.id, null, request.body, clientKeyOf(request));
      return reply.status(r.created ? 201 : 200).send(r);
    },
  );

  app.put(
    '/api/v1/compliance/packages/:id/activities/:activityId',
    {
      schema: {
        tags,
        summary: 'Ret en behandlingsaktivitet i en kladde (hele aktiviteten)',
        description: `${keys} En kategori, der fjernes, fjernes også fra kolonne G; de øvrige sammenhænge bevares. ${idempotent}`,
        params: activityParams,
        body: apiBody(activityInput),
        response: { 200: activitySaved, ...errorResponses },
      },
    },
    async (request) => saveActivity(actorCtx(request), request.params.id, request.params.activityId, request.body, clientKeyOf(request)),
  );

  app.delete(
    '/api/v1/compliance/packages/:id/activities/:activityId',
    {
      schema: {
        tags,
        summary: 'Slet en behandlingsaktivitet i en kladde med dens kategorier og kolonne G',
        params: activityParams,
        response: { 204: z.null().describe('Slettet'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const r = await deleteActivity(actorCtx(request), request.params.id, request.params.activityId);
      if (!r.deleted) throw notFound('Behandlingsaktiviteten findes ikke.');
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/v1/compliance/packages/:id/activities/:activityId/column-g',
    {
      schema: {
        tags,
        summary: 'Erstat en behandlingsaktivitets kolonne G: hvilke registrerede hver kategori af personoplysninger vedrører',
        description: `Hele kolonnen: \`[{ personalData, dataSubjects: [] }]\`. Begge ender skal være valgt på aktiviteten; ellers 422, og intet ændres. ${idempotent}`,
        params: activityParams,
        body: listBody(columnGInput),
        response: { 200: z.object({ links: z.number().int().describe('Antal sammenhænge') }).meta({ id: 'ComplianceColumnGSaved' }), ...errorResponses },
      },
    },
    async (request) => saveColumnG(actorCtx(request), request.params.id, request.params.activityId, request.body, clientKeyOf(request)),
  );

  app.put(
    '/api/v1/compliance/packages/:id/rights',
    {
      schema: {
        tags,
        summary: 'Gem en kladdes principper, sikkerhedsforanstaltninger og håndteringen af de registreredes rettigheder',
        description: `Erstatter det hele: en rettighed, der ikke er med (eller har tom tekst), er ikke beskrevet. Rettighederne er nøgler fra valglisten \`right\`. ${idempotent}`,
        params: idParams,
        body: apiBody(rightsInput),
        response: { 200: z.object({ rights: z.number().int().describe('Beskrevne rettigheder') }).meta({ id: 'ComplianceRightsSaved' }), ...errorResponses },
      },
    },
    async (request) => saveRights(actorCtx(request), request.params.id, request.body, clientKeyOf(request)),
  );
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiBody, errorResponses, iso, uuidParam } from '../../../platform/http/api-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { notFound } from '../../../platform/errors.ts';
import { authorizeMappings } from '../policy.ts';
import { addMapping } from './add-mapping.ts';
import { loadMappings, loadUnmapped, type MappingRow, UNMAPPED_SHOWN } from './load-mappings.ts';
import { removeMapping } from './remove-mapping.ts';

const tags = ['Single sign-on'];
const ADMINS = 'Kun KOMBITs administratorer (ellers 403). ';

const mappingOut = z
  .object({
    id: z.string(),
    privilege: z.string(),
    roleTypeKey: z.string(),
    roleLabel: z.string(),
    solutionKey: z.string().nullable(),
    solutionName: z.string().nullable(),
    createdAt: z.string().describe('ISO 8601'),
  })
  .meta({ id: 'SsoPrivilegeMapping' });
const unmappedOut = z
  .object({
    privilege: z.string(),
    scopeCvr: z.string(),
    municipalityCode: z.string().nullable().describe('null når CVR-nummeret ikke er en kommune'),
    municipalityName: z.string().nullable(),
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
    times: z.number().int(),
  })
  .meta({ id: 'SsoUnmappedPrivilege' });

const toMapping = (m: MappingRow) => ({ ...m, createdAt: iso(m.createdAt)! });

/** The privilege mapping as JSON; the pages' use cases do the writes. */
export function registerPrivilegeApi(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/sso/privilege-mappings',
    { schema: { tags, summary: 'Tilknytninger af Context Handler-rettigheder til roller', description: ADMINS, response: { 200: z.array(mappingOut), ...errorResponses } } },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeMappings(ctx.actor);
      return (await loadMappings(ctx.db)).map(toMapping);
    },
  );

  app.post(
    '/api/v1/sso/privilege-mappings',
    {
      schema: {
        tags,
        summary: 'Tilknyt en Context Handler-rettighed til en rolle',
        description: `${ADMINS}Rollen skal være en af kommunernes; løsning kræves for roller pr. løsning og afvises ellers. En tilknytning, der findes, giver 409. Samme Idempotency-Key og indhold igen svarer 200 med den første.`,
        body: apiBody(z.object({ privilege: z.string().describe('URI: http(s):// eller urn:'), roleTypeKey: z.string(), solutionKey: z.string().nullable().optional() })),
        response: { 200: mappingOut, 201: mappingOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = actorCtx(request);
      const { id, created } = await addMapping(ctx, request.body, clientKeyOf(request));
      const [row] = await loadMappings(ctx.db, id);
      if (!row) throw notFound('Tilknytningen findes ikke.');
      return reply.status(created ? 201 : 200).send(toMapping(row));
    },
  );

  app.delete(
    '/api/v1/sso/privilege-mappings/:id',
    {
      schema: {
        tags,
        summary: 'Fjern en tilknytning',
        description: `${ADMINS}Svarer 204, også når den allerede er fjernet. Roller, den har givet, bliver hos brugerne.`,
        params: z.object({ id: uuidParam }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeMapping(actorCtx(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/sso/unmapped-privileges',
    {
      schema: {
        tags,
        summary: 'Rettigheder fra Context Handler, der ikke er tilknyttet en rolle',
        description: `${ADMINS}Senest set først, højst ${String(UNMAPPED_SHOWN)}.`,
        response: { 200: z.array(unmappedOut), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeMappings(ctx.actor);
      return (await loadUnmapped(ctx.db)).map((u) => ({ ...u, firstSeenAt: iso(u.firstSeenAt)!, lastSeenAt: iso(u.lastSeenAt)! }));
    },
  );
}

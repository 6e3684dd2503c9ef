import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attentionJson, attentionResponse } from '../../platform/attention/api.ts';
import { attentionForMunicipality } from '../../platform/attention/provider.ts';
import { notFound } from '../../platform/errors.ts';
import { apiBody, errorResponses, iso, municipalityCodeParam, uuidParam } from '../../platform/http/api-schemas.ts';
import { actorCtx } from '../../platform/http/request-context.ts';
import { issuePasswordLink } from '../auth/index.ts';
import { clientKeyOf } from '../../platform/idempotency/claim-request.ts';
import { addPerson } from './add-person.ts';
import { assignRole } from './assign-role.ts';
import { deactivatePerson } from './deactivate-person.ts';
import { assignRoleInput, personInput } from './inputs.ts';
import { authorize, authorizeCentralOverview } from './policy.ts';
import { getGallery, getMunicipality, listMunicipalities, referenceLists, roleOverview } from './queries.ts';
import { removeRole } from './remove-role.ts';
import { updatePerson } from './update-person.ts';
import { danishDay } from '../../platform/views/format.ts';

const roleOut = z.object({
  id: z.string(),
  roleTypeKey: z.string(),
  roleLabel: z.string(),
  solutionKey: z.string().nullable(),
  solutionName: z.string().nullable(),
  isPrimary: z.boolean(),
  since: z.string(),
});
const personOut = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    title: z.string(),
    phone: z.string(),
    active: z.boolean(),
    deactivatedAt: z.string().nullable(),
    hasLogin: z.boolean(),
    roles: z.array(roleOut),
  })
  .meta({ id: 'Person' });
const municipalityOut = z
  .object({ code: z.string(), name: z.string(), region: z.string(), kkr: z.string(), population: z.number(), cvr: z.string().nullable() })
  .meta({ id: 'Municipality' });

const codeParams = z.object({ code: municipalityCodeParam });
const personParams = z.object({ code: municipalityCodeParam, personId: uuidParam });

type Gallery = Awaited<ReturnType<typeof getGallery>>;
const presentPerson = (p: Gallery[number]) => ({
  id: p.id,
  name: p.name,
  email: p.email,
  title: p.title,
  phone: p.phone,
  active: p.active,
  deactivatedAt: iso(p.deactivatedAt),
  hasLogin: p.hasLogin,
  roles: p.roles.map((r) => ({ ...r, since: iso(r.createdAt)!, createdAt: undefined, removedAt: undefined })),
});

export function registerOrganisationsApi(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Rollegalleri'];

  const personById = async (db: Parameters<typeof getGallery>[0], code: string, id: string) => {
    const found = (await getGallery(db, code)).find((p) => p.id === id);
    if (!found) throw notFound('Personen findes ikke.');
    return presentPerson(found);
  };

  app.get(
    '/api/v1/reference',
    {
      schema: {
        tags,
        summary: 'Løsninger og rolletyper',
        response: {
          200: z.object({
            solutions: z.array(z.object({ key: z.string(), name: z.string(), k98: z.boolean(), phase: z.string() })),
            roleTypes: z.array(z.object({ key: z.string(), labelDa: z.string(), scope: z.string(), perSolution: z.boolean(), maxPerMunicipality: z.number().nullable() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const ref = await referenceLists(actorCtx(request).db);
      return { solutions: ref.solutions, roleTypes: ref.roleTypes };
    },
  );

  app.get(
    '/api/v1/municipalities',
    { schema: { tags, summary: 'De 98 kommuner (stamdata)', response: { 200: z.array(municipalityOut), ...errorResponses } } },
    async (request) => (await listMunicipalities(actorCtx(request).db)).map(({ activePeople: _n, ...m }) => m),
  );

  app.get(
    '/api/v1/municipalities/:code/gallery',
    {
      schema: {
        tags,
        summary: 'En kommunes rollegalleri',
        params: codeParams,
        response: { 200: z.object({ municipality: municipalityOut, people: z.array(personOut) }), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorize(ctx.actor, 'read', request.params.code);
      const m = await getMunicipality(ctx.db, request.params.code);
      if (!m) throw notFound();
      const people = await getGallery(ctx.db, m.code);
      return { municipality: m, people: people.map(presentPerson) };
    },
  );

  app.get(
    '/api/v1/municipalities/:code/attention',
    {
      schema: {
        tags,
        summary: 'Det der venter på en kommune: åbne opgaver, aftaler til underskrift, huller i rollegalleriet',
        description:
          'Samme punkter som kommunesiden (/kommuner/{code}). KOMBIT ser alle kommuner, en kommunes brugere kun deres egen (andre kommuner: 404).',
        params: codeParams,
        response: { 200: attentionResponse, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorize(ctx.actor, 'read', request.params.code);
      const m = await getMunicipality(ctx.db, request.params.code);
      if (!m) throw notFound();
      const today = danishDay(ctx.now);
      return attentionJson(await attentionForMunicipality(ctx, m.code, today), today);
    },
  );

  app.post(
    '/api/v1/municipalities/:code/people',
    { schema: { tags, summary: 'Tilføj person', params: codeParams, body: apiBody(personInput), response: { 201: personOut, ...errorResponses } } },
    async (request, reply) => {
      const ctx = actorCtx(request);
      const created = await addPerson(ctx, request.params.code, request.body);
      return reply.status(201).send(await personById(ctx.db, request.params.code, created.id));
    },
  );

  app.put(
    '/api/v1/municipalities/:code/people/:personId',
    { schema: { tags, summary: 'Ret en persons oplysninger', params: personParams, body: apiBody(personInput), response: { 200: personOut, ...errorResponses } } },
    async (request) => {
      const ctx = actorCtx(request);
      await updatePerson(ctx, request.params.code, request.params.personId, request.body);
      return personById(ctx.db, request.params.code, request.params.personId);
    },
  );

  app.post(
    '/api/v1/municipalities/:code/people/:personId/deactivate',
    { schema: { tags, summary: 'Deaktivér person (historik bevares)', params: personParams, response: { 200: personOut, ...errorResponses } } },
    async (request) => {
      const ctx = actorCtx(request);
      await deactivatePerson(ctx, request.params.code, request.params.personId);
      return personById(ctx.db, request.params.code, request.params.personId);
    },
  );

  app.post(
    '/api/v1/municipalities/:code/people/:personId/roles',
    {
      schema: {
        tags,
        summary: 'Tildel rolle (gentagelse er uden virkning)',
        params: personParams,
        body: apiBody(assignRoleInput),
        response: { 200: personOut, 201: personOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = actorCtx(request);
      const { changed } = await assignRole(ctx, request.params.code, request.params.personId, request.body);
      return reply.status(changed ? 201 : 200).send(await personById(ctx.db, request.params.code, request.params.personId));
    },
  );

  app.delete(
    '/api/v1/municipalities/:code/people/:personId/roles/:assignmentId',
    {
      schema: {
        tags,
        summary: 'Fjern rolle',
        params: personParams.extend({ assignmentId: uuidParam }),
        response: { 200: personOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      await removeRole(ctx, request.params.code, request.params.personId, request.params.assignmentId);
      return personById(ctx.db, request.params.code, request.params.personId);
    },
  );

  app.post(
    '/api/v1/municipalities/:code/people/:personId/password-link',
    {
      schema: {
        tags,
        summary: 'Send engangslink til at vælge adgangskode (opretter login ved første brug)',
        description: 'Samme `Idempotency-Key`-header (eller, uden den, en gentagelse inden for 10 sekunder) sender kun ét link og én mail.',
        params: personParams,
        response: { 202: z.object({ userId: z.string(), newAccount: z.boolean() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await issuePasswordLink(actorCtx(request), request.params.code, request.params.personId, clientKeyOf(request));
      return reply.status(202).send(result);
    },
  );

  app.get(
    '/api/v1/role-overview',
    {
      // Who may ask comes before what was asked: a municipal user gets 403, not a 422 about the query.
      onRequest: async (request) => authorizeCentralOverview(actorCtx(request).actor),
      schema: {
        tags,
        summary: 'Hvem har rollen R (for løsningen S) i alle kommuner; ubesatte først',
        querystring: z.object({ role: z.string().min(1), solution: z.string().optional() }),
        response: {
          200: z.object({
            roleTypeKey: z.string(),
            solutionKey: z.string().nullable(),
            vacantCount: z.number(),
            coveredCount: z.number(),
            municipalities: z.array(
              z.object({
                code: z.string(),
                name: z.string(),
                region: z.string(),
                holders: z.array(z.object({ personId: z.string(), name: z.string(), email: z.string(), phone: z.string(), isPrimary: z.boolean() })),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeCentralOverview(ctx.actor);
      const ref = await referenceLists(ctx.db);
      const role = ref.roleTypes.find((r) => r.key === request.query.role && r.scope === 'municipal');
      if (!role) throw notFound('Rolletypen findes ikke.');
      const solutionKey = role.perSolution ? (request.query.solution ?? null) : null;
      if (role.perSolution && !ref.solutions.some((s) => s.key === solutionKey)) throw notFound('Løsningen findes ikke.');
      const o = await roleOverview(ctx.db, role.key, solutionKey);
      return { roleTypeKey: role.key, solutionKey, vacantCount: o.vacantCount, coveredCount: o.coveredCount, municipalities: o.rows };
    },
  );
}

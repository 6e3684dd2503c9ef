import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { danishDay } from '../../../platform/days.ts';
import { invalid } from '../../../platform/errors.ts';
import { apiBody, errorResponses, iso, uuidParam } from '../../../platform/http/api-schemas.ts';
import { calendarDay } from '../../../platform/http/page-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { aulaCategoryKeys } from '../categories.ts';
import { authorizeAulaRules } from '../policy.ts';
import { deletionTriggers } from '../schema.ts';
import { createRuleSet } from './create-rule-set.ts';
import { deleteRuleSet } from './delete-rule-set.ts';
import { loadRuleSets, ruleSetStatus, rulesInForce, type RuleSet } from './in-force.ts';
import { ruleSetInputSchema } from './rule-set-input.ts';
import { ruleSetNotFound } from './save-errors.ts';
import { updateRuleSet } from './update-rule-set.ts';

const tags = ['Aula'];

const ruleOut = z
  .object({
    category: z.enum(aulaCategoryKeys),
    trigger: z.enum(deletionTriggers).describe('barnet_fratraeder: barnet fratræder institutionen; oprettet: filen er oprettet; sidst_aendret: filen er sidst ændret'),
    periodMonths: z.number().int().describe('Måneder fra hændelsen til filen slettes'),
  })
  .meta({ id: 'AulaRule' });

const ruleSetOut = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    activationDate: z.string().describe('Den dag versionen træder i kraft, åååå-mm-dd'),
    description: z.string(),
    status: z.enum(['in_force', 'future', 'superseded']).describe('Set fra den spurgte dag'),
    rules: z.array(ruleOut),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'AulaRuleSet' });

const rulesOut = z
  .object({
    date: z.string().describe('Den dag, der er spurgt om (i dag, hvis ikke andet er angivet)'),
    inForceId: z.string().uuid().nullable().describe('Den version, der gælder den dag; null før den første'),
    ruleSets: z.array(ruleSetOut).describe('Alle versioner, nyeste ikrafttræden først'),
  })
  .meta({ id: 'AulaRuleSets' });

const rulesQuery = z.object({ date: z.string().optional().describe('åååå-mm-dd; standard: i dag') });
const ruleParams = z.object({ id: uuidParam });

const present = (sets: RuleSet[], s: RuleSet, day: string) => ({
  id: s.id,
  name: s.name,
  activationDate: s.activationDate,
  description: s.description,
  status: ruleSetStatus(sets, s, day),
  rules: s.rules,
  updatedAt: iso(s.updatedAt),
});

async function oneSet(db: Db, id: string, day: string) {
  const sets = await loadRuleSets(db);
  const s = sets.find((x) => x.id === id);
  if (!s) throw ruleSetNotFound();
  return present(sets, s, day);
}

const ONE_DAY = 'Versionen, der gælder en dag, er den, der senest er trådt i kraft på eller før dagen; én version pr. dag (en anden version samme dag giver 409). ';

/** The deletion rules as JSON: everyone signed in reads; central administrators and consultants change them. */
export function registerRuleApi(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/aula/rules',
    {
      schema: {
        tags,
        summary: 'Alle versioner af slettereglerne for sikre filer, og hvilken der gælder',
        description: ONE_DAY + 'Siden [/aula/sletteregler](/aula/sletteregler) viser det samme.',
        querystring: rulesQuery,
        response: { 200: rulesOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeAulaRules(ctx.actor, 'read');
      const asked = request.query.date;
      if (asked !== undefined && !calendarDay.safeParse(asked).success) throw invalid({ date: 'Skriv datoen som åååå-mm-dd' });
      const day = asked ?? danishDay(ctx.now);
      const sets = await loadRuleSets(ctx.db);
      return { date: day, inForceId: rulesInForce(sets, day)?.id ?? null, ruleSets: sets.map((s) => present(sets, s, day)) };
    },
  );

  app.post(
    '/api/v1/aula/rules',
    {
      schema: {
        tags,
        summary: 'Opret en version af slettereglerne',
        description:
          'Kun KOMBITs administratorer og konsulenter. Alle ni kategorier skal have en regel; perioden er 1–600 måneder. ' +
          ONE_DAY +
          'Samme anmodning igen (Idempotency-Key eller samme indhold inden for få sekunder) opretter ikke en ny, men svarer 200 med den første.',
        body: apiBody(ruleSetInputSchema),
        response: { 200: ruleSetOut, 201: ruleSetOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = actorCtx(request);
      const { id, created } = await createRuleSet(ctx, request.body, clientKeyOf(request));
      return reply.status(created ? 201 : 200).send(await oneSet(ctx.db, id, danishDay(ctx.now)));
    },
  );

  app.put(
    '/api/v1/aula/rules/:id',
    {
      schema: {
        tags,
        summary: 'Ret en version af slettereglerne (hele versionen sendes)',
        description: 'Som oprettelsen. Samme indhold igen ændrer intet og logges ikke.',
        params: ruleParams,
        body: apiBody(ruleSetInputSchema),
        response: { 200: ruleSetOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      await updateRuleSet(ctx, request.params.id, request.body);
      return oneSet(ctx.db, request.params.id, danishDay(ctx.now));
    },
  );

  app.delete(
    '/api/v1/aula/rules/:id',
    {
      schema: {
        tags,
        summary: 'Slet en version, der endnu ikke er trådt i kraft',
        description: 'En version, der gælder eller er afløst, eller som kommuner har bekræftet parathed for, giver 409.',
        params: ruleParams,
        response: { 204: z.null().describe('Slettet'), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteRuleSet(actorCtx(request), request.params.id, clientKeyOf(request));
      return reply.status(204).send(null);
    },
  );
}

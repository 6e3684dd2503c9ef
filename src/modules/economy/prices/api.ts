import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { apiBody, errorResponses, uuidParam } from '../../../platform/http/api-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { authorizeEconomy } from '../policy.ts';
import { priceModelKinds } from '../schema.ts';
import { createPriceModel } from './create-price-model.ts';
import { deletePriceModel } from './delete-price-model.ts';
import { setUsage } from './import-usage.ts';
import { loadPriceModels, type StoredPriceModel } from './load-prices.ts';
import { loadYearPrices } from './load-year-prices.ts';
import { priceModelInputSchema } from './price-model-input.ts';
import { modelNotFound, updatePriceModel } from './update-price-model.ts';
import { apiYear } from './year.ts';

const tags = ['Økonomi'];

const yearParams = z.object({ year: apiYear });
const modelParams = z.object({ year: apiYear, id: uuidParam });

const kinkOut = z
  .object({ thresholdCitizens: z.number().int().describe('Grænsen i indbyggere, fx 150000'), reducedPercent: z.number().int().describe('Procent for indbyggere over grænsen, fx 50') })
  .meta({ id: 'EconomyPriceKink' });
const unitPriceOut = z.object({ label: z.string().describe('Fx tryk'), unitPriceOre: z.number().int().describe('Øre pr. enhed, fx 190') }).meta({ id: 'EconomyPriceUnitPrice' });
const usageEntry = z.object({ code: z.string().describe('Kommunekoden, fx 0101'), quantity: z.number().int() }).meta({ id: 'EconomyPriceUsage' });

const modelOut = z
  .object({
    id: z.string().uuid(),
    label: z.string(),
    kind: z.enum(priceModelKinds),
    rateOre: z.number().int().nullable().describe('per_citizen og per_citizen_kink: øre pr. indbygger'),
    amountOre: z.number().int().nullable().describe('fixed: øre pr. kommune; distributed: det samlede beløb i øre'),
    kink: kinkOut.nullable(),
    usageUnit: z.string().nullable(),
    unitPrices: z.array(unitPriceOut),
    usage: z.array(usageEntry).describe('usage: antal pr. kommune (kommuner uden forbrug er udeladt)'),
    sort: z.number().int(),
  })
  .meta({ id: 'EconomyPriceModel' });

const pricesOut = z
  .object({
    year: z.number().int(),
    locked: z.boolean().describe('Årets fakturaer er offentliggjort; priserne kan ikke ændres'),
    solutions: z.array(z.object({ key: z.string(), name: z.string(), models: z.array(modelOut) }).meta({ id: 'EconomyPriceSolution' })),
  })
  .meta({ id: 'EconomyPrices' });

const usageIn = z
  .object({ usage: z.array(z.object({ code: z.string().describe('Kommunekode, fx 0101 eller 101'), quantity: z.number().int().min(0) })) })
  .meta({ id: 'EconomyPriceUsageSave' });
const usageOut = z
  .object({ municipalities: z.number().int().describe('Kommuner med forbrug efter indlæsningen'), changed: z.number().int().describe('Kommuner, hvis tal ændrede sig') })
  .meta({ id: 'EconomyPriceUsageResult' });

function present(m: StoredPriceModel) {
  return {
    id: m.id,
    label: m.label,
    kind: m.kind,
    rateOre: m.rateOre,
    amountOre: m.amountOre,
    kink: m.kink,
    usageUnit: m.usageUnit,
    unitPrices: m.unitPrices,
    usage: [...m.usage].map(([code, quantity]) => ({ code, quantity })).sort((a, b) => a.code.localeCompare(b.code)),
    sort: m.sort,
  };
}

async function oneModel(db: Db, year: number, id: string) {
  const m = (await loadPriceModels(db, year)).find((x) => x.id === id);
  if (!m) throw modelNotFound();
  return present(m);
}

const LOCK =
  'Når årets fakturaer er offentliggjort, er priserne låst: enhver ændring svarer 409 «Priserne for <år> er låst, fordi årets fakturaer er offentliggjort.», og intet ændres. ';

/** The prices as JSON: central staff read, the economy role and administrators change; a municipality gets 404. */
export function registerPriceApi(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/economy/years/:year/prices',
    {
      schema: {
        tags,
        summary: 'Årets prismodeller pr. løsning (alle 14 løsninger, også dem uden priser)',
        description: 'Beløb i hele øre. Kun KOMBITs medarbejdere. Siden [/oekonomi/priser](/oekonomi/priser) viser det samme med et regneeksempel.',
        params: yearParams,
        response: { 200: pricesOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeEconomy(ctx.actor, 'read');
      const prices = await loadYearPrices(ctx.db, request.params.year, { example: false });
      return { year: prices.year, locked: prices.locked, solutions: prices.solutions.map((s) => ({ key: s.key, name: s.name, models: s.models.map(present) })) };
    },
  );

  app.post(
    '/api/v1/economy/years/:year/prices',
    {
      schema: {
        tags,
        summary: 'Opret en prismodel for en løsning i året',
        description:
          'Kun KOMBITs økonomi og administratorer. Hvilke felter en type bruger: per_citizen rateOre; per_citizen_kink rateOre og kink; fixed amountOre; ' +
          'distributed amountOre og evt. kink; usage usageUnit og unitPrices. Et felt, typen ikke bruger, afvises. Et navn, løsningen allerede har i året, giver 409. ' +
          LOCK +
          'Samme anmodning igen (Idempotency-Key eller samme indhold inden for få sekunder) opretter ikke en ny, men svarer 200 med den første.',
        params: yearParams,
        body: apiBody(priceModelInputSchema),
        response: { 200: modelOut, 201: modelOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = actorCtx(request);
      const { id, created } = await createPriceModel(ctx, request.params.year, request.body, clientKeyOf(request));
      return reply.status(created ? 201 : 200).send(await oneModel(ctx.db, request.params.year, id));
    },
  );

  app.put(
    '/api/v1/economy/years/:year/prices/:id',
    {
      schema: {
        tags,
        summary: 'Ret en prismodel (hele modellen sendes)',
        description: 'Som oprettelsen. En model, der ikke længere er af typen usage, mister sine enhedspriser og sit forbrug. ' + LOCK,
        params: modelParams,
        body: apiBody(priceModelInputSchema),
        response: { 200: modelOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      await updatePriceModel(ctx, request.params.year, request.params.id, request.body);
      return oneModel(ctx.db, request.params.year, request.params.id);
    },
  );

  app.delete(
    '/api/v1/economy/years/:year/prices/:id',
    {
      schema: {
        tags,
        summary: 'Slet en prismodel med dens enhedspriser og forbrug',
        description: LOCK,
        params: modelParams,
        response: { 204: z.null().describe('Slettet'), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deletePriceModel(actorCtx(request), request.params.year, request.params.id, clientKeyOf(request));
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/v1/economy/years/:year/prices/:id/usage',
    {
      schema: {
        tags,
        summary: 'Erstat en forbrugsmodels antal pr. kommune',
        description:
          'Listen erstatter modellens forbrug: kommuner, der ikke står i den, har intet forbrug. Er blot én linje forkert (ukendt kommune, negativt antal), ' +
          'ændres intet, og svaret er 422 med fieldErrors pr. linje (`usage.3.code`). Samme liste igen ændrer intet (changed: 0). ' +
          LOCK,
        params: modelParams,
        body: apiBody(usageIn),
        response: { 200: usageOut, ...errorResponses },
      },
    },
    async (request) => setUsage(actorCtx(request), request.params.year, request.params.id, request.body),
  );
}

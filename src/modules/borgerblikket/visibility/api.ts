import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalid, notFound } from '../../../platform/errors.ts';
import { apiBody, errorResponses, municipalityCodeParam } from '../../../platform/http/api-schemas.ts';
import { uploadBody } from '../../../platform/http/page-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { danishDay } from '../../../platform/views/format.ts';
import { loadYouthActivation } from '../load-configuration.ts';
import { authorizeBorgerblikketCommon, authorizeBorgerblikketMunicipality, canReadBorgerblikketMunicipality } from '../policy.ts';
import { checkVisibility } from './check-visibility.ts';
import { DEFAULT_SETTINGS } from './effective-entry.ts';
import { evaluateImpact, impactDay } from './evaluate-impact.ts';
import { parseDraft } from './impact-draft.ts';
import { EXTRACT_HEADER } from './parse-extract.ts';
import { uploadedExtract } from './extract-upload.ts';
import { setYouthActivation } from './set-youth-activation.ts';
import { parseVisibilityInput } from './visibility-input.ts';

const tags = ['Borgerblikket'];

const settingsShape = {
  shown: z.boolean(),
  youth: z.boolean().describe('Vises for 15–17-årige'),
  fromDate: z.string().nullable().describe('YYYY-MM-DD; null: ingen fradato'),
  fromDateOffForActive: z.boolean().describe('Aktive sager vises, selv om de er oprettet før fradatoen'),
  sourceSystems: z.array(z.string()).describe('Tom liste: alle kildesystemer'),
  caseTitleInsteadOfKle: z.boolean(),
  documentTitles: z.boolean(),
};
const decidedBy = z
  .object(Object.fromEntries(Object.keys(DEFAULT_SETTINGS).map((k) => [k, z.string().nullable()])) as Record<keyof typeof settingsShape, z.ZodNullable<z.ZodString>>)
  .describe('For hver indstilling det KLE-nummer (nummeret selv, gruppen eller hovedgruppen), hvis opsætning afgjorde den; null: standardværdien')
  .meta({ id: 'BorgerblikketDecidedBy' });

const visibilityBody = z.object({
  municipality: z.string().describe('Kommunekoden, fx 0320'),
  citizenAge: z.number().int().optional().describe('Borgerens alder i hele år (eller citizenBirthDate)'),
  citizenBirthDate: z.string().optional().describe('YYYY-MM-DD; alderen regnes på dagen'),
  kle: z.string().describe('Fx 27.12.04'),
  sourceSystem: z.string(),
  caseCreated: z.string().describe('YYYY-MM-DD'),
  active: z.boolean(),
  primaryParty: z.boolean(),
  onCpr: z.boolean(),
  indexed: z.boolean().describe('Kildesystemet har leveret sagen til indekset'),
  date: z.string().optional().describe('YYYY-MM-DD; standard: i dag'),
});

const visibilityOut = z
  .object({
    visible: z.boolean(),
    reasons: z.array(z.string()).describe('Hver grund på dansk: «Vises: …» eller én «Skjult: …» pr. betingelse, der ikke er opfyldt'),
    age: z.number().int().describe('Borgerens alder på dagen'),
    date: z.string(),
    municipality: z.object({ code: z.string(), name: z.string() }),
    kle: z.object({ number: z.string(), title: z.string().nullable().describe('null: findes ikke i KLE-planen'), expiredOn: z.string().nullable() }),
    settings: z.object({ ...settingsShape, decidedBy }).describe('Den opsætning, der gælder for nummeret').meta({ id: 'BorgerblikketEffectiveSettings' }),
    youthActivation: z.string().nullable().describe('Dagen, visningen for 15–17-årige blev aktiveret; null: ikke aktiveret'),
  })
  .meta({ id: 'BorgerblikketVisibility' });

const counts = {
  youthCases: z.number().int().describe('Sager med borgere på 15–17 år'),
  visibleNow: z.number().int(),
  visibleDraft: z.number().int().describe('Synlige med ændringen'),
  becomeVisible: z.number().int(),
  becomeHidden: z.number().int(),
};
const impactOut = z
  .object({
    municipality: z.object({ code: z.string(), name: z.string() }),
    date: z.string(),
    youthActivation: z.string().nullable(),
    draft: z.object({ kle: z.array(z.string()), set: z.object(settingsShape).partial(), inherit: z.array(z.string()) }),
    cases: z.number().int().describe('Udtrækkets sager (alle aldre)'),
    rows: z.array(z.object({ kle: z.string(), title: z.string().nullable(), expiredOn: z.string().nullable(), ...counts }).meta({ id: 'BorgerblikketImpactRow' })),
    totals: z.object(counts),
  })
  .meta({ id: 'BorgerblikketImpact' });

const activationOut = z.object({ youthActivation: z.string().nullable().describe('YYYY-MM-DD; null: ikke aktiveret') }).meta({ id: 'BorgerblikketYouthActivation' });
const activationBody = z.object({ youthActivation: z.string().nullable().describe('YYYY-MM-DD, eller null: ikke aktiveret') });

/** The rule, the youth activation day and their API (issue #13 points 3 and 7). */
export function registerVisibilityApi(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/v1/borgerblikket/visibility',
    {
      schema: {
        tags,
        summary: 'Hvad ser borgeren? Om borgeren ser en sag i Mit Overblik på dagen, og hvorfor',
        description:
          'Spørgsmålet stilles mod kommunens KLE-opsætning, som den er. Kommunens egne brugere og KOMBITs medarbejdere; en anden kommune og en kode, der ikke er en kommune, giver 404. ' +
          'Fejl i spørgsmålet giver 422 med fieldErrors. Intet gemmes.',
        body: apiBody(visibilityBody),
        response: { 200: visibilityOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const code = request.body.municipality;
      if (typeof code !== 'string' || !municipalityCodeParam.safeParse(code).success) throw invalid({ municipality: 'Angiv kommunekoden med fire cifre, fx 0320' });
      if (!canReadBorgerblikketMunicipality(ctx.actor, code)) throw notFound('Kommunen findes ikke.');
      const check = await checkVisibility(ctx, code, parseVisibilityInput(request.body, danishDay(ctx.now), 'api'));
      return { ...check, settings: { ...check.settings, sourceSystems: [...check.settings.sourceSystems] } };
    },
  );

  app.get(
    '/api/v1/borgerblikket/youth-activation',
    { schema: { tags, summary: 'Dagen, visningen for 15–17-årige blev (eller bliver) aktiveret', description: 'Alle, der er logget ind.', response: { 200: activationOut, ...errorResponses } } },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeBorgerblikketCommon(ctx.actor, 'read');
      return { youthActivation: await loadYouthActivation(ctx.db) };
    },
  );

  app.put(
    '/api/v1/borgerblikket/youth-activation',
    {
      schema: {
        tags,
        summary: 'Sæt dagen, visningen for 15–17-årige aktiveres',
        description: 'Kun KOMBITs administratorer og konsulenter (andre: 403). Den samme dag igen ændrer og logger intet. Idempotency-Key accepteres.',
        body: apiBody(activationBody),
        response: { 200: activationOut.extend({ changed: z.boolean() }), ...errorResponses },
      },
    },
    async (request) => setYouthActivation(actorCtx(request), request.body.youthActivation, clientKeyOf(request)),
  );
}

/** The impact evaluation's API; registered in the streamed-upload scope with the page's upload. */
export function registerImpactApi(scope: FastifyInstance): void {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/api/v1/borgerblikket/municipalities/:code/impact',
    {
      schema: {
        tags,
        summary: 'Konsekvensen for 15–17-årige af et udkast til en ændring af KLE-opsætningen, beregnet på et anonymiseret udtræk',
        description:
          `multipart/form-data med felterne i denne rækkefølge: «draft» (valgfrit, JSON: {"kle": ["27.12.04"], "set": {"youth": false}, "inherit": ["shown"]} — ` +
          'set skriver indstillinger på numrene, inherit fjerner dem, så de arves; uden draft vises opsætningen, som den er), «date» (valgfrit, YYYY-MM-DD; standard i dag) ' +
          `og til sidst filen «fil»: CSV (semikolon, UTF-8) med overskrifterne ${EXTRACT_HEADER}. Ingen CPR-numre: en CPR-kolonne eller -værdi afvises med linjenummer. ` +
          'Har blot én linje fejl, beregnes intet, og svaret er 422 med fieldErrors pr. linje (`linje-7`: besked). Udtrækket gemmes ikke, og intet ændres. ' +
          'Kommunens egne brugere og KOMBITs medarbejdere; en anden kommune 404.',
        consumes: ['multipart/form-data'],
        params: z.object({ code: municipalityCodeParam }),
        body: uploadBody,
        response: { 200: impactOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const { code } = request.params;
      authorizeBorgerblikketMunicipality(ctx.actor, code, 'read');
      const today = danishDay(ctx.now);
      const rawDraft = typeof request.body.draft === 'string' ? request.body.draft : undefined;
      let draftJson: unknown;
      try {
        draftJson = rawDraft === undefined || rawDraft.trim() === '' ? undefined : JSON.parse(rawDraft);
      } catch {
        throw invalid({ draft: 'draft skal være JSON, fx {"kle": ["27.12.04"], "set": {"youth": false}}' });
      }
      const draft = parseDraft(draftJson, today);
      const result = await evaluateImpact(ctx, code, draft, impactDay(request.body.date, ctx.now), uploadedExtract(request.body));
      const { sourceSystems, ...set } = result.draft.set;
      return { ...result, draft: { ...result.draft, set: sourceSystems === undefined ? set : { ...set, sourceSystems: [...sourceSystems] } } };
    },
  );
}

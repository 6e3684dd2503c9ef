import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiBody, errorResponses, iso } from '../../../platform/http/api-schemas.ts';
import { idParams, municipalityCodeParam, uploadBody, uuidParam } from '../../../platform/http/page-schemas.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { authorizeBorgerblikketCommon } from '../policy.ts';
import { assessmentDecisions } from '../schema.ts';
import { createAssessment } from './create-assessment.ts';
import { decideNumbers } from './decide-numbers.ts';
import { listAssessments } from './list-assessments.ts';
import { loadMunicipalityAssessment } from './load-municipality-assessment.ts';
import { loadProgress } from './load-progress.ts';

const tags = ['Borgerblikket'];
const progressStates = ['faerdig', 'i_gang', 'ikke_startet'] as const;
const params = z.object({ id: uuidParam, code: municipalityCodeParam });

const taskOut = z.object({ id: z.string(), code: z.string(), title: z.string(), deadline: z.string().describe('YYYY-MM-DD'), status: z.string() }).meta({ id: 'BorgerblikketAssessmentTask' });

const listOut = z
  .object({
    assessments: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        taskId: z.string(),
        taskCode: z.string(),
        deadline: z.string(),
        municipalities: z.number().int().describe('Kommuner i vurderingen (for en kommunes bruger: 1, kommunen selv)'),
        done: z.number().int().describe('Heraf færdige: alle numre vurderet'),
        listed: z.number().int(),
        decided: z.number().int(),
        closed: z.number().int().describe('Numre vurderet ikke klar: lukket for unge'),
      }),
    ),
  })
  .meta({ id: 'BorgerblikketAssessmentList' });

const progressOut = z
  .object({
    id: z.string(),
    title: z.string(),
    task: taskOut,
    totals: z.object({
      municipalities: z.number().int(),
      done: z.number().int(),
      inProgress: z.number().int(),
      notStarted: z.number().int(),
      listed: z.number().int(),
      decided: z.number().int(),
      closed: z.number().int(),
    }),
    municipalities: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        state: z.enum(progressStates),
        listed: z.number().int(),
        decided: z.number().int(),
        closed: z.number().int(),
        lastDecidedAt: z.string().nullable(),
        taskStatus: z.string().nullable().describe('Kommunens status på KLIK-opgaven'),
      }),
    ),
    mostClosed: z.array(z.object({ kle: z.string(), title: z.string().nullable(), closed: z.number().int(), listed: z.number().int() })).describe('De højst ti numre, flest kommuner har vurderet ikke klar'),
  })
  .meta({ id: 'BorgerblikketAssessmentProgress' });

const municipalityOut = z
  .object({
    id: z.string(),
    title: z.string(),
    task: taskOut,
    municipality: z.object({ code: z.string(), name: z.string() }),
    taskStatus: z.string().nullable(),
    numbers: z.array(
      z.object({
        kle: z.string(),
        title: z.string().nullable(),
        youthCases: z.number().int(),
        decision: z.enum(assessmentDecisions).nullable(),
        note: z.string(),
        decidedAt: z.string().nullable(),
        youth: z.boolean().describe('Visning for unge 15–17 år, som opsætningen siger nu'),
      }),
    ),
  })
  .meta({ id: 'BorgerblikketAssessmentMunicipality' });

const outcomeOut = z
  .object({
    changed: z.number().int(),
    decided: z.number().int(),
    total: z.number().int(),
    stepCompleted: z.boolean().describe('Alle numre er vurderet, og kommunens trin i KLIK-opgaven er udført'),
  })
  .meta({ id: 'BorgerblikketDecisionOutcome' });

/** The assessment's JSON routes; the pages call the same use cases. */
export function registerAssessmentApi(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/borgerblikket/assessments',
    { schema: { tags, summary: 'Vurderingerne af KLE-numre med data om unge', description: 'KOMBITs medarbejdere ser alle; en kommunes brugere de vurderinger, kommunen er med i, med kommunens egne tal.', response: { 200: listOut, ...errorResponses } } },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeBorgerblikketCommon(ctx.actor, 'read');
      const items = await listAssessments(ctx);
      return { assessments: items.map(({ createdAt: _c, ownState: _o, ...rest }) => rest) };
    },
  );

  app.get(
    '/api/v1/borgerblikket/assessments/:id/progress',
    {
      schema: {
        tags,
        summary: 'Kommunernes fremdrift i vurderingen',
        description: 'Kun KOMBITs medarbejdere; for en kommunes brugere findes den ikke (404).',
        params: idParams,
        response: { 200: progressOut, ...errorResponses },
      },
    },
    async (request) => {
      const p = await loadProgress(actorCtx(request), request.params.id);
      return {
        id: p.assessment.id,
        title: p.assessment.title,
        task: p.assessment.task,
        totals: p.totals,
        municipalities: p.municipalities.map((m) => ({ ...m, lastDecidedAt: iso(m.lastDecidedAt) })),
        mostClosed: p.mostClosed,
      };
    },
  );

  app.get(
    '/api/v1/borgerblikket/assessments/:id/municipalities/:code',
    {
      schema: {
        tags,
        summary: 'En kommunes KLE-numre i vurderingen og dens vurderinger',
        description: 'Kommunens brugere og KOMBITs medarbejdere; en anden kommune giver 404.',
        params,
        response: { 200: municipalityOut, ...errorResponses },
      },
    },
    async (request) => {
      const d = await loadMunicipalityAssessment(actorCtx(request), request.params.id, request.params.code);
      return {
        id: d.assessment.id,
        title: d.assessment.title,
        task: d.assessment.task,
        municipality: d.municipality,
        taskStatus: d.taskStatus,
        numbers: d.numbers.map((n) => ({ kle: n.kle, title: n.title, youthCases: n.youthCases, decision: n.decision, note: n.note, decidedAt: iso(n.decidedAt), youth: n.youth })),
      };
    },
  );

  app.post(
    '/api/v1/borgerblikket/assessments/:id/municipalities/:code/decisions',
    {
      schema: {
        tags,
        summary: 'Vurdér et eller flere af kommunens KLE-numre',
        description:
          '«ikke_klar» sætter visning for unge til Nej på nummeret i kommunens KLE-opsætning i samme transaktion; «klar» efter «ikke_klar» fjerner det Nej igen. Når alle numre er vurderet, udføres kommunens trin i KLIK-opgaven. Udeladt `note` bevarer den gemte note. De samme vurderinger igen ændrer intet. Kommunens systemansvarlige for Borgerblikket og programlederen; andre 403, en anden kommune 404, en lukket opgave 409.',
        params,
        body: apiBody(
          z.object({
            decisions: z.array(z.object({ kle: z.string().describe('fx 27.12.04'), decision: z.enum(assessmentDecisions), note: z.string().optional() })),
          }),
        ),
        response: { 200: outcomeOut, ...errorResponses },
      },
    },
    async (request) => decideNumbers(actorCtx(request), request.params.id, request.params.code, request.body.decisions, clientKeyOf(request)),
  );
}

/** Creating an assessment takes the extracts as files: registered inside the upload parser's scope. */
export function registerAssessmentUploadApi(scope: FastifyInstance): void {
  scope.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/borgerblikket/assessments',
    {
      schema: {
        tags,
        summary: 'Opret vurderingen: udtræk pr. kommune, KLIK-opgaven oprettes og publiceres',
        description:
          'multipart/form-data med felterne `code`, `title`, `description`, `deadline` (YYYY-MM-DD eller dd.mm.åååå) og én fil pr. kommune (XLSX eller CSV; filnavnet begynder med kommunekoden, fx 0320-faxe-udtraek.xlsx; kolonnerne KLE-nummer og Antal sager med unge). Alle filer læses først; én fejl, og intet oprettes (422 med en fejl pr. fil og linje). Samme `Idempotency-Key` igen giver den første vurdering; en brugt opgavekode giver 409. Kun KOMBITs administratorer og konsulenter; for en kommunes brugere findes ruten ikke (404).',
        consumes: ['multipart/form-data'],
        body: uploadBody,
        response: { 201: z.object({ id: z.string().describe('Vurderingens id'), taskId: z.string().describe('KLIK-opgavens id') }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const text = (v: string | string[] | undefined) => (typeof v === 'string' ? v.trim() : '');
      const created = await createAssessment(actorCtx(request), { code: text(b.code), title: text(b.title), description: text(b.description), deadline: text(b.deadline) }, b, clientKeyOf(request));
      return reply.status(201).send(created);
    },
  );
}

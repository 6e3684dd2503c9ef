import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalid } from '../../../platform/errors.ts';
import { apiBody, errorResponses, municipalityCodeParam } from '../../../platform/http/api-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { economyDocumentKinds, type EconomyDocumentKind } from '../schema.ts';
import { meetingPath, previousSources } from './content.ts';
import { openDocument, type DocumentView } from './open-document.ts';
import { publishDocuments } from './publish-documents.ts';
import { loadYearDocuments } from './year-documents.ts';

const tags = ['Økonomi'];
const year = z.coerce.number().int().min(2000, 'Ugyldigt år').max(2100, 'Ugyldigt år');
const yearParams = z.object({ year });
const documentParams = z.object({ year, code: municipalityCodeParam });

const ore = z.number().int();
const municipalityOut = z.object({ code: z.string(), name: z.string(), population: z.number().int() }).meta({ id: 'EconomyDocumentMunicipality' });
const minutesOut = z
  .array(z.object({ meetingId: z.string(), council: z.string(), date: z.string().describe('Mødedagen, åååå-mm-dd'), title: z.string(), url: z.string() }))
  .describe('Møder i K98-styringens råd i året med et referat; ældste først')
  .meta({ id: 'EconomyDocumentMinutes' });
const programmesOut = z
  .array(
    z.object({
      number: z.number().int(),
      title: z.string(),
      proposedBy: z.string().nullable().describe('Den foreslående kommune; null, når KOMBIT foreslog det'),
      estimatedCostOre: ore,
      decidedOn: z.string().describe('Dagen, Porteføljerådet prioriterede det, åååå-mm-dd'),
      url: z.string(),
    }),
  )
  .describe('Iværksatte programmer: forslagene, der er prioriteret i puljen for året')
  .meta({ id: 'EconomyDocumentProgrammes' });
const statusFields = {
  year: z.number().int(),
  municipality: municipalityOut,
  status: z.enum(['published', 'draft']).describe('draft: beregnet nu, kun for KOMBIT; ændrer sig, indtil det offentliggøres'),
  publishedAt: z.string().nullable(),
  totalOre: ore,
  minutes: minutesOut,
  programmes: programmesOut,
};

const invoiceOut = z
  .object({
    ...statusFields,
    kind: z.literal('faktura'),
    populationPeriod: z.string(),
    lines: z.array(
      z
        .object({
          solutionKey: z.string(),
          solutionName: z.string(),
          amountOre: ore,
          calculation: z.string(),
          models: z.array(z.object({ model: z.string(), amountOre: ore, calculation: z.string() })).describe('Én linje pr. prismodel; de summer til løsningens beløb'),
        })
        .meta({ id: 'EconomyInvoiceLine' }),
    ),
  })
  .meta({ id: 'EconomyInvoice' });

const guidanceOut = z
  .object({
    ...statusFields,
    kind: z.literal('budgetvejledning'),
    populationPeriod: z.string(),
    previousSource: z.enum(previousSources).describe('faktura: året før som faktureret; beregnet: efter årets priser; ingen: kan ikke sammenlignes'),
    previousNote: z.string().nullable(),
    previousTotalOre: ore.nullable(),
    changeOre: ore.nullable(),
    changePerMille: z.number().int().nullable().describe('Ændringen i tiendedele procent (123 = 12,3 %)'),
    lines: z.array(
      z
        .object({
          solutionKey: z.string(),
          solutionName: z.string(),
          amountOre: ore,
          calculation: z.string(),
          previousOre: ore.nullable(),
          changeOre: ore.nullable(),
          changePerMille: z.number().int().nullable(),
          isNew: z.boolean().describe('Ikke faktureret året før ("ny")'),
          discontinued: z.boolean().describe('Faktureret året før, ikke i år'),
        })
        .meta({ id: 'EconomyDocumentGuidanceLine' }),
    ),
  })
  .meta({ id: 'EconomyDocumentGuidance' });

const statementOut = z
  .object({
    ...statusFields,
    kind: z.literal('aarsopgoerelse'),
    paidTotalOre: ore,
    shareTotalOre: ore,
    lines: z.array(
      z
        .object({
          solutionKey: z.string(),
          solutionName: z.string(),
          actualOre: ore.describe('Løsningens faktiske omkostning i alt'),
          invoicedTotalOre: ore.describe('Faktureret alle kommuner for løsningen'),
          paidOre: ore.describe('Kommunens betaling a conto (dens faktura)'),
          shareOre: ore.describe('Kommunens andel af den faktiske omkostning, i forhold til det fakturerede'),
          settlementOre: ore.describe('andel − betalt: positiv er efterbetaling, negativ tilbagebetaling'),
        })
        .meta({ id: 'EconomyDocumentStatementLine' }),
    ),
  })
  .describe('totalOre er reguleringen i alt: positiv er efterbetaling, negativ tilbagebetaling')
  .meta({ id: 'EconomyDocumentStatement' });

const publishOut = z
  .object({
    year: z.number().int(),
    kind: z.enum(economyDocumentKinds),
    alreadyPublished: z.boolean().describe('true: var allerede offentliggjort; intet er skrevet eller sendt nu'),
    publishedAt: z.string(),
    municipalities: z.number().int(),
    recipientsMailed: z.number().int().describe('IT- og digitaliseringschefer og økonomikontakter, der fik en mail ved denne anmodning (hver person én gang)'),
    totalOre: ore,
  })
  .meta({ id: 'EconomyDocumentPublishResult' });

const yearStatusOut = z
  .object({
    year: z.number().int(),
    kinds: z.array(
      z.object({
        kind: z.enum(economyDocumentKinds),
        published: z.boolean(),
        publishedAt: z.string().nullable(),
        publishedBy: z.string().nullable(),
        totalOre: ore.nullable().describe('Summen over kommunerne, offentliggjort eller som udkastet står nu; null, når det ikke kan beregnes'),
        openedBy: z.number().int().describe('Kommuner, der har åbnet deres offentliggjorte dokument'),
        problems: z.array(z.string()).describe('Hvad der forhindrer offentliggørelse, på dansk'),
      }),
    ),
  })
  .meta({ id: 'EconomyDocumentYearStatus' });

/** The view as the API's JSON: the frozen (or draft) content with its status and absolute links to the minutes. */
function documentJson(view: DocumentView, publicUrl: string) {
  if (!view.content) throw invalid({ aar: view.problems.join(' ') }, `Dokumentet kan ikke beregnes: ${view.problems.join(' ')}`);
  return {
    ...view.content,
    status: view.published ? ('published' as const) : ('draft' as const),
    publishedAt: view.published ? view.published.at.toISOString() : null,
    minutes: view.minutes.map((m) => ({ meetingId: m.meetingId, council: m.council, date: m.date, title: m.title, url: `${publicUrl}${meetingPath(m.meetingId)}` })),
    programmes: view.programmes.map(({ href, ...p }) => ({ ...p, url: `${publicUrl}${href}` })),
  };
}

const DOCUMENT_ROUTES: { path: string; kind: EconomyDocumentKind; schema: z.ZodType; summary: string }[] = [
  { path: 'invoice', kind: 'faktura', schema: invoiceOut, summary: 'En kommunes faktura for året: én linje pr. løsning med beregning og prismodeller' },
  { path: 'guidance', kind: 'budgetvejledning', schema: guidanceOut, summary: 'En kommunes budgetvejledning for året: pr. løsning ændringen fra året før i kr. og %' },
  { path: 'statement', kind: 'aarsopgoerelse', schema: statementOut, summary: 'En kommunes årsopgørelse for året: faktiske omkostninger, betalt a conto og regulering' },
];

/** The yearly documents as JSON: one municipality's, publishing, and a year's status; the same use cases as the pages. */
export function registerDocumentApi(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  for (const r of DOCUMENT_ROUTES) {
    app.get(
      `/api/v1/economy/years/:year/municipalities/:code/${r.path}`,
      {
        schema: {
          tags,
          summary: r.summary,
          description:
            'Kommunens egne brugere: kun egen kommune og først når dokumentet er offentliggjort (ellers 404, også for andre kommuners koder). KOMBIT: alle kommuner, og før offentliggørelse et udkast beregnet nu (`status: draft`); 422, når udkastet ikke kan beregnes. Beløb i hele øre.',
          params: documentParams,
          response: { 200: r.schema, ...errorResponses },
        },
      },
      async (request) => {
        const ctx = actorCtx(request);
        return documentJson(await openDocument(ctx, request.params.code, request.params.year, r.kind, { recordOpening: false }), ctx.config.publicUrl);
      },
    );
  }

  app.post(
    '/api/v1/economy/years/:year/publish',
    {
      schema: {
        tags,
        summary: 'Offentliggør årets faktura, budgetvejledning eller årsopgørelse til alle kommuner',
        description:
          'Kun KOMBITs økonomi og administratorer. Fastfryser dokumentet for hver kommune og sender én mail til hver IT- og digitaliseringschef og økonomikontakt. 201, når anmodningen offentliggjorde; 200 med `alreadyPublished: true`, når det allerede var offentliggjort (intet sendes igen). 422 på dansk, når dokumenterne ikke kan beregnes (befolkningstal eller priser mangler; årsopgørelsen: fakturaerne er ikke offentliggjort, eller en faktisk omkostning mangler).',
        params: yearParams,
        body: apiBody(z.object({ kind: z.enum(economyDocumentKinds) })),
        response: { 200: publishOut, 201: publishOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const r = await publishDocuments(actorCtx(request), request.params.year, request.body.kind);
      return reply.status(r.alreadyPublished ? 200 : 201).send(r);
    },
  );

  app.get(
    '/api/v1/economy/years/:year/documents',
    {
      schema: {
        tags,
        summary: 'Årets tre dokumenter: offentliggjort hvornår og af hvem, eller hvad der forhindrer det',
        description: 'Kun KOMBITs medarbejdere (kommuner: 404).',
        params: yearParams,
        response: { 200: yearStatusOut, ...errorResponses },
      },
    },
    async (request) => {
      const view = await loadYearDocuments(actorCtx(request), request.params.year);
      return {
        year: view.year,
        kinds: view.kinds.map((k) => ({
          kind: k.kind,
          published: k.publication !== null,
          publishedAt: k.publication ? k.publication.publishedAt.toISOString() : null,
          publishedBy: k.publication?.publishedBy ?? null,
          totalOre: k.totalOre,
          openedBy: k.opened,
          problems: k.problems,
        })),
      };
    },
  );
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerAttentionProvider } from '../../../platform/attention/provider.ts';
import { isCentral } from '../../../platform/context.ts';
import { AppError, invalid, type FieldErrors } from '../../../platform/errors.ts';
import { codeParams, formBody, pageQuery } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { fileSlug, sendDownload } from '../../../platform/http/send-download.ts';
import { noticeFor } from '../../../platform/views/components.tsx';
import { isEconomyEditor } from '../policy.ts';
import { economyDocumentKinds } from '../schema.ts';
import { registerDocumentApi } from './api.ts';
import { unopenedDocumentsProvider } from './attention.ts';
import { documentTitle } from './content.ts';
import { DocumentPage } from './document-page.tsx';
import { documentPdf } from './document-pdf.ts';
import { documentXlsx } from './document-sheet.ts';
import { CentralEconomyPage, MunicipalEconomyPage } from './economy-page.tsx';
import { invoicesZip } from './invoices-zip.ts';
import { openDocument, type DocumentView } from './open-document.ts';
import { planPublication } from './plan-publication.ts';
import { PublishPage } from './publish-page.tsx';
import { publishDocuments } from './publish-documents.ts';
import { economyYears, municipalDocuments } from './queries.ts';
import { loadYearDocuments } from './year-documents.ts';
import { YearDocumentsPage } from './year-documents-page.tsx';

const year = z.coerce.number().int().min(2000, 'Ugyldigt år').max(2100, 'Ugyldigt år');
const yearParams = z.object({ year });
const kindParams = z.object({ year, kind: z.enum(economyDocumentKinds) });
const documentParams = codeParams.extend({ year });

const NOTICES: Record<string, string> = {
  offentliggjort: 'Dokumenterne er offentliggjort og fastfrosset, og mails til kommunernes IT- og digitaliseringschefer og økonomikontakter er lagt i udgående post.',
  'allerede-offentliggjort': 'Dokumenterne var allerede offentliggjort; der er ikke sendt nogen mails igen.',
};

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** "faktura-2026-0320-faxe.pdf"; a draft's name says so. */
const fileName = (v: DocumentView, ext: 'pdf' | 'xlsx') => `${v.published ? '' : 'udkast-'}${v.kind}-${v.year}-${v.code}-${fileSlug(v.municipalityName)}.${ext}`;

/** A file needs the content; a draft that cannot be computed says why (422). */
function contentOf(v: DocumentView) {
  if (!v.content) throw invalid({ aar: v.problems.join(' ') }, `${documentTitle(v.kind, v.year)} kan ikke beregnes: ${v.problems.join(' ')}`);
  return v.content;
}

async function yearPage(request: FastifyRequest, year: number, extra: { notice?: string | undefined; errors?: FieldErrors } = {}) {
  const ctx = actorCtx(request);
  const view = await loadYearDocuments(ctx, year);
  return <YearDocumentsPage request={request} view={view} canPublish={isEconomyEditor(ctx.actor)} {...extra} />;
}

/** The yearly documents (issue #11 point 4): the economy's landing page, a year's documents, publishing, each municipality's documents and files. */
export function registerDocumentRoutes(root: FastifyInstance): void {
  registerAttentionProvider(unopenedDocumentsProvider);
  registerDocumentApi(root);
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/oekonomi', async (request, reply) => {
    const ctx = actorCtx(request);
    if (!isCentral(ctx.actor)) {
      const code = ctx.actor.municipalityCode!;
      return sendPage(reply, <MunicipalEconomyPage request={request} code={code} documents={await municipalDocuments(ctx.db, code)} />);
    }
    const years = await economyYears(ctx.db);
    // This year and the next are always there to start from, before anything is entered for them.
    const thisYear = Number(ctx.now.toISOString().slice(0, 4));
    for (const y of [thisYear + 1, thisYear]) if (!years.some((x) => x.year === y)) years.push({ year: y, published: [] });
    years.sort((a, b) => b.year - a.year);
    return sendPage(reply, <CentralEconomyPage request={request} years={years} />);
  });

  app.get('/oekonomi/dokumenter/:year', { schema: { params: yearParams, querystring: pageQuery({}) } }, async (request, reply) => {
    return sendPage(reply, await yearPage(request, request.params.year, { notice: noticeFor(NOTICES, request.query.besked) }));
  });

  app.get('/oekonomi/dokumenter/:year/fakturaer.zip', { schema: { params: yearParams } }, async (request, reply) => {
    const zip = await invoicesZip(actorCtx(request), request.params.year);
    return sendDownload(reply, { filename: zip.filename, contentType: 'application/zip', content: zip.content });
  });

  app.get('/oekonomi/dokumenter/:year/:kind/offentliggoer', { schema: { params: kindParams } }, async (request, reply) => {
    const { year, kind } = request.params;
    const plan = await planPublication(actorCtx(request), year, kind);
    if (plan.publication) return reply.redirect(`/oekonomi/dokumenter/${year}?besked=allerede-offentliggjort`, 303);
    return sendPage(reply, <PublishPage request={request} plan={plan} />);
  });

  app.post('/oekonomi/dokumenter/:year/:kind/offentliggoer', { schema: { params: kindParams, body: formBody } }, async (request, reply) => {
    const { year, kind } = request.params;
    try {
      const r = await publishDocuments(actorCtx(request), year, kind);
      return reply.redirect(`/oekonomi/dokumenter/${year}?besked=${r.alreadyPublished ? 'allerede-offentliggjort' : 'offentliggjort'}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      return sendPage(reply, await yearPage(request, year, { errors: { _: error.message } }), 422);
    }
  });

  for (const kind of economyDocumentKinds) {
    const base = `/oekonomi/kommuner/:code/:year/${kind}`;
    app.get(base, { schema: { params: documentParams } }, async (request, reply) => {
      return sendPage(reply, <DocumentPage request={request} view={await openDocument(actorCtx(request), request.params.code, request.params.year, kind)} />);
    });
    app.get(`${base}.pdf`, { schema: { params: documentParams } }, async (request, reply) => {
      const v = await openDocument(actorCtx(request), request.params.code, request.params.year, kind);
      const pdf = await documentPdf({ content: contentOf(v), published: v.published, minutes: v.minutes, programmes: v.programmes, publicUrl: request.server.config.publicUrl });
      return sendDownload(reply, { filename: fileName(v, 'pdf'), contentType: 'application/pdf', content: pdf });
    });
    app.get(`${base}.xlsx`, { schema: { params: documentParams } }, async (request, reply) => {
      const v = await openDocument(actorCtx(request), request.params.code, request.params.year, kind);
      return sendDownload(reply, { filename: fileName(v, 'xlsx'), contentType: XLSX, content: await documentXlsx(contentOf(v), v.published) });
    });
  }
}

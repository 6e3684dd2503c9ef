import JSZip from 'jszip';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { invalid } from '../../../platform/errors.ts';
import { fileSlug } from '../../../platform/http/send-download.ts';
import { authorizeEconomy } from '../policy.ts';
import { computeDocuments, yearSources } from './compute-documents.ts';
import { minutesYear } from './content.ts';
import { documentPdf } from './document-pdf.ts';
import { minutesOfYear } from '../governance/minutes.ts';
import { programmesOfYear } from '../pool/programmes.ts';
import { yearPublications } from './queries.ts';

export type InvoicesZip = { filename: string; content: Buffer; files: number };

/**
 * All 98 invoices of a year as PDFs in one ZIP, for central staff: the published ones as frozen,
 * or, before publishing, drafts computed now and marked as such. Four statements whatever the
 * number of municipalities (the publication, the documents in one query, the minutes), then only
 * rendering. PDFs are compressed already, so the archive stores them as they are.
 */
export async function invoicesZip(ctx: Ctx & { actor: Actor }, year: number): Promise<InvoicesZip> {
  authorizeEconomy(ctx.actor, 'read');
  const publication = (await yearPublications(ctx.db, year)).get('faktura') ?? null;
  const sources = yearSources(ctx.db);
  const computed = publication ? { documents: await sources.published(year, 'faktura'), problems: [] } : await computeDocuments(ctx.db, year, 'faktura', sources);
  if (computed.documents.length === 0) {
    throw invalid({ aar: computed.problems.join(' ') || `Der er ingen fakturaer for ${year}.` }, `Fakturaerne for ${year} kan ikke dannes.`);
  }
  const minutes = await minutesOfYear(ctx.db, minutesYear('faktura', year));
  const programmes = await programmesOfYear(ctx.db, year);
  const zip = new JSZip();
  const prefix = publication ? 'faktura' : 'udkast-faktura';
  // One at a time: pdfmake renders on the event loop anyway, and this keeps memory flat.
  for (const content of computed.documents) {
    const pdf = await documentPdf({ content, published: publication ? { at: publication.publishedAt } : null, minutes, programmes, publicUrl: ctx.config.publicUrl });
    zip.file(`${prefix}-${year}-${content.municipality.code}-${fileSlug(content.municipality.name)}.pdf`, pdf, { date: ctx.now });
  }
  const content = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE', platform: 'UNIX' });
  return { filename: `${prefix}er-${year}.zip`, content, files: computed.documents.length };
}

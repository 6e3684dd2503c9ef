import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { renderPdf } from '../../../platform/pdf/render.ts';
import { formatDateLong, formatDeadline, formatKroner } from '../../../platform/views/format.ts';
import type { Programme } from '../pool/programmes.ts';
import { documentTitle, meetingPath, minutesYear, type DocumentContent, type MinutesLink } from './content.ts';
import { documentFacts, documentNotes, documentTable } from './document-text.ts';

export type PdfInput = {
  content: DocumentContent;
  published: { at: Date } | null;
  minutes: MinutesLink[];
  programmes: Programme[];
  publicUrl: string;
};

const DRAFT = 'Udkast – ikke offentliggjort';

function table(content: DocumentContent): Content {
  const t = documentTable(content);
  const widths = t.headers.map((_, i) => (i === 0 ? 90 : t.numeric[i] ? 'auto' : '*'));
  const body: TableCell[][] = [
    t.headers.map((h, i) => ({ text: h, bold: true, fillColor: '#eeeeee', alignment: t.numeric[i] ? 'right' : 'left' })),
    ...t.rows.map((r) =>
      r.cells.map(
        (cell, i): TableCell => ({
          text: r.role === 'model' && i === 0 ? `   ${cell}` : cell,
          alignment: t.numeric[i] ? 'right' : 'left',
          bold: r.role === 'total',
          italics: r.role === 'model',
          fontSize: r.role === 'model' ? 7 : 8,
        }),
      ),
    ),
  ];
  return { table: { headerRows: 1, widths, body, dontBreakRows: true }, layout: 'lightHorizontalLines', margin: [0, 4, 0, 10] };
}

/** The document as pdfmake's definition: title, facts, the table, notes and the minutes' links. */
export function documentDefinition(p: PdfInput): TDocumentDefinitions {
  const c = p.content;
  const title = documentTitle(c.kind, c.year);
  const status = p.published ? `Offentliggjort ${formatDateLong(p.published.at)}` : DRAFT;
  const year = minutesYear(c.kind, c.year);
  const minutes: Content =
    p.minutes.length === 0
      ? { text: `Der er endnu ingen referater fra møderne i ${year}.`, fontSize: 8 }
      : {
          ul: p.minutes.map((m) => {
            const url = `${p.publicUrl}${meetingPath(m.meetingId)}`;
            return { text: [`${formatDeadline(m.date)} ${m.council}: ${m.title} – `, { text: url, link: url, color: '#004993' }], fontSize: 8 };
          }),
        };
  const programmes: Content =
    p.programmes.length === 0
      ? { text: `Porteføljerådet har endnu ikke prioriteret forslag i puljen for ${c.year}.`, fontSize: 8 }
      : {
          ul: p.programmes.map((g) => {
            const url = `${p.publicUrl}${g.href}`;
            const who = `${g.proposedBy ?? 'KOMBIT'}, anslået ${formatKroner(g.estimatedCostOre)}, prioriteret ${formatDeadline(g.decidedOn)}`;
            return { text: [`Forslag ${g.number}: ${g.title} (${who}) – `, { text: url, link: url, color: '#004993' }], fontSize: 8 };
          }),
        };
  return {
    info: { title: `${title} – ${c.municipality.name} Kommune`, author: 'KOMBIT', subject: 'K98-aftalen' },
    pageSize: 'A4',
    pageOrientation: c.kind === 'faktura' ? 'portrait' : 'landscape',
    pageMargins: [40, 40, 40, 50],
    ...(p.published ? {} : { watermark: { text: 'UDKAST', opacity: 0.08, bold: true } }),
    footer: (page: number, pages: number) => ({ text: `${title} · ${c.municipality.name} Kommune · side ${page} af ${pages}`, alignment: 'center', fontSize: 7, margin: [0, 20, 0, 0] }),
    content: [
      { text: 'KOMBIT · K98-aftalen', fontSize: 8, color: '#555555' },
      { text: `${title} – ${c.municipality.name} Kommune`, style: 'h1' },
      { text: status, bold: !p.published, margin: [0, 0, 0, 8] },
      { table: { widths: [150, '*'], body: documentFacts(c).map(([k, v]) => [{ text: k, bold: true }, v]) }, layout: 'noBorders', margin: [0, 0, 0, 10] },
      table(c),
      ...documentNotes(c).map((n): Content => ({ text: n, fontSize: 8, margin: [0, 0, 0, 4] })),
      { text: `Iværksatte programmer ${c.year}`, style: 'h2' },
      programmes,
      { text: `Referater fra K98-styringens møder i ${year}`, style: 'h2' },
      minutes,
    ],
    styles: { h1: { fontSize: 16, bold: true, margin: [0, 4, 0, 4] }, h2: { fontSize: 11, bold: true, margin: [0, 12, 0, 4] } },
    defaultStyle: { fontSize: 9 },
  };
}

export const documentPdf = (p: PdfInput): Promise<Buffer> => renderPdf(documentDefinition(p));

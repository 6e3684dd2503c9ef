import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { conflict } from '../../../platform/errors.ts';
import { formatDateTime, formatDateTimeSeconds } from '../../../platform/views/format.ts';
import { fileSlug } from '../../../platform/http/send-download.ts';
import { renderPdf } from '../../../platform/pdf/render.ts';
import { TYPE_LABELS } from '../labels.ts';
import { loadAgreement } from '../load-agreement.ts';
import type { AgreementType } from '../schema.ts';
import type { ActorCtx } from './sign-agreement.ts';
import { METHOD_LABELS, SIGNATURE_STATE_LABELS } from './signatures-views.tsx';
import { type SignatureView, versionsAndFiles, visibleSignature, type VersionFile } from './signature-queries.ts';

/**
 * "Kvittering for underskrift": what a municipality keeps as proof of what it signed, when and how.
 * The version's SHA-256 and each file's SHA-256 tie the receipt to the exact documents. Built with
 * pdfmake from data, like the task PDF (same fonts, no network, no local files).
 */

export type ReceiptData = {
  agreement: { id: string; title: string; type: AgreementType };
  signature: SignatureView;
  files: VersionFile[];
};

const hash = (text: string): Content => ({ text, fontSize: 8.5 });

function facts(rows: [string, string | Content][]): Content {
  return {
    table: { widths: [150, '*'], body: rows.map(([label, value]) => [{ text: label, bold: true }, value]) },
    layout: 'noBorders',
    margin: [0, 4, 0, 8],
  };
}

export function receiptDocument(d: ReceiptData, now: Date): TDocumentDefinitions {
  const s = d.signature;
  const upload = s.method === 'upload';
  const rows: [string, string | Content][] = [
    ['Aftale', d.agreement.title],
    ['Type', TYPE_LABELS[d.agreement.type]],
    ['Kommune', `${s.municipalityName} Kommune (${s.municipalityCode})`],
    ['Version', String(s.versionNumber)],
    ['Versionens SHA-256', hash(s.versionSha256)],
    ['Underskriver', s.signerName],
    ['Titel/stilling', s.signerTitle],
    [upload ? 'Indsendt' : 'Underskrevet', `${formatDateTimeSeconds(s.signedAt)} (dansk tid)`],
    ['Metode', METHOD_LABELS[s.method]],
    ['IP-adresse', s.ip || '–'],
    ...(upload
      ? ([
          ['Indsendt fil', s.uploadFilename ?? '–'],
          ['Filens SHA-256', hash(s.uploadSha256 ?? '–')],
          ['Gennemgang', `${SIGNATURE_STATE_LABELS[s.state]}${s.reviewedAt ? ` ${formatDateTimeSeconds(s.reviewedAt)}` : ''}${s.reviewerName ? ` af ${s.reviewerName}` : ''}`],
        ] as [string, string | Content][])
      : []),
  ];
  const fileTable: Content = {
    table: {
      headerRows: 1,
      widths: ['*', 'auto'],
      body: [
        [
          { text: 'Dokument og filnavn', bold: true },
          { text: 'SHA-256', bold: true },
        ],
        ...d.files.map((f) => [{ text: [f.title, '\n', { text: f.filename, color: '#555555' }] }, hash(f.sha256)]),
      ],
    },
    layout: 'lightHorizontalLines',
    margin: [0, 4, 0, 8],
  };
  const superseded: Content[] = s.supersededAt
    ? [
        {
          text: `Underskriften var gyldig, da den blev givet. Aftalen er siden kommet i version ${s.supersededByVersionNumber ?? 'en nyere version'}, som skal underskrives på ny.`,
          italics: true,
          margin: [0, 4, 0, 8],
        },
      ]
    : [];
  const printed = `Udskrevet fra Samspil ${formatDateTime(now)}`;
  return {
    // The hashes also go into the metadata, so they can be found in the file without rendering it.
    info: {
      title: `Kvittering for underskrift – ${d.agreement.title}`,
      subject: `${s.municipalityName} Kommune, version ${s.versionNumber}`,
      keywords: `version-sha256:${s.versionSha256}${s.uploadSha256 ? ` upload-sha256:${s.uploadSha256}` : ''}`,
      creator: 'Samspil',
      producer: 'Samspil',
    },
    language: 'da-DK',
    displayTitle: true,
    pageSize: 'A4',
    pageMargins: [50, 50, 50, 60],
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.25 },
    styles: {
      kicker: { fontSize: 9, color: '#555555' },
      h1: { fontSize: 18, bold: true, margin: [0, 4, 0, 8] },
      h2: { fontSize: 13, bold: true, margin: [0, 12, 0, 4] },
    },
    footer: (currentPage: number, pageCount: number): Content => ({
      columns: [
        { text: printed, style: 'kicker' },
        { text: `Side ${currentPage} af ${pageCount}`, style: 'kicker', alignment: 'right' },
      ],
      margin: [50, 20, 50, 0],
    }),
    content: [
      { text: `Samspil · ${s.municipalityName} Kommune`, style: 'kicker' },
      { text: 'Kvittering for underskrift', style: 'h1' },
      facts(rows),
      ...superseded,
      { text: `Aftalens dokumenter i version ${s.versionNumber}`, style: 'h2' },
      fileTable,
      {
        text: 'Versionens SHA-256 er beregnet over dokumenternes SHA-256 i rækkefølge. Et dokument med samme SHA-256 er præcis det dokument, der blev underskrevet.',
        style: 'kicker',
      },
    ],
  };
}

/** "kvittering-databehandleraftale-2025-faxe.pdf": ASCII only, safe in a Content-Disposition header. */
export const receiptFilename = (title: string, municipalityName: string) =>
  `kvittering-${fileSlug(title).slice(0, 60) || 'aftale'}-${fileSlug(municipalityName) || 'kommune'}.pdf`;

/**
 * The receipt of one signature, for central readers and users of the signature's municipality
 * (404 for anyone else). Only a signature that counts or counted has one: a pending or rejected
 * upload is no signature yet (409). Superseded signatures keep theirs: they were valid when made.
 */
export async function buildReceiptPdf(ctx: ActorCtx, agreementId: string, signatureId: string): Promise<{ filename: string; content: Buffer }> {
  const a = await loadAgreement(ctx.db, ctx.actor, agreementId, 'read');
  const signature = await visibleSignature(ctx.db, ctx.actor, a.id, signatureId);
  if (signature.state !== 'signed') {
    throw conflict(
      signature.state === 'pending'
        ? 'Der er ingen kvittering endnu: den indsendte kopi afventer KOMBITs godkendelse.'
        : 'Der er ingen kvittering for en afvist underskrift.',
    );
  }
  const { files } = await versionsAndFiles(ctx.db, a.id, signature.versionId);
  const doc = receiptDocument({ agreement: { id: a.id, title: a.title, type: a.type }, signature, files }, ctx.now);
  return { filename: receiptFilename(a.title, signature.municipalityName), content: await renderPdf(doc) };
}

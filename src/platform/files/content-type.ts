import { createHash } from 'node:crypto';

export const fileSha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

export const PDF = 'application/pdf';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** True when the bytes are a PDF, whatever the browser claimed. */
export const isPdf = (content: Buffer) => content.subarray(0, 5).toString('latin1') === '%PDF-';

/**
 * PDF or DOCX by content, not by the browser's claim: a PDF starts with "%PDF-", a DOCX is a ZIP
 * (Office Open XML) whose name ends in .docx. Anything else is refused.
 */
export function documentType(content: Buffer, filename: string): typeof PDF | typeof DOCX | null {
  if (isPdf(content)) return PDF;
  const zip = content.length > 4 && content[0] === 0x50 && content[1] === 0x4b && content[2] === 0x03 && content[3] === 0x04;
  if (zip && /\.docx$/i.test(filename)) return DOCX;
  return null;
}

/** A browser-claimed type kept only when it looks like one ("text/plain"); anything else is octet-stream. */
export const cleanContentType = (t: string) => (/^[\w.+-]+\/[\w.+-]+$/.test(t) ? t.toLowerCase() : 'application/octet-stream');

import { createHash } from 'node:crypto';

export const fileSha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

export const PDF = 'application/pdf';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** Agreements are read and archived by the municipalities: keep each file reasonable. */
export const MAX_AGREEMENT_FILE_BYTES = 20 * 1024 * 1024;

/**
 * PDF or DOCX by content, not by the browser's claim: a PDF starts with "%PDF-", a DOCX is a ZIP
 * (Office Open XML) whose name ends in .docx. Anything else is refused.
 */
export function documentType(content: Buffer, filename: string): typeof PDF | typeof DOCX | null {
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return PDF;
  const zip = content.length > 4 && content[0] === 0x50 && content[1] === 0x4b && content[2] === 0x03 && content[3] === 0x04;
  if (zip && /\.docx$/i.test(filename)) return DOCX;
  return null;
}

/**
 * The hash of a version: SHA-256 over its files' kinds, positions and hashes in order. A signature
 * records it, so a receipt proves which document and annexes were signed, and a corrected annex
 * gives a different version hash even when the main document is unchanged.
 */
export function versionHash(files: { kind: string; position: number; sha256: string }[]): string {
  const lines = [...files].sort((a, b) => a.position - b.position).map((f) => `${f.kind}:${f.position}:${f.sha256}`);
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

import { createHash } from 'node:crypto';

// Content sniffing is the platform's; kept importable from here for the agreement files.
export { DOCX, documentType, fileSha256, PDF } from '../../platform/files/content-type.ts';

/** Agreements are read and archived by the municipalities: keep each file reasonable. */
export const MAX_AGREEMENT_FILE_BYTES = 20 * 1024 * 1024;

/**
 * The hash of a version: SHA-256 over its files' kinds, positions and hashes in order. A signature
 * records it, so a receipt proves which document and annexes were signed, and a corrected annex
 * gives a different version hash even when the main document is unchanged.
 */
export function versionHash(files: { kind: string; position: number; sha256: string }[]): string {
  const lines = [...files].sort((a, b) => a.position - b.position).map((f) => `${f.kind}:${f.position}:${f.sha256}`);
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

import type { FastifyInstance } from 'fastify';
import { AppError, type FieldErrors } from '../../../platform/errors.ts';
import { cleanFilename, registerBufferedMultipart, uploadedFields, uploadedFiles, type UploadedFile } from '../../../platform/http/buffered-multipart.ts';
import { documentType, MAX_AGREEMENT_FILE_BYTES, versionHash } from '../files.ts';

/**
 * A version's files arrive as multipart: one `document` and any number of `annexes`, with optional
 * titles. The application's multipart setup keeps one file per request and drops file names, so
 * the agreement upload routes parse multipart themselves, in an encapsulated scope of their own.
 *
 * Annexes come two ways: the API repeats `annexes` (titles, when given, in `annexTitles` in the same
 * order); the page has numbered rows `annexes.1` + `annexTitles.1`, … so a title stays with its file
 * even when rows are left empty.
 */

export const MAX_ANNEXES = 30;
/** A document and its annexes together; each file is also held to MAX_AGREEMENT_FILE_BYTES. */
export const MAX_VERSION_UPLOAD_BYTES = 100 * 1024 * 1024;
const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

export function registerVersionUploadParser(scope: FastifyInstance): void {
  registerBufferedMultipart(scope, {
    bodyLimit: MAX_VERSION_UPLOAD_BYTES,
    maxFileBytes: MAX_AGREEMENT_FILE_BYTES,
    tooLarge: () =>
      new AppError(413, 'payload_too_large', `Dokument og bilag må højst fylde ${MB(MAX_VERSION_UPLOAD_BYTES)} tilsammen.`, {
        document: `Højst ${MB(MAX_VERSION_UPLOAD_BYTES)} i alt`,
      }),
  });
}

export { uploadedFields };

export type VersionFile = {
  kind: 'document' | 'annex';
  position: number;
  title: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  content: Buffer;
};

export type PreparedVersion = { files: VersionFile[]; sha256: string };

const texts = (v: unknown): string[] => (v === undefined ? [] : [v].flat().map((x) => (typeof x === 'string' ? x : '')));

/**
 * The version's files from an upload, checked: exactly one document, PDF or DOCX by content, none
 * empty or above the size limit. Annexes get positions 1… in order and the title "Bilag n" unless
 * one is given. Errors are collected per field (`document`, `annexes` or the page's `annexes.n`);
 * `errors` receives them so the caller can report them together with its other fields.
 */
export function prepareVersionFiles(body: unknown, errors: FieldErrors): PreparedVersion | null {
  const files = uploadedFiles(body);
  const fields = uploadedFields(body);
  const add = (key: string, message: string) => {
    errors[key] ??= message;
  };
  const before = Object.keys(errors).length;

  const documents = files.filter((f) => f.field === 'document');
  if (documents.length === 0) add('document', 'Vælg aftalens dokument (PDF eller Word)');
  else if (documents.length > 1) add('document', 'Vælg ét dokument; bilag uploades under Bilag');

  // Annexes: first the API's repeated field with its titles by order, then the page's numbered rows.
  const plainTitles = texts(fields.annexTitles);
  const annexes: { file: UploadedFile; title: string; errorKey: string }[] = files
    .filter((f) => f.field === 'annexes')
    .map((file, i) => ({ file, title: (plainTitles[i] ?? '').trim(), errorKey: 'annexes' }));
  const rowOf = (name: string, prefix: string) => {
    const m = new RegExp(`^${prefix}\\.(\\d{1,2})$`).exec(name);
    return m ? Number(m[1]) : null;
  };
  const rows = files
    .map((file) => ({ file, row: rowOf(file.field, 'annexes') }))
    .filter((r): r is { file: UploadedFile; row: number } => r.row !== null)
    .sort((a, b) => a.row - b.row);
  for (const r of rows) {
    annexes.push({ file: r.file, title: texts(fields[`annexTitles.${r.row}`])[0]?.trim() ?? '', errorKey: `annexes.${r.row}` });
  }
  // A title typed in a row without a file would silently vanish: say so instead.
  for (const name of Object.keys(fields)) {
    const row = rowOf(name, 'annexTitles');
    if (row !== null && (texts(fields[name])[0] ?? '').trim() !== '' && !rows.some((r) => r.row === row)) {
      add(`annexes.${row}`, 'Vælg filen til bilaget, eller slet titlen');
    }
  }
  if (annexes.length > MAX_ANNEXES) add('annexes', `Der kan højst være ${MAX_ANNEXES} bilag`);

  const check = (f: UploadedFile, key: string) => {
    const name = cleanFilename(f.filename);
    if (f.content.length === 0) return add(key, `Filen er tom: ${name}`);
    if (f.content.length > MAX_AGREEMENT_FILE_BYTES) return add(key, `Filen må højst fylde ${MB(MAX_AGREEMENT_FILE_BYTES)}: ${name}`);
    if (!documentType(f.content, name)) add(key, `Filen skal være en PDF eller et Word-dokument (.docx): ${name}`);
  };
  if (documents.length === 1) check(documents[0]!, 'document');
  for (const a of annexes) {
    check(a.file, a.errorKey);
    if (a.title.length > 200) add(a.errorKey, 'Bilagets titel må højst være 200 tegn');
  }
  if (Object.keys(errors).length > before || documents.length !== 1) return null;

  const prepare = (f: UploadedFile, kind: VersionFile['kind'], position: number, title: string): VersionFile => {
    const filename = cleanFilename(f.filename);
    return { kind, position, title, filename, contentType: documentType(f.content, filename)!, size: f.content.length, sha256: f.sha256, content: f.content };
  };
  const prepared = [
    prepare(documents[0]!, 'document', 0, 'Aftale'),
    ...annexes.map((a, i) => prepare(a.file, 'annex', i + 1, a.title || `Bilag ${i + 1}`)),
  ];
  return { files: prepared, sha256: versionHash(prepared) };
}

/** The page's checkbox sends a hidden "false" before the box's "true": the last value counts; absent means on. */
export function lastValue(v: unknown): unknown {
  return Array.isArray(v) ? v[v.length - 1] : v;
}

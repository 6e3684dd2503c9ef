import type { Readable } from 'node:stream';
import { invalid } from '../../../platform/errors.ts';
import { streamedFile } from '../../../platform/http/streamed-upload.ts';

/** The largest extract taken: a large municipality's every case is a few million lines. */
export const MAX_EXTRACT_BYTES = 512 * 1024 * 1024;

/** The uploaded extract as it arrives (the page's and the API's field «fil»), or a Danish refusal when none was chosen. */
export function uploadedExtract(body: unknown): Readable {
  const file = streamedFile(body);
  if (!file || file.field !== 'fil' || file.filename === '') throw invalid({ fil: 'Vælg en CSV-fil med udtrækket' }, 'Der er ikke valgt noget udtræk.');
  return file.stream;
}

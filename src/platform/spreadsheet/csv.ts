/**
 * RFC 4180 CSV serialisation and parsing, tuned for what Danish Excel writes and reads.
 * Kept free of column/row semantics so write.ts and read.ts own those decisions.
 */

export type Separator = ';' | ',' | '\t';

/** Danish Excel splits "CSV (semikolonsepareret)" on semicolons; commas are its decimal mark. */
export const DEFAULT_SEPARATOR: Separator = ';';

export function quoteField(text: string, separator: Separator): string {
  const needsQuotes = text.includes('"') || text.includes(separator) || text.includes('\n') || text.includes('\r');
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

export function serializeCsv(records: string[][], separator: Separator = DEFAULT_SEPARATOR): string {
  // CRLF because RFC 4180 and Excel expect it; a trailing CRLF keeps "last line has no newline" diffs away.
  return records.map((fields) => fields.map((f) => quoteField(f, separator)).join(separator) + '\r\n').join('');
}

/**
 * Picks the separator that occurs most often outside quotes in the first record.
 * Semicolon wins ties and single-column files because that is what Danish Excel produces.
 */
export function detectSeparator(text: string): Separator {
  const counts: Record<Separator, number> = { ';': 0, '\t': 0, ',': 0 };
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes; // an escaped "" toggles twice, so it nets out
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && (ch === ';' || ch === '\t' || ch === ',')) counts[ch]++;
  }
  let best: Separator = ';';
  for (const sep of ['\t', ','] as const) if (counts[sep] > counts[best]) best = sep;
  return best;
}

export class UnterminatedQuoteError extends Error {
  constructor(readonly record: number) {
    super(`Unterminated quoted field starting in record ${record}`);
  }
}

/**
 * Parses CSV into records. Record numbers (1-based index in the returned array + 1) match the
 * row numbers Excel shows, because a quoted newline stays inside one row there too.
 * Stray quotes inside unquoted fields, or text after a closing quote, are kept literally as Excel does,
 * rather than rejecting files users hand-edited.
 */
export function parseCsv(text: string, separator: Separator): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  let atFieldStart = true;

  const endField = () => {
    record.push(field);
    field = '';
    atFieldStart = true;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };

  while (i < n) {
    const ch = text[i]!;
    if (atFieldStart && ch === '"') {
      const startRecord = records.length + 1;
      i++;
      for (;;) {
        if (i >= n) throw new UnterminatedQuoteError(startRecord);
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += c;
        i++;
      }
      atFieldStart = false;
      continue;
    }
    atFieldStart = false;
    if (ch === separator) {
      endField();
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  // A final newline terminates the last record rather than starting an empty one.
  if (!atFieldStart || field !== '' || record.length > 0) endRecord();
  return records;
}

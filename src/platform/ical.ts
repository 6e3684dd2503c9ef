/**
 * iCalendar (RFC 5545) output: the private calendar feeds of task deadlines and meeting invitations;
 * pure functions, no database.
 *
 * Content lines end in CRLF and are folded so that no line is longer than 75 octets of UTF-8
 * (a continuation line starts with one space, which counts). Folding never splits a character.
 * TEXT values escape backslash, semicolon, comma and line breaks; other control characters are
 * dropped, since RFC 5545 does not allow them in TEXT.
 */

export const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** A TEXT value: \ ; , escaped, every kind of line break as \n, other control characters removed. */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\n/g, '\\n')
  );
}

/** A URI value: never escaped as TEXT, but it must not contain control characters or spaces. */
export function uriValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0020\u007f]/g, (c) => encodeURIComponent(c));
}

const octets = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * Folds one content line into physical lines of at most 75 octets each, counting UTF-8 bytes and
 * the leading space of continuation lines; a character (including one outside the BMP) is never
 * split between two lines.
 */
export function foldLine(line: string): string {
  if (octets(line) <= MAX_OCTETS) return line;
  const out: string[] = [];
  let current = '';
  let size = 0;
  let limit = MAX_OCTETS;
  for (const ch of line) {
    const n = octets(ch);
    if (size + n > limit) {
      out.push(current);
      current = '';
      size = 0;
      limit = MAX_OCTETS - 1; // the continuation line's leading space
    }
    current += ch;
    size += n;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

/** "2030-06-30" → "20300630" (a DATE value). */
export function icsDate(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a day: ${day}`);
  return day.replace(/-/g, '');
}

/** The calendar day after `day` (yyyy-mm-dd), across month and year ends and leap days. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** An instant in UTC as a DATE-TIME value: "20250528T081500Z". */
export function icsUtc(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** One all-day event on a day (a deadline): DTSTART;VALUE=DATE and DTEND the day after (exclusive). */
export type IcsEvent = {
  uid: string;
  day: string;
  summary: string;
  description: string;
  url?: string | undefined;
  lastModified: Date;
  categories?: string[];
};

/**
 * An event at a time (a meeting): start and end as instants, written in UTC with Z so no client
 * has to know Denmark's summer time. SEQUENCE grows when time or place changes, so a client
 * replaces its copy of the same UID.
 */
export type IcsTimedEvent = {
  uid: string;
  start: Date;
  end: Date;
  sequence: number;
  summary: string;
  description: string;
  location?: string | undefined;
  url?: string | undefined;
  lastModified: Date;
};

export type IcsCalendar = {
  prodId: string;
  name: string;
  description?: string;
  /** When the feed was generated: every event's DTSTAMP. */
  now: Date;
  events: (IcsEvent | IcsTimedEvent)[];
};

/** A property line, folded: NAME[;PARAMS]:VALUE with the value given already in its final form. */
const prop = (name: string, value: string) => foldLine(`${name}:${value}`);

export function eventLines(e: IcsEvent, now: Date): string[] {
  const lines = [
    'BEGIN:VEVENT',
    prop('UID', escapeText(e.uid)),
    prop('DTSTAMP', icsUtc(now)),
    prop('LAST-MODIFIED', icsUtc(e.lastModified)),
    prop('DTSTART;VALUE=DATE', icsDate(e.day)),
    prop('DTEND;VALUE=DATE', icsDate(nextDay(e.day))),
    prop('SUMMARY', escapeText(e.summary)),
    prop('DESCRIPTION', escapeText(e.description)),
  ];
  if (e.url) lines.push(prop('URL', uriValue(e.url)));
  if (e.categories && e.categories.length > 0) lines.push(prop('CATEGORIES', e.categories.map(escapeText).join(',')));
  // A deadline does not make anyone busy that day.
  lines.push('TRANSP:TRANSPARENT', 'END:VEVENT');
  return lines;
}

export function timedEventLines(e: IcsTimedEvent, now: Date): string[] {
  return [
    'BEGIN:VEVENT',
    prop('UID', escapeText(e.uid)),
    prop('SEQUENCE', String(e.sequence)),
    prop('DTSTAMP', icsUtc(now)),
    prop('LAST-MODIFIED', icsUtc(e.lastModified)),
    prop('DTSTART', icsUtc(e.start)),
    prop('DTEND', icsUtc(e.end)),
    prop('SUMMARY', escapeText(e.summary)),
    ...(e.location ? [prop('LOCATION', escapeText(e.location))] : []),
    prop('DESCRIPTION', escapeText(e.description)),
    ...(e.url ? [prop('URL', uriValue(e.url))] : []),
    'END:VEVENT',
  ];
}

/** The whole calendar as one string with CRLF line ends (including after the last line). */
export function buildCalendar(c: IcsCalendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    prop('PRODID', c.prodId),
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    prop('X-WR-CALNAME', escapeText(c.name)),
    ...(c.description ? [prop('X-WR-CALDESC', escapeText(c.description))] : []),
    'X-WR-TIMEZONE:Europe/Copenhagen',
    // A hint to clients on how often to fetch the feed again (many ignore it).
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
    ...c.events.flatMap((e) => ('start' in e ? timedEventLines(e, c.now) : eventLines(e, c.now))),
    'END:VCALENDAR',
  ];
  return lines.join(CRLF) + CRLF;
}

/** Unfolds and splits a calendar into content lines (the reverse of folding), for tests and checks. */
export function unfold(ics: string): string[] {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split(CRLF)
    .filter((l) => l !== '');
}

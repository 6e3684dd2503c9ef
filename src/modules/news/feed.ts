import { danishMidnight } from '../../platform/days.ts';
import { markdownToText, renderMarkdown } from '../tasks/index.ts';
import type { NewsRow } from './queries.ts';

const xml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
// XML 1.0 allows no control characters but tab, newline and carriage return; a body may hold any.
const clean = (s: string) =>
  [...s]
    .filter((ch) => {
      const c = ch.codePointAt(0)!;
      return c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c !== 0xfffe && c !== 0xffff);
    })
    .join('');

/**
 * The published news as an Atom 1.0 feed (RFC 4287). An entry's `updated` is the later of its
 * publish day and its last edit, so a reader sees a corrected item again; its id is a tag URI that
 * stays the same whatever address the app is served from. The body goes in as escaped HTML from the
 * same safe renderer as the pages. The contact person's name is shown, their e-mail is not: the feed
 * is read without a login.
 */
export function atomFeed(rows: NewsRow[], baseUrl: string, now: Date): string {
  const updatedOf = (r: NewsRow) => {
    const published = danishMidnight(r.publishOn);
    return r.updatedAt > published ? r.updatedAt : published;
  };
  const feedUpdated = rows.length > 0 ? new Date(Math.max(...rows.map((r) => updatedOf(r).getTime()))) : now;
  const entries = rows.map((r) => {
    const link = `${baseUrl}/nyt/${r.id}`;
    return [
      '  <entry>',
      `    <id>tag:samspil.kombit.dk,2025:nyt/${r.id}</id>`,
      `    <title type="text">${xml(clean(r.title))}</title>`,
      `    <published>${danishMidnight(r.publishOn).toISOString()}</published>`,
      `    <updated>${updatedOf(r).toISOString()}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xml(link)}"/>`,
      r.contact ? `    <author><name>${xml(clean(r.contact.name))}</name></author>` : '',
      ...[...r.solutions, ...r.programmes].map((c) => `    <category term="${xml(c.key)}" label="${xml(clean(c.name))}"/>`),
      `    <summary type="text">${xml(clean(markdownToText(r.body).slice(0, 500)))}</summary>`,
      `    <content type="html">${xml(clean(renderMarkdown(r.body)))}</content>`,
      '  </entry>',
    ]
      .filter((l) => l !== '')
      .join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="da">',
    '  <id>tag:samspil.kombit.dk,2025:nyt</id>',
    '  <title type="text">Kort nyt fra KOMBIT</title>',
    `  <updated>${feedUpdated.toISOString()}</updated>`,
    '  <author><name>KOMBIT</name></author>',
    `  <link rel="self" type="application/atom+xml" href="${xml(`${baseUrl}/nyt/feed.atom`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(`${baseUrl}/nyt`)}"/>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

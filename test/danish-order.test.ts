import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../src/platform/spreadsheet/read.ts';
import { danishCompare } from '../src/platform/views/format.ts';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from './app.ts';

/**
 * Names are in Danish alphabetical order on every page and export: Æ, Ø and Å after Z, and "Aa" as
 * "Å" (Aabenraa, Aalborg and Aarhus last). PGlite and a C-locale PostgreSQL sort bytes, so no name
 * is sorted by SQL; dates and times all come from platform/views/format.ts.
 */

const sortedDanish = (names: string[]) => [...names].sort(danishCompare);
const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');

describe('Danish order on pages and exports', () => {
  let t: TestApp;
  let consultant: Client;
  let faxe: Client;

  beforeAll(async () => {
    t = await startTestApp();
    consultant = await loginAs(t.app, DEMO.consultant);
    faxe = await loginAs(t.app, DEMO.klikAdmin('0320'));
  });
  afterAll(() => t?.close());

  it('lists the municipalities with Ærø before Aabenraa, Aalborg and Aarhus, which come last', async () => {
    const res = await consultant.get('/kommuner');
    expect(res.statusCode).toBe(200);
    const names = [...res.body.matchAll(/<a href="\/kommuner\/\d{4}">([^<]+)<\/a>/g)].map((m) => decode(m[1]!));
    expect(names).toHaveLength(98);
    expect(names.slice(-4)).toEqual(['Ærø', 'Aabenraa', 'Aalborg', 'Aarhus']);
    expect(names).toEqual(sortedDanish(names));
    expect(names.indexOf('Vordingborg')).toBeLessThan(names.indexOf('Ærø'));
  });

  it('exports the role overview in the same order as the page', async () => {
    const res = await consultant.get('/rolleoverblik/eksport.csv?rolle=programleder');
    expect(res.statusCode).toBe(200);
    const table = await readTable(res.rawPayload, 'x.csv');
    const names = table.rows.map((r) => String(r.values.kommune));
    expect(names).toHaveLength(98);
    expect(names.slice(-4)).toEqual(['Ærø', 'Aabenraa', 'Aalborg', 'Aarhus']);
    expect(names).toEqual(sortedDanish(names));
  });

  it("sorts a gallery's people in Danish order on the page and in its CSV", async () => {
    const people = { 'Åse Aagaard': 'aase', 'Øjvind Ørum': 'oejvind', 'Zenia Zacho': 'zenia', 'Ærlig Æbelø': 'aerlig', 'Anders And': 'anders' };
    for (const [name, mailbox] of Object.entries(people)) {
      const res = await faxe.post('/kommuner/0320/personer', { name, email: `${mailbox}@faxe.dk` });
      expect(res.statusCode, name).toBeLessThan(400);
    }
    const wanted = ['Anders And', 'Zenia Zacho', 'Ærlig Æbelø', 'Øjvind Ørum', 'Åse Aagaard'];
    const csv = await faxe.get('/kommuner/0320/eksport.csv');
    const rows = (await readTable(csv.rawPayload, 'x.csv')).rows.map((r) => String(r.values.navn));
    expect(rows.filter((n) => wanted.includes(n))).toEqual(wanted);
    expect(rows).toEqual(sortedDanish(rows));
    const page = await faxe.get('/kommuner/0320');
    const positions = wanted.map((n) => page.body.indexOf(n));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});

describe('the source', () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');
  const formatModule = path.join(root, 'platform/views/format.ts');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return files(full);
      return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
    });
  const offending = (forbidden: RegExp[]) => {
    const found: string[] = [];
    for (const file of files(root)) {
      if (file === formatModule) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (forbidden.some((re) => re.test(line))) found.push(`${path.relative(root, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    return found;
  };

  it('formats dates, times and numbers only in platform/views/format.ts', () => {
    expect(offending([/\.toLocale(Date|Time)?String\(/, /new Intl\.(DateTimeFormat|Collator)\b/])).toEqual([]);
  });

  it('sorts names only with the platform compare, never by SQL ORDER BY or localeCompare', () => {
    expect(
      offending([
        /localeCompare\([^)]*'da'/,
        /\w*(name|title|label)\w*\??\.localeCompare\(/i,
        /\b(asc|desc)\(\s*\w+\.(name|title|labelDa)\s*\)/,
        /\.orderBy\([^)]*\b\w+\.(name|title)\b/,
        /order by [^`]*\b\w+\.(name|title)\b/i,
      ]),
    ).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseFolk1a } from './parse-folk1a.ts';

const MUNICIPALITIES = [
  { code: '0101', name: 'København' },
  { code: '0320', name: 'Faxe' },
  { code: '0400', name: 'Bornholm' },
  { code: '0825', name: 'Læsø' },
];
const parse = (text: string | Buffer) => parseFolk1a(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, MUNICIPALITIES);

describe('reading a FOLK1A extract', () => {
  it('takes three-digit codes and names, with or without "Kommune", and thousands dots', () => {
    const result = parse('"OMRÅDE";"TID";"INDHOLD"\r\n101;2026K1;667.099\r\n"Faxe Kommune";"2026K1";"36512"\r\nlæsø;2026k1;1.735\r\nKøbenhavns Kommune;2025K4;666000\r\nBornholms Regionskommune;2026K1;39000\r\n');
    expect(result.errors).toEqual({});
    expect(result.rows).toEqual([
      { line: 2, code: '0101', period: '2026K1', population: 667099 },
      { line: 3, code: '0320', period: '2026K1', population: 36512 },
      { line: 4, code: '0825', period: '2026K1', population: 1735 },
      { line: 5, code: '0101', period: '2025K4', population: 666000 },
      { line: 6, code: '0400', period: '2026K1', population: 39000 },
    ]);
  });

  it('reads UTF-8 with a byte-order mark and Windows-1252 alike', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('OMRÅDE;TID;INDHOLD\nLæsø;2026K1;1735\n', 'utf8')]);
    expect(parse(bom).rows).toEqual([{ line: 2, code: '0825', period: '2026K1', population: 1735 }]);
    const latin1 = Buffer.from('OMRÅDE;TID;INDHOLD\nLæsø;2026K1;1735\n', 'latin1');
    expect(parse(latin1)).toEqual({ rows: [{ line: 2, code: '0825', period: '2026K1', population: 1735 }], skipped: [], errors: {} });
  });

  it('skips the country, regions, landsdele and Christiansø with a note, not an error', () => {
    const result = parse('OMRÅDE;TID;INDHOLD\nHele landet;2026K1;5992734\nRegion Hovedstaden;2026K1;1900000\n084;2026K1;1900000\nLandsdel Byen København;2026K1;800000\nChristiansø;2026K1;90\n0320;2026K1;36512\n');
    expect(result.errors).toEqual({});
    expect(result.rows).toHaveLength(1);
    expect(result.skipped.map((s) => s.line)).toEqual([2, 3, 4, 5, 6]);
    expect(result.skipped[0]!.reason).toBe('"Hele landet" er hele landet og springes over');
  });

  it('reports each kind of bad row by line in Danish', () => {
    const result = parse(['OMRÅDE;TID;INDHOLD', '999;2026K1;10', 'Atlantis;2026K1;10', 'Faxe;2026Q1;10', 'Læsø;2026K1;..', 'Faxe;2026K1;10', 'Faxe Kommune;2026K1;11', '101;2026K5;1,5'].join('\n'));
    expect(result.errors).toEqual({
      'linje-2': 'Ukendt kommunekode "999"',
      'linje-3': 'Ukendt kommune "Atlantis"',
      'linje-4': 'Perioden "2026Q1" skal skrives som år og kvartal, fx 2026K1',
      'linje-5': 'Indbyggertallet ".." er ikke et helt tal',
      'linje-7': 'Kommune 0320 og periode 2026K1 står også i linje 6',
      'linje-8': 'Perioden "2026K5" skal skrives som år og kvartal, fx 2026K1. Indbyggertallet "1,5" er ikke et helt tal',
    });
  });

  it('refuses a file that is not FOLK1A, and one without municipalities', () => {
    expect(parse('kommunekode,indbyggere\n0101,1\n').errors.fil).toContain('OMRÅDE;TID;INDHOLD');
    expect(parse('OMRÅDE;TID;INDHOLD\nHele landet;2026K1;1\n').errors).toEqual({ fil: 'Filen indeholder ingen kommuner.' });
  });
});

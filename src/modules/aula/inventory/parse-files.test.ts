import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseAulaFiles, parseDay, type ParsedLine } from './parse-files.ts';

const HEADER = 'kommunekode;fil_id;institutionsnummer;institutionsnavn;kategori;oprettet;udloesende_dato;journaliseret;esdh_reference';
const known = new Set(['0320', '0101']);

async function parse(text: string | Buffer): Promise<ParsedLine[]> {
  const out: ParsedLine[] = [];
  for await (const l of parseAulaFiles(Readable.from([Buffer.isBuffer(text) ? text : Buffer.from(text)]), known)) out.push(l);
  return out;
}

describe('the secure-file inventory CSV', () => {
  it('reads a BOM, quoted fields, three-digit codes and both date forms, skipping empty lines', async () => {
    const lines = await parse(`\uFEFF${HEADER}\n"101";"K-1";9;"Skolen; den gamle";Øvrige noter;31-12-2024;01-08-2026;JA;"ESDH ""7"""\n\n0320;F-1;1;Hus;indstillinger;2025-01-01;;0;\n`);
    expect(lines).toEqual([
      {
        line: 2,
        row: { municipalityCode: '0101', fileId: 'K-1', institutionNumber: '9', institutionName: 'Skolen; den gamle', category: 'oevrige-noter', createdOn: '2024-12-31', triggerOn: '2026-08-01', journalised: true, esdhReference: 'ESDH "7"' },
      },
      {
        line: 4,
        row: { municipalityCode: '0320', fileId: 'F-1', institutionNumber: '1', institutionName: 'Hus', category: 'indstillinger', createdOn: '2025-01-01', triggerOn: null, journalised: false, esdhReference: null },
      },
    ]);
    expect((await parse(`${HEADER}\r\n0320;F-1;1\r\n`))[0]).toEqual({ line: 2, error: 'Linjen har 3 felter; der skal være 9 adskilt af semikolon' });
  });

  it('refuses a line that is not UTF-8 or holds a nul character, by number, telling how to save the file', async () => {
    const latin1 = Buffer.concat([Buffer.from(`${HEADER}\n0320;F-1;1;`), Buffer.from('Børnehus', 'latin1'), Buffer.from(';Referater;2025-01-01;;nej;\n0320;F-2;1;Hus\u0000;Referater;2025-01-01;;nej;\n')]);
    const lines = await parse(latin1);
    expect(lines.map((l) => ('error' in l ? `${l.line}: ${l.error.slice(0, 40)}` : 'ok'))).toEqual(['2: Linjen er ikke UTF-8 (fx æ, ø og å gemt ', '3: Linjen indeholder et nul-tegn, som ikke ']);
  });

  it('lets a long numeric file id or ESDH reference through: only a day, a month and six digits alone look like a CPR number', async () => {
    const lines = await parse(`${HEADER}\n0320;123456789012;1;Hus;Referater;2025-01-01;;ja;SBSYS-2024991234\n0320;F-9;1;Hus;Referater;2025-01-01;;nej;3112991234\n`);
    expect(lines.map((l) => ('error' in l ? 'fejl' : l.row.fileId))).toEqual(['123456789012', 'fejl']);
  });

  it('stops at a wrong header and refuses anything that looks like a CPR number, with or without the dash', async () => {
    expect(await parse('kommune;fil\n0320;x\n')).toEqual([{ line: 1, error: `Første linje skal være overskrifterne ${HEADER}` }]);
    const cpr = await parse(`${HEADER}\n0320;F-1;1;Hus;Referater;2025-01-01;;nej;0102031234\n0320;F-2;1;Anna 010203-1234;Referater;2025-01-01;;nej;\n`);
    expect(cpr.map((l) => ('error' in l ? l.error : 'ok'))).toEqual([
      'Linjen ligner et CPR-nummer; filoversigten må aldrig indeholde børns navne eller CPR-numre',
      'Linjen ligner et CPR-nummer; filoversigten må aldrig indeholde børns navne eller CPR-numre',
    ]);
  });

  it('accepts only real days', () => {
    expect(parseDay('2024-02-29')).toBe('2024-02-29');
    expect(parseDay('29-02-2025')).toBeNull();
    expect(parseDay('2025-1-1')).toBeNull();
  });
});

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { draftConfiguration, draftEntries, draftFromForm, parseDraft } from './impact-draft.ts';
import { parseExtract, type ParsedExtractLine } from './parse-extract.ts';
import { parseVisibilityInput } from './visibility-input.ts';
import { AppError } from '../../../platform/errors.ts';

const read = async (text: string) => {
  const out: ParsedExtractLine[] = [];
  for await (const l of parseExtract(Readable.from([Buffer.from(text)]))) out.push(l);
  return out;
};

const fieldErrors = (fn: () => unknown): Record<string, string> => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError && e.status === 422) return e.fieldErrors;
    throw e;
  }
  throw new Error('no 422');
};

describe('the anonymised case extract', () => {
  it('reads Danish Excel CSV: BOM, semicolons, columns in any order, quoted fields, Danish dates and ja/nej', async () => {
    const lines = await read('\uFEFFAlder;KLE-nummer;Kildesystem;Oprettet;Aktiv\r\n16;27.12.4;KY;01.06.2025;ja\r\n\r\n17;"28.01.01";"KMD Nova";2024-12-24;Nej\r\n');
    expect(lines).toEqual([
      { line: 2, case: { kle: '27.12.04', sourceSystem: 'KY', created: '2025-06-01', active: true, age: 16 } },
      { line: 4, case: { kle: '28.01.01', sourceSystem: 'KMD Nova', created: '2024-12-24', active: false, age: 17 } },
    ]);
    expect(await read('kle-nummer,kildesystem,oprettet,aktiv,alder\n27.12.04,SBSYS,2025-01-01,1,15\n')).toEqual([
      { line: 2, case: { kle: '27.12.04', sourceSystem: 'SBSYS', created: '2025-01-01', active: true, age: 15 } },
    ]);
  });

  it('refuses a CPR column, and any line with something like a CPR number, by line number', async () => {
    expect(await read('KLE-nummer;Kildesystem;Oprettet;Aktiv;Alder;CPR-nummer\r\n27.12.04;KY;2025-06-01;ja;16;010203-1234\r\n')).toEqual([
      { line: 1, error: 'Kolonnen «cpr-nummer» ligner CPR-numre; udtrækket må ikke indeholde CPR-numre, kun borgerens alder', fatal: true },
    ]);
    const lines = await read('KLE-nummer;Kildesystem;Oprettet;Aktiv;Alder;Note\r\n27.12.04;KY;2025-06-01;ja;16;\r\n27.12.04;KY;2025-06-01;ja;16;0102031234\r\n');
    expect(lines[1]).toEqual({ line: 3, error: 'Linjen ligner et CPR-nummer; udtrækket må ikke indeholde CPR-numre' });
  });

  it('says in Danish what is wrong with each line, and what a header lacks', async () => {
    const lines = await read('KLE-nummer;Kildesystem;Oprettet;Aktiv;Alder\n27.123;KY;2025-06-01;ja;16\n27.12.04;;2025-06-01;ja;16\n27.12.04;KY;31.02.2025;ja;16\n27.12.04;KY;2025-06-01;måske;16\n27.12.04;KY;2025-06-01;ja;16,5\n');
    expect(lines.map((l) => ('error' in l ? l.error : null))).toEqual([
      'KLE-nummeret «27.123» skal skrives som fx 27.12.04',
      'Kildesystemet mangler',
      'Oprettet «31.02.2025» er ikke en dato (åååå-mm-dd eller dd.mm.åååå)',
      'Aktiv skal være ja eller nej, ikke «måske»',
      'Alder «16,5» skal være et helt antal år (0–130)',
    ]);
    expect(await read('KLE;Kildesystem\n')).toEqual([{ line: 1, error: 'Første linje skal have kolonnerne KLE-nummer;Kildesystem;Oprettet;Aktiv;Alder; kle-nummer, oprettet, aktiv, alder mangler', fatal: true }]);
    expect(await read('')).toEqual([{ line: 1, error: 'Filen er tom', fatal: true }]);
  });
});

describe('a draft change', () => {
  it('writes settings on the numbers, takes others off so they are inherited, and keeps the rest of each entry', () => {
    const draft = parseDraft({ kle: ['27.12.4', '27.12.05'], set: { youth: false }, inherit: ['shown'] }, '2025-12-01');
    expect(draft).toEqual({ kle: ['27.12.04', '27.12.05'], set: { youth: false }, inherit: ['shown'] });
    const current = new Map([['27.12.04', { shown: true, fromDate: '2025-01-01' }]]);
    expect(draftEntries(current, draft)).toEqual([
      { kle: '27.12.04', settings: { fromDate: '2025-01-01', youth: false } },
      { kle: '27.12.05', settings: { youth: false } },
    ]);
    expect(draftConfiguration(current, parseDraft({ kle: ['27.12.04'], inherit: ['shown', 'fromDate'] }, '2025-12-01')).has('27.12.04')).toBe(false);
    expect(draftFromForm({ kle: '27.12.04, 28.01 ', shown: '', youth: 'nej' })).toEqual({ kle: ['27.12.04', '28.01'], set: { youth: false }, inherit: [] });
  });

  it('refuses what cannot be a change, field by field', () => {
    expect(fieldErrors(() => parseDraft({ kle: ['27.123'], set: { youth: 'nej', colour: 'blå' } }, '2025-12-01'))).toEqual({
      kle: 'Ikke et KLE-nummer: 27.123 (skriv fx 27.12.04)',
      set: 'Ukendt indstilling: colour',
      youth: 'Vælg ja eller nej',
    });
    expect(fieldErrors(() => parseDraft({ kle: ['27.12.04'] }, '2025-12-01'))).toEqual({ aendring: 'Vælg, hvad der skal ændres for de valgte KLE-numre' });
    expect(fieldErrors(() => parseDraft({ set: { youth: false } }, '2025-12-01'))).toEqual({ kle: 'Skriv de KLE-numre, ændringen gælder' });
    expect(fieldErrors(() => parseDraft({ kle: ['27'], set: { youth: false }, inherit: ['youth'] }, '2025-12-01'))).toEqual({ inherit: 'youth kan ikke både sættes og arves' });
    expect(fieldErrors(() => parseDraft({ kle: ['27'], set: { fromDate: '2026-01-01' } }, '2025-12-01'))).toEqual({ fromDate: 'Fradatoen må højst være 31.12.2025' });
  });
});

describe('the question "hvad ser borgeren?"', () => {
  const api = { municipality: '0320', citizenAge: 16, kle: '27.12.04', sourceSystem: 'KY', caseCreated: '2025-06-01', active: true, primaryParty: true, onCpr: true, indexed: true, date: '2025-12-01' };
  it("reads the issue's input, and the form's text and checkboxes (a box not ticked is no)", () => {
    expect(parseVisibilityInput(api, '2025-12-24', 'api')).toEqual({
      citizen: { age: 16 },
      date: '2025-12-01',
      case: { kle: '27.12.04', sourceSystem: 'KY', created: '2025-06-01', active: true, primaryParty: true, onCpr: true, indexed: true },
    });
    expect(parseVisibilityInput({ citizenBirthDate: '01.12.2010', kle: '27.12.04', sourceSystem: 'KY', caseCreated: '01.06.2025', active: 'on', date: '' }, '2025-12-24', 'form')).toEqual({
      citizen: { birthDate: '2010-12-01' },
      date: '2025-12-24',
      case: { kle: '27.12.04', sourceSystem: 'KY', created: '2025-06-01', active: true, primaryParty: false, onCpr: false, indexed: false },
    });
  });

  it('answers bad input field by field; the API must name every fact of the case', () => {
    expect(fieldErrors(() => parseVisibilityInput({ ...api, citizenAge: '16', active: undefined, kle: 'x' }, '2025-12-24', 'api'))).toEqual({
      citizenAge: 'Alderen skal være et helt antal år (0–130)',
      kle: 'Skriv KLE-nummeret som fx 27.12.04',
      active: 'Angiv true eller false',
    });
    expect(fieldErrors(() => parseVisibilityInput({ ...api, citizenBirthDate: '2010-01-01' }, '2025-12-24', 'api'))).toEqual({ citizenAge: 'Udfyld enten alder eller fødselsdato, ikke begge' });
    expect(fieldErrors(() => parseVisibilityInput({ ...api, citizenAge: undefined, citizenBirthDate: '2026-01-01' }, '2025-12-24', 'api'))).toEqual({
      citizenBirthDate: 'Fødselsdatoen ligger efter dagen, der spørges om',
    });
  });
});

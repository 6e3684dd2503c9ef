import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../test/app.ts';
import { complianceUser } from '../../../test/factories/compliance.ts';
import { auditEvent } from '../../db/schema.ts';
import { loadRiskScales, riskLevel } from './risk-scales.ts';
import { riskScale } from './schema.ts';

/** A 3×3 scale with three levels, as a municipality's own "standard" might be. */
const THREE = {
  name: 'Kommunal standard 3×3',
  description: 'Tre trin på hver akse.',
  likelihoods: [
    { label: 'Sjælden', definition: 'Sker næsten aldrig.' },
    { label: 'Mulig', definition: 'Kan ske.' },
    { label: 'Hyppig', definition: 'Sker ofte.' },
  ],
  consequences: [
    { label: 'Lille', definition: 'Små gener.' },
    { label: 'Mærkbar', definition: 'Mærkbare gener.' },
    { label: 'Alvorlig', definition: 'Alvorlige følger.' },
  ],
  levels: [
    { label: 'Grøn risiko', colour: 'groen' },
    { label: 'Gul risiko', colour: 'gul' },
    { label: 'Rød risiko', colour: 'roed' },
  ],
  matrix: [
    ['Grøn risiko', 'Grøn risiko', 'Gul risiko'],
    ['Grøn risiko', 'Gul risiko', 'Rød risiko'],
    ['Rød risiko', 'Rød risiko', 'Rød risiko'],
  ],
};

describe('adding a risk scale', () => {
  let t: TestApp;
  let author: Client;

  beforeAll(async () => {
    t = await startTestApp();
    author = await loginAs(t.app, await complianceUser(t.database.db, 'informationssikkerhed'));
  });
  afterAll(() => t.close());

  const scaleCount = async () => (await t.database.db.select({ key: riskScale.key }).from(riskScale)).length;

  it('stores its own steps, definitions and matrix, and the level is looked up in it', async () => {
    const res = await author.api('POST', '/api/v1/compliance/risk-scales', THREE);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ key: 'kommunal-standard-3x3', matrix: THREE.matrix });
    const scale = (await loadRiskScales(t.database.db)).find((s) => s.key === 'kommunal-standard-3x3')!;
    expect(riskLevel(scale, 1, 3).label).toBe('Rød risiko');
    expect(riskLevel(scale, 3, 1).label).toBe('Gul risiko');
    expect(scale.likelihoods[1]!.definition).toBe('Kan ske.');
    const page = await author.get('/compliance/risikoskalaer');
    expect(page.body).toContain('Kommunal standard 3×3');
    expect(page.body).toContain('Sker ofte.');
    const [audit] = await t.database.db.select().from(auditEvent).where(eq(auditEvent.entityId, 'kommunal-standard-3x3'));
    expect(audit?.action).toBe('compliance.risk_scale_created');
  });

  it('answers a repeated submit with the scale already made, and refuses another scale under the same name', async () => {
    const before = await scaleCount();
    const again = await author.api('POST', '/api/v1/compliance/risk-scales', THREE);
    expect(again.statusCode).toBe(200);
    const other = await author.api('POST', '/api/v1/compliance/risk-scales', { ...THREE, description: 'Noget andet', levels: THREE.levels.map((l) => ({ ...l, colour: 'gul' })) });
    expect(other.statusCode).toBe(409);
    expect(await scaleCount()).toBe(before);
  });

  it('refuses a matrix that falls as likelihood rises, or a cell without a level, and changes nothing', async () => {
    const before = await scaleCount();
    const falling = await author.api('POST', '/api/v1/compliance/risk-scales', {
      ...THREE,
      name: 'Faldende',
      matrix: [['Gul risiko', 'Grøn risiko', 'Gul risiko'], ...THREE.matrix.slice(1)],
    });
    expect(falling.statusCode).toBe(422);
    expect(falling.json().fieldErrors['matrix.0.1']).toMatch(/må ikke være lavere/);
    const hole = await author.api('POST', '/api/v1/compliance/risk-scales', { ...THREE, name: 'Hul', matrix: [['Grøn risiko'], ...THREE.matrix.slice(1)] });
    expect(hole.statusCode).toBe(422);
    expect(hole.json().fieldErrors['matrix.0.1']).toBe('Vælg et af skalaens niveauer');
    expect(await scaleCount()).toBe(before);
  });

  it('is made with the form as well, which shows the errors in Danish', async () => {
    const form = await author.get('/compliance/risikoskalaer/ny?sandsynligheder=2&konsekvenser=2&niveauer=2');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Konsekvens 2, sandsynlighed 2');
    const fields: Record<string, string> = {
      name: '',
      'likelihoods.0.label': 'Lav',
      'likelihoods.0.definition': 'Sjælden',
      'likelihoods.1.label': 'Høj',
      'likelihoods.1.definition': 'Ofte',
      'consequences.0.label': 'Lille',
      'consequences.0.definition': 'Små gener',
      'consequences.1.label': 'Stor',
      'consequences.1.definition': 'Store gener',
      'levels.0.label': 'Acceptabel',
      'levels.0.colour': 'groen',
      'levels.1.label': 'Uacceptabel',
      'levels.1.colour': 'roed',
      'matrix.0.0': '1',
      'matrix.0.1': '2',
      'matrix.1.0': '2',
      'matrix.1.1': '2',
    };
    const url = '/compliance/risikoskalaer/ny?sandsynligheder=2&konsekvenser=2&niveauer=2';
    const bad = await author.post(url, fields);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Skriv skalaens navn');
    const ok = await author.post(url, { ...fields, name: 'To gange to' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/compliance/risikoskalaer?besked=oprettet#skala-to-gange-to');
  });

  it('is for information security only: other central staff 403, municipal users 404', async () => {
    const consultant = await loginAs(t.app, DEMO.consultant);
    expect((await consultant.api('POST', '/api/v1/compliance/risk-scales', { ...THREE, name: 'Konsulentens' })).statusCode).toBe(403);
    expect((await consultant.get('/compliance/risikoskalaer/ny')).statusCode).toBe(403);
    const leader = await loginAs(t.app, DEMO.programLeader('0320'));
    expect((await leader.get('/compliance/risikoskalaer/ny')).statusCode).toBe(404);
    expect((await leader.api('POST', '/api/v1/compliance/risk-scales', { ...THREE, name: 'Kommunens' })).statusCode).toBe(404);
    expect((await leader.get('/compliance/risikoskalaer')).body).not.toContain('Ny risikoskala');
  });
});

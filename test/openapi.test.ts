import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app.ts';

describe('API description', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
  });
  afterAll(() => t.close());

  it('publishes OpenAPI for the JSON API only, with the structured error on every operation', async () => {
    const res = await t.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const spec = res.json() as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(spec.openapi).toMatch(/^3\./);
    const paths = Object.keys(spec.paths);
    expect(paths).toContain('/api/v1/municipalities/{code}/gallery');
    expect(paths).toContain('/api/v1/role-overview');
    expect(paths).toContain('/api/v1/compliance/risk-scales');
    expect((spec.paths['/api/v1/compliance/risk-scales']!.get as unknown as { tags: string[] }).tags).toEqual(['Compliance']);
    expect(paths.every((p) => p.startsWith('/api/v1/'))).toBe(true);
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(Object.keys(op.responses), `${method.toUpperCase()} ${path}`).toEqual(expect.arrayContaining(['401', '404']));
      }
    }
  });

  it('shows the documentation page without login', async () => {
    const res = await t.app.inject('/api/docs');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });
});

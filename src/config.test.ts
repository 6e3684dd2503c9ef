import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

/** Runs loadConfig and returns the ConfigError it must throw. */
function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('starts in production on port 3000 with PGlite in ./data when nothing is set', () => {
    const c = loadConfig({});
    expect(c).toEqual({
      port: 3000,
      host: '0.0.0.0',
      dataDir: path.resolve('./data'),
      databaseUrl: undefined,
      mode: 'production',
      publicUrl: 'http://localhost:3000',
      smtpUrl: undefined,
      mailFrom: 'Samspil <noreply@samspil.local>',
      logLevel: 'info',
      trustProxy: false,
      outboxWorker: true,
      menuCountSeconds: 60,
    });
  });

  it('treats empty variables as unset', () => {
    const c = loadConfig({ PORT: '', DATA_DIR: '', DATABASE_URL: '', SAMSPIL_MODE: '' });
    expect(c.port).toBe(3000);
    expect(c.dataDir).toBe(path.resolve('./data'));
    expect(c.databaseUrl).toBeUndefined();
    expect(c.mode).toBe('production');
  });

  it('honours PORT, DATA_DIR, DATABASE_URL, PUBLIC_URL and TRUST_PROXY', () => {
    const c = loadConfig({
      PORT: '8080',
      DATA_DIR: '/var/lib/samspil',
      DATABASE_URL: 'postgres://samspil@db.internal:5432/samspil',
      PUBLIC_URL: 'https://samspil.example.dk/',
      TRUST_PROXY: 'true',
    });
    expect(c.port).toBe(8080);
    expect(c.dataDir).toBe('/var/lib/samspil');
    expect(c.databaseUrl).toBe('postgres://samspil@db.internal:5432/samspil');
    // A trailing slash would give links like https://host//adgangskode/…
    expect(c.publicUrl).toBe('https://samspil.example.dk');
    // Only the proxy directly in front is trusted, not X-Forwarded-For entries a client adds itself.
    expect(c.trustProxy).toBeTypeOf('function');
    const trust = c.trustProxy as (address: string, hop: number) => boolean;
    expect([trust('10.0.0.1', 0), trust('203.0.113.9', 1)]).toEqual([true, false]);
    expect(loadConfig({}).trustProxy).toBe(false);
  });

  it('accepts postgresql:// as well as postgres://', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@h/db' }).databaseUrl).toBe('postgresql://u@h/db');
  });

  it('defaults the public address to the configured port', () => {
    expect(loadConfig({ PORT: '4321' }).publicUrl).toBe('http://localhost:4321');
  });

  it('runs in demo mode only when SAMSPIL_MODE=demo asks for it, whatever NODE_ENV says', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).mode).toBe('production');
    expect(loadConfig({ NODE_ENV: 'development' }).mode).toBe('production');
    expect(loadConfig({ SAMSPIL_MODE: 'production' }).mode).toBe('production');
    expect(loadConfig({ NODE_ENV: 'production', SAMSPIL_MODE: 'demo' }).mode).toBe('demo');
    expect(loadConfig({ SAMSPIL_MODE: 'demo' }).mode).toBe('demo');
  });

  it.each([
    ['abc', 'PORT: skal være et tal'],
    ['70000', 'PORT: skal være mellem 1 og 65535'],
    ['0', 'PORT: skal være mellem 1 og 65535'],
    ['80.5', 'PORT: skal være et heltal'],
  ])('refuses PORT=%s with a Danish message naming PORT', (value, message) => {
    const e = configError({ PORT: value });
    expect(e.problems).toEqual([message]);
    expect(e.message).toContain('Ugyldig konfiguration');
    expect(e.message).toContain(message);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL', () => {
    const e = configError({ DATABASE_URL: 'mysql://x' });
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]).toMatch(/^DATABASE_URL: skal være en postgres:\/\/-adresse/);
  });

  it('refuses an unknown SAMSPIL_MODE', () => {
    const e = configError({ SAMSPIL_MODE: 'staging' });
    expect(e.problems).toEqual(["SAMSPIL_MODE: skal være 'demo' eller 'production'"]);
  });

  it('refuses TRUST_PROXY values other than true/false', () => {
    expect(configError({ TRUST_PROXY: 'yes' }).problems).toEqual(["TRUST_PROXY: skal være 'true' eller 'false'"]);
  });

  it.each([
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL: skal være en af fatal, error, warn, info, debug, trace, silent'],
    [{ MAIL_FROM: 'ab' }, 'MAIL_FROM: skal være en afsenderadresse, fx Samspil <noreply@samspil.example.dk>'],
    [{ PUBLIC_URL: 'ikke en adresse' }, 'PUBLIC_URL: skal være en fuld adresse, fx https://samspil.example.dk'],
    [{ SMTP_URL: 'http://mail.example.dk' }, 'SMTP_URL: skal være en smtp:// eller smtps://-adresse'],
    [{ OUTBOX_WORKER: 'maybe' }, "OUTBOX_WORKER: skal være 'on' eller 'off'"],
    [{ MENU_COUNT_SECONDS: '-5' }, 'MENU_COUNT_SECONDS: må ikke være negativ'],
    [{ MENU_COUNT_SECONDS: 'lidt' }, 'MENU_COUNT_SECONDS: skal være et tal'],
  ])('explains every other bad variable in Danish too (%o)', (env, message) => {
    expect(configError(env).problems).toEqual([message]);
  });

  it('reports every bad variable at once', () => {
    const e = configError({ PORT: 'abc', DATABASE_URL: 'mysql://x', SAMSPIL_MODE: 'staging' });
    const named = e.problems.map((p) => p.split(':')[0]).sort();
    expect(named).toEqual(['DATABASE_URL', 'PORT', 'SAMSPIL_MODE']);
  });
});

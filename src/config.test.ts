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
      saml: null,
      oidc: null,
      demoIdps: false,
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

  const SAML = { SAML_IDP_METADATA: '/etc/samspil/context-handler.xml', SAML_SP_ENTITY_ID: 'https://samspil.example.dk/saml', SAML_SP_KEY: 'sp.key', SAML_SP_CERT: 'sp.crt' };
  const OIDC = { OIDC_ISSUER: 'https://broker.example.dk', OIDC_CLIENT_ID: 'samspil', OIDC_CLIENT_SECRET: 'hemmelig' };

  it('reads a whole Context Handler and MitID Erhverv set-up, with NSIS Substantial and a minute of clock skew by default', () => {
    const c = loadConfig({ ...SAML, ...OIDC });
    expect(c.saml).toEqual({
      idpMetadata: '/etc/samspil/context-handler.xml',
      spEntityId: 'https://samspil.example.dk/saml',
      spKeyFile: path.resolve('sp.key'),
      spCertFile: path.resolve('sp.crt'),
      spNextCertFile: null,
      minLoa: 'Substantial',
      clockSkewMs: 60_000,
    });
    expect(c.oidc).toEqual({ issuer: 'https://broker.example.dk', clientId: 'samspil', clientSecret: 'hemmelig', subjectClaim: 'sub' });
  });

  it('refuses to start with a half-set single sign-on and names what is missing', () => {
    const { SAML_SP_KEY: _key, SAML_SP_CERT: _cert, ...samlHalf } = SAML;
    expect(configError(samlHalf).problems).toEqual([
      'Context Handler (SAML) er halvt sat op: SAML_IDP_METADATA, SAML_SP_ENTITY_ID er sat, men SAML_SP_KEY, SAML_SP_CERT mangler',
    ]);
    expect(configError({ OIDC_ISSUER: OIDC.OIDC_ISSUER }).problems).toEqual([
      'MitID Erhverv (OIDC) er halvt sat op: OIDC_ISSUER er sat, men OIDC_CLIENT_ID, OIDC_CLIENT_SECRET mangler',
    ]);
    expect(configError({ SAML_SP_NEXT_CERT: 'next.crt' }).problems).toEqual(['SAML_SP_NEXT_CERT: kræver SAML_SP_CERT og resten af Context Handler-opsætningen']);
    expect(configError({ ...SAML, SAML_MIN_LOA: 'Medium' }).problems).toEqual(["SAML_MIN_LOA: skal være 'Low', 'Substantial' eller 'High'"]);
    expect(configError({ ...SAML, SAML_MIN_LOA: 'Low' }).problems[0]).toMatch(/^SAML_MIN_LOA: 'Low' er kun tilladt i demotilstand/);
    expect(loadConfig({ ...SAML, SAML_MIN_LOA: 'Low', SAMSPIL_MODE: 'demo' }).saml?.minLoa).toBe('Low');
  });

  it('starts the test identity providers only in demo mode, and never beside a real set-up', () => {
    expect(loadConfig({ SAMSPIL_MODE: 'demo', DEMO_IDPS: 'on' }).demoIdps).toBe(true);
    expect(configError({ DEMO_IDPS: 'on' }).problems[0]).toMatch(/^DEMO_IDPS: .*kun i demotilstand/);
    expect(configError({ SAMSPIL_MODE: 'demo', DEMO_IDPS: 'on', ...SAML }).problems[0]).toMatch(/^DEMO_IDPS: kan ikke bruges sammen/);
  });
});

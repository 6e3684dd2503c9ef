import path from 'node:path';
import { z } from 'zod';

const port = z.coerce
  .number({ message: 'skal være et tal' })
  .int('skal være et heltal')
  .min(1, 'skal være mellem 1 og 65535')
  .max(65535, 'skal være mellem 1 og 65535');

const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v), 'skal være en postgres://-adresse, fx postgres://bruger@vært:5432/samspil');

const smtpUrl = z
  .string()
  .refine((v) => /^smtps?:\/\/[^\s]+$/.test(v), 'skal være en smtp:// eller smtps://-adresse');

const schema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1, 'må ikke være tom').default('./data'),
  DATABASE_URL: postgresUrl.optional(),
  SAMSPIL_MODE: z.enum(['demo', 'production'], { message: "skal være 'demo' eller 'production'" }).optional(),
  PUBLIC_URL: z.url({ message: 'skal være en fuld adresse, fx https://samspil.example.dk' }).optional(),
  SMTP_URL: smtpUrl.optional(),
  MAIL_FROM: z.string().min(3, 'skal være en afsenderadresse, fx Samspil <noreply@samspil.example.dk>').default('Samspil <noreply@samspil.local>'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'skal være en af fatal, error, warn, info, debug, trace, silent' })
    .default('info'),
  TRUST_PROXY: z.enum(['true', 'false'], { message: "skal være 'true' eller 'false'" }).default('false'),
  OUTBOX_WORKER: z.enum(['on', 'off'], { message: "skal være 'on' eller 'off'" }).default('on'),
  SAML_IDP_METADATA: z.string().optional(),
  SAML_SP_ENTITY_ID: z.string().optional(),
  SAML_SP_KEY: z.string().optional(),
  SAML_SP_CERT: z.string().optional(),
  SAML_SP_NEXT_CERT: z.string().optional(),
  SAML_MIN_LOA: z.enum(['Low', 'Substantial', 'High'], { message: "skal være 'Low', 'Substantial' eller 'High'" }).default('Substantial'),
  SAML_CLOCK_SKEW_SECONDS: z.coerce.number({ message: 'skal være et tal' }).int('skal være et heltal').min(0, 'må ikke være negativ').max(300, 'højst 300').default(60),
  OIDC_ISSUER: z.url({ message: 'skal være en fuld adresse, fx https://broker.example.dk' }).optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_SUBJECT_CLAIM: z.string().min(1).default('sub'),
  DEMO_IDPS: z.enum(['on', 'off'], { message: "skal være 'on' eller 'off'" }).default('off'),
  MENU_COUNT_SECONDS: z.coerce.number({ message: 'skal være et tal' }).int('skal være et heltal').min(0, 'må ikke være negativ').max(3600, 'højst 3600').default(60),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  mode: 'demo' | 'production';
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  /** Whose X-Forwarded-* headers count: none, or the one TLS-terminating proxy directly in front. */
  trustProxy: false | ((address: string, hop: number) => boolean);
  outboxWorker: boolean;
  /**
   * How long a user's menu counts may be reused (0: counted on every page). Any write in this
   * process starts them afresh and the front page always counts, so the figure only bounds how
   * late another instance's or another user's change shows in someone's menu.
   */
  menuCountSeconds: number;
  /** Context Handler (SAML); null when not configured. */
  saml: SamlConfig | null;
  /** MitID Erhverv through an OIDC broker (the backup login); null when not configured. */
  oidc: OidcConfig | null;
  /**
   * Demo only: start the in-process test identity providers on loopback ports and log in through
   * them (`npm start` sets it). Production refuses it.
   */
  demoIdps: boolean;
};

export type SamlConfig = {
  /** A file path or an https:// (or, for tests, http://127.0.0.1) address of the IdP's metadata. */
  idpMetadata: string;
  spEntityId: string;
  /** PEM files: the SP's private key (signs AuthnRequests, decrypts assertions) and certificate. */
  spKeyFile: string;
  spCertFile: string;
  /** The next certificate during a roll-over: published in the metadata beside the current one. */
  spNextCertFile: string | null;
  minLoa: 'Low' | 'Substantial' | 'High';
  clockSkewMs: number;
};

export type OidcConfig = { issuer: string; clientId: string; clientSecret: string; subjectClaim: string };

/** Variables that only work together: all set or none, so a half-set login never starts. */
const SAML_GROUP = ['SAML_IDP_METADATA', 'SAML_SP_ENTITY_ID', 'SAML_SP_KEY', 'SAML_SP_CERT'] as const;
const OIDC_GROUP = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

function incomplete(group: readonly string[], present: Record<string, unknown>, what: string): string[] {
  const set = group.filter((k) => k in present);
  if (set.length === 0 || set.length === group.length) return [];
  const missing = group.filter((k) => !(k in present));
  return [`${what} er halvt sat op: ${set.join(', ')} er sat, men ${missing.join(', ')} mangler`];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Ugyldig konfiguration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Trusts the immediate peer (the proxy) and nothing behind it. With Fastify's `true` every hop is
 * trusted and request.ip becomes the left-most X-Forwarded-For entry, which the client writes
 * itself: each login attempt could then claim a new address and get a fresh rate-limit key.
 * (A hop count of 1 is no alternative: Fastify 5 ignores X-Forwarded-* entirely for numbers.)
 */
const trustOneProxy = (_address: string, hop: number) => hop === 0;

/** Reads the environment once; unset and empty variables both mean "use the default". */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const c = parsed.data;
  const half = [
    ...incomplete(SAML_GROUP, present, 'Context Handler (SAML)'),
    ...incomplete(OIDC_GROUP, present, 'MitID Erhverv (OIDC)'),
    ...('SAML_SP_NEXT_CERT' in present && !('SAML_SP_CERT' in present) ? ['SAML_SP_NEXT_CERT: kræver SAML_SP_CERT og resten af Context Handler-opsætningen'] : []),
  ];
  if (half.length > 0) throw new ConfigError(half);
  // Demo accounts with a published password must never appear by accident: production unless asked.
  const mode = c.SAMSPIL_MODE ?? 'production';
  // NSIS Substantial is the floor the joint access control promises; only a demo may go below it.
  if (c.SAML_MIN_LOA === 'Low' && mode !== 'demo') {
    throw new ConfigError(["SAML_MIN_LOA: 'Low' er kun tilladt i demotilstand; Context Handler-log ind kræver mindst 'Substantial'"]);
  }
  if (c.DEMO_IDPS === 'on' && mode !== 'demo') {
    throw new ConfigError(['DEMO_IDPS: de indbyggede test-identitetsudbydere findes kun i demotilstand (SAMSPIL_MODE=demo)']);
  }
  if (c.DEMO_IDPS === 'on' && (c.SAML_IDP_METADATA || c.OIDC_ISSUER)) {
    throw new ConfigError(['DEMO_IDPS: kan ikke bruges sammen med SAML_IDP_METADATA eller OIDC_ISSUER (demoen sætter dem selv)']);
  }
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    mode,
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    logLevel: c.LOG_LEVEL,
    trustProxy: c.TRUST_PROXY === 'true' ? trustOneProxy : false,
    outboxWorker: c.OUTBOX_WORKER === 'on',
    menuCountSeconds: c.MENU_COUNT_SECONDS,
    saml:
      c.SAML_IDP_METADATA && c.SAML_SP_ENTITY_ID && c.SAML_SP_KEY && c.SAML_SP_CERT
        ? {
            idpMetadata: c.SAML_IDP_METADATA,
            spEntityId: c.SAML_SP_ENTITY_ID,
            spKeyFile: path.resolve(c.SAML_SP_KEY),
            spCertFile: path.resolve(c.SAML_SP_CERT),
            spNextCertFile: c.SAML_SP_NEXT_CERT ? path.resolve(c.SAML_SP_NEXT_CERT) : null,
            minLoa: c.SAML_MIN_LOA,
            clockSkewMs: c.SAML_CLOCK_SKEW_SECONDS * 1000,
          }
        : null,
    oidc:
      c.OIDC_ISSUER && c.OIDC_CLIENT_ID && c.OIDC_CLIENT_SECRET
        ? { issuer: c.OIDC_ISSUER, clientId: c.OIDC_CLIENT_ID, clientSecret: c.OIDC_CLIENT_SECRET, subjectClaim: c.OIDC_SUBJECT_CLAIM }
        : null,
    demoIdps: c.DEMO_IDPS === 'on',
  };
}

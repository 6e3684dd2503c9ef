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
};

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
  // Demo accounts with a published password must never appear by accident: production unless asked.
  const mode = c.SAMSPIL_MODE ?? 'production';
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
  };
}

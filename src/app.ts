import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { registerAttentionBadges } from './platform/attention/badges.ts';
import { registerAuthHook } from './platform/http/auth-hook.ts';
import { registerErrorHandling } from './platform/http/errors-plugin.tsx';
import { collectFilePart } from './platform/http/file-sink.ts';
import { registerMultipartErrors } from './platform/http/multipart-errors.ts';
import { registerMunicipalityScope } from './platform/http/municipality-scope.ts';
import { registerUnstorableTextCheck } from './platform/http/unstorable-text.ts';
import { registerModules } from './modules/index.ts';

export type AppOptions = {
  config: Config;
  database: Database;
  clock?: () => Date;
  logger?: boolean | object;
};

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** Layers: external plugins, then platform services, then the modules' routes. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? { level: opts.config.logLevel },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    trustProxy: opts.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
  });
  // Every part a route declares is validated here, the body included, so a handler's types say
  // what was checked. What a field must contain is checked by the use case after its policy (someone
  // who may not write gets 403/404, not a list of what is wrong with their input), so routes declare
  // bodies at transport level: `apiBody` (a JSON object, documented in full) and the page schemas.
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('database', opts.database);
  app.decorate('config', opts.config);
  app.decorate('clock', opts.clock ?? (() => new Date()));
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', String(request.id));
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  await app.register(formbody);
  const maxFormFile = 10 * 1024 * 1024;
  await app.register(multipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: maxFormFile, files: 1 }, onFile: collectFilePart(maxFormFile) });
  registerMultipartErrors(app);
  // Stylesheets, fonts and icons are needed before login too (the login page itself uses them).
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/static/')) route.config = { ...(route.config ?? {}), public: true };
  });
  // dkfds exports only its script; its dist folder (css, fonts, icons) is two levels up from it.
  const dkfds = path.resolve(path.dirname(require.resolve('dkfds')), '..');
  await app.register(fastifyStatic, { root: dkfds, prefix: '/static/dkfds/', maxAge: '1d' });
  await app.register(fastifyStatic, {
    root: path.join(here, 'platform/views/static'),
    prefix: '/static/',
    decorateReply: false,
    maxAge: '1h',
  });

  registerErrorHandling(app);
  registerAuthHook(app);
  registerMunicipalityScope(app);
  registerUnstorableTextCheck(app);
  registerAttentionBadges(app);
  await registerModules(app);
  return app;
}

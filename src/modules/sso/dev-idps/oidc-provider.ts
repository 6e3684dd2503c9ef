import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';
import { demoIdentities, demoMitidOnly } from './identities.ts';
import { memoryAdapterFactory } from './oidc-provider-adapter.ts';
import { escapeHtml } from '@kitajs/html';
import { pickerPage } from './oidc-provider-picker.ts';

export type TestOidcAccount = { sub: string; name: string; label?: string };

export type TestOidcProviderOptions = {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  /** Default 0: a free port. */
  port?: number;
  /** Extra accounts besides the demo identities with a MitID Erhverv and `demoMitidOnly`. */
  accounts?: TestOidcAccount[];
};

export type TestOidcProvider = { issuer: string; close(): Promise<void> };

/** The MitID Erhverv identities the picker offers: demo identities that have one, then those known only to MitID Erhverv. */
export function testOidcAccounts(extra: TestOidcAccount[] = []): TestOidcAccount[] {
  return [
    ...demoIdentities.flatMap((i) => (i.mitidSub ? [{ sub: i.mitidSub, name: i.name, label: i.label }] : [])),
    ...demoMitidOnly.map((a) => ({ sub: a.sub, name: a.name, label: `${a.name} (ikke tilknyttet)` })),
    ...extra,
  ];
}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      // A picker form is a few dozen bytes; anything larger is not from it.
      if (body.length > 10_000) req.destroy();
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

/**
 * An OpenID provider standing in for a MitID Erhverv broker, in-process on 127.0.0.1, for the
 * tests and the demo: one confidential client, the demo identities as accounts, and a login page
 * that is a picker of those identities (no password: it is a test partner, not a login).
 * Everything else (discovery, PKCE, the code grant, signed ID tokens) is the real library's.
 */
export async function startTestOidcProvider(opts: TestOidcProviderOptions): Promise<TestOidcProvider> {
  const accounts = testOidcAccounts(opts.accounts);
  const byId = new Map(accounts.map((a) => [a.sub, a]));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256' };

  let provider: Provider | null = null;
  const server = createServer((req, res) => {
    if (!provider) {
      res.statusCode = 503;
      res.end();
      return;
    }
    void handle(provider, req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('content-type', 'text/plain; charset=utf-8');
      }
      res.end(`Fejl i testudbyderen: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;

  const configuration: Configuration = {
    clients: [
      {
        client_id: opts.clientId,
        client_secret: opts.clientSecret,
        redirect_uris: opts.redirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    findAccount: (_ctx, id) => {
      const account = byId.get(id);
      return account ? { accountId: id, claims: () => ({ sub: id, name: account.name }) } : undefined;
    },
    claims: { openid: ['sub'], profile: ['name'] },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    jwks: { keys: [jwk as never] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    adapter: memoryAdapterFactory(),
    // Set, so the library does not warn about its defaults on every start.
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 600 },
    renderError: (ctx, out) => {
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Fejl</title></head><body><main><h1>Fejl hos testudbyderen</h1><p>${escapeHtml(String(out.error_description ?? out.error))}</p></main></body></html>`;
    },
  };
  provider = new Provider(issuer, configuration);

  return {
    issuer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };

  async function handle(p: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', issuer).pathname;
    const interaction = /^\/interaction\/([A-Za-z0-9_-]+)(\/(vaelg|afbryd))?$/.exec(path);
    if (!interaction) {
      p.callback()(req, res);
      return;
    }
    const details = await p.interactionDetails(req, res);
    if (req.method === 'GET' && !interaction[2]) {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(pickerPage(details.uid, accounts));
      return;
    }
    if (req.method !== 'POST') {
      res.statusCode = 405;
      res.end();
      return;
    }
    if (interaction[3] === 'afbryd') {
      await p.interactionFinished(req, res, { error: 'access_denied', error_description: 'Brugeren afbrød' }, { mergeWithLastSubmission: false });
      return;
    }
    const picked = (await readForm(req)).get('konto') ?? '';
    if (!byId.has(picked)) {
      res.statusCode = 400;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(pickerPage(details.uid, accounts, 'Vælg en af identiteterne.'));
      return;
    }
    // The grant the client asked for: the requested scopes, so no separate consent step follows.
    const grant = new p.Grant({ accountId: picked, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope ?? 'openid'));
    const grantId = await grant.save();
    await p.interactionFinished(req, res, { login: { accountId: picked }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }
}

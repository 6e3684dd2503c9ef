import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import type { Db } from '../../src/db/client.ts';
import { person, roleAssignment, userAccount } from '../../src/db/schema.ts';
import { ssoIdentity } from '../../src/modules/sso/schema.ts';
import type { Client } from '../app.ts';

let seq = 0;

export type ContextHandlerUser = { personId: string; userId: string; name: string; email: string; nameId: string };

/**
 * A person as a Context Handler login leaves them: an account without a password, the given
 * roles, and the `context-handler` identity (NameID, and the professional UUID when the
 * assertion carried one). With `email` of an existing person of the municipality, that person
 * gets the identity instead (and keeps their roles).
 */
export async function buildContextHandlerUser(
  db: Db,
  opts: {
    code: string;
    name?: string;
    email?: string;
    roles?: { roleTypeKey: string; solutionKey?: string | null }[];
    professionalUuid?: string | null;
    lastLoginAt?: Date;
  },
): Promise<ContextHandlerUser> {
  seq += 1;
  const nameId = `C=DK,O=Test,CN=Testbruger ${String(seq)},Serial=CVR:29188475-RID:${String(90000 + seq)}-${randomUUID().slice(0, 8)}`;
  return db.transaction(async (tx) => {
    let found: { personId: string; userId: string; name: string; email: string } | undefined;
    if (opts.email) {
      [found] = await tx
        .select({ personId: person.id, userId: userAccount.id, name: person.name, email: person.email })
        .from(person)
        .innerJoin(userAccount, eq(userAccount.personId, person.id))
        .where(eq(person.email, opts.email));
    }
    if (!found) {
      const name = opts.name ?? `Testbruger ${String(seq)}`;
      const email = opts.email ?? `ch-${String(seq)}-${randomUUID().slice(0, 8)}@test.dk`;
      const [p] = await tx.insert(person).values({ name, email, municipalityCode: opts.code, title: 'Testbruger' }).returning({ id: person.id });
      const [u] = await tx.insert(userAccount).values({ personId: p!.id, email }).returning({ id: userAccount.id });
      found = { personId: p!.id, userId: u!.id, name, email };
      if (opts.roles?.length) {
        await tx.insert(roleAssignment).values(opts.roles.map((r) => ({ personId: p!.id, municipalityCode: opts.code, roleTypeKey: r.roleTypeKey, solutionKey: r.solutionKey ?? null })));
      }
    }
    await tx.insert(ssoIdentity).values({
      provider: 'context-handler',
      subject: nameId,
      personId: found.personId,
      professionalUuid: opts.professionalUuid ?? null,
      lastLoginAt: opts.lastLoginAt ?? new Date(),
    });
    return { ...found, nameId };
  });
}

/** A MitID Erhverv link straight in the database (as an administrator's link leaves it). */
export async function linkMitidRow(db: Db, personId: string, subject: string): Promise<void> {
  await db.insert(ssoIdentity).values({ provider: 'mitid-erhverv', subject, personId, linkedVia: 'admin' });
}

/** The cookies the test broker sets, as a browser keeps them for its host. */
class Jar {
  private readonly cookies = new Map<string, string>();
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0]!;
      const i = pair.indexOf('=');
      const [name, value] = [pair.slice(0, i).trim(), pair.slice(i + 1).trim()];
      if (value === '' || /max-age=0/i.test(c) || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

export type RoundTrip = { start: LightMyRequestResponse | null; callbackUrl: string; callback: LightMyRequestResponse };

/**
 * A browser's round trip through the in-process MitID Erhverv broker over real HTTP: the app's
 * start (a GET of the login, or a POST of the link form) → the broker's authorize and picker page
 * → picking `sub` → back into the app's callback with the browser's cookies. `callbackUrl` is kept
 * so a test can send it again; `brokerUrl` starts at an authorize address someone else's start made.
 */
export async function mitidRoundTrip(
  client: Client,
  sub: string,
  start: { get: string } | { post: string } | { brokerUrl: string },
  publicUrl = 'http://samspil.test',
): Promise<RoundTrip> {
  const started = 'get' in start ? await client.get(start.get) : 'post' in start ? await client.post(start.post) : null;
  if (started && started.statusCode !== 303) throw new Error(`start answered ${String(started.statusCode)}: ${started.body.slice(0, 300)}`);
  const jar = new Jar();
  let url = started ? String(started.headers.location) : (start as { brokerUrl: string }).brokerUrl;
  let init: RequestInit = {};
  for (let hop = 0; hop < 10; hop++) {
    if (url.startsWith(publicUrl)) {
      const path = url.slice(publicUrl.length);
      return { start: started, callbackUrl: path, callback: await client.get(path) };
    }
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string> | undefined), cookie: jar.header() } });
    jar.keep(res);
    init = {};
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url).href;
      continue;
    }
    const html = await res.text();
    const action = /<form method="post" action="([^"]+\/vaelg)"/.exec(html)?.[1];
    if (res.status !== 200 || !action) throw new Error(`broker answered ${String(res.status)}: ${html.slice(0, 300)}`);
    if (!html.includes(`value="${sub}"`)) throw new Error(`the picker does not offer ${sub}`);
    url = new URL(action, url).href;
    init = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ konto: sub }).toString() };
  }
  throw new Error('too many redirects');
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sha256 } from '../../platform/auth/secrets.ts';
import { AppError } from '../../platform/errors.ts';
import { formBody, pageQuery, queryText } from '../../platform/http/page-schemas.ts';
import { ctxOf, safeNext, sendPage } from '../../platform/http/request-context.ts';
import { CsrfField, ErrorSummary } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { danishCompare } from '../../platform/views/format.ts';
import { CHOICE_COOKIE, finishSsoLogin } from './finish-login.ts';
import { peekOnce } from './once.ts';
import { type ChoiceAccount, choiceAccounts, chooseAccount } from './open-session.ts';
import { CHOOSER_PATH } from './paths.ts';

const chooserQuery = pageQuery({ next: queryText });
const chosen = z.object({ bruger: z.string().uuid('Vælg en af kommunerne på listen') }).passthrough();

const accountLabel = (a: ChoiceAccount): string => (a.municipalityName ? `${a.municipalityName} Kommune` : 'KOMBIT');

function ChooserPage(p: { csrfToken: string | undefined; accounts: ChoiceAccount[]; next: string; error?: string }) {
  const sorted = [...p.accounts].sort((a, b) => danishCompare(a.municipalityName ?? 'KOMBIT', b.municipalityName ?? 'KOMBIT'));
  return (
    <Layout title="Vælg kommune" actor={null} csrfToken={p.csrfToken}>
      <h1>Hvilken kommune vil du arbejde for?</h1>
      <p class="font-lead">Dine rettigheder fra Context Handler gælder i flere kommuner. Vælg den, du vil arbejde for nu; du kan skifte ved at logge ind igen.</p>
      <ErrorSummary errors={p.error ? { bruger: p.error } : {}} labels={{ bruger: 'Kommune' }} />
      <form method="post" action={`${CHOOSER_PATH}?next=${encodeURIComponent(p.next)}`} novalidate>
        <CsrfField token={p.csrfToken} />
        <fieldset>
          <legend class="form-label">Kommune</legend>
          <ul class="nobullet-list">
            {sorted.map((a, i) => (
              <li class="form-group-radio">
                <input type="radio" name="bruger" id={`felt-bruger-${String(i)}`} value={a.userId} class="form-radio radio-large" checked={i === 0} />
                <label for={`felt-bruger-${String(i)}`} safe>
                  {accountLabel(a)}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <button type="submit" class="button button-primary">
          Fortsæt
        </button>
      </form>
    </Layout>
  );
}

function ExpiredPage(p: { csrfToken: string | undefined }) {
  return (
    <Layout title="Valget er udløbet" actor={null} csrfToken={p.csrfToken}>
      <h1>Valget er udløbet</h1>
      <p>Valget af kommune gælder i ti minutter og kun én gang. Log ind igen.</p>
      <p>
        <a href="/login" class="button button-primary">
          Til log ind
        </a>
      </p>
    </Layout>
  );
}

/** The page a user with privileges in several municipalities picks one on, right after the login. */
export function registerChooserRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(CHOOSER_PATH, { config: { public: true }, schema: { querystring: chooserQuery } }, async (request, reply) => {
    const token = request.cookies[CHOICE_COOKIE];
    const ctx = ctxOf(request);
    const accounts = token ? await choiceAccounts(ctx.db, await peekOnce(ctx.db, 'choice', sha256(token), ctx.now)) : null;
    if (!accounts || accounts.length === 0) return sendPage(reply, <ExpiredPage csrfToken={request.csrfToken} />, 410);
    return sendPage(reply, <ChooserPage csrfToken={request.csrfToken} accounts={accounts} next={safeNext(request.query.next)} />);
  });

  app.post(CHOOSER_PATH, { config: { public: true }, schema: { querystring: chooserQuery, body: formBody } }, async (request, reply) => {
    const token = request.cookies[CHOICE_COOKIE];
    const ctx = ctxOf(request);
    if (!token) return sendPage(reply, <ExpiredPage csrfToken={request.csrfToken} />, 410);
    const parsed = chosen.safeParse(request.body);
    try {
      if (!parsed.success) throw new AppError(422, 'invalid_choice', 'Vælg en af kommunerne på listen.');
      const outcome = await chooseAccount(ctx, token, parsed.data.bruger, { ip: request.ip, userAgent: request.headers['user-agent'] });
      reply.clearCookie(CHOICE_COOKIE, { path: '/' });
      return finishSsoLogin(request, reply, outcome, request.query.next);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      if (error.status === 410) return sendPage(reply, <ExpiredPage csrfToken={request.csrfToken} />, 410);
      const accounts = await choiceAccounts(ctx.db, await peekOnce(ctx.db, 'choice', sha256(token), ctx.now));
      if (!accounts) return sendPage(reply, <ExpiredPage csrfToken={request.csrfToken} />, 410);
      const page = <ChooserPage csrfToken={request.csrfToken} accounts={accounts} next={safeNext(request.query.next)} error={error.message} />;
      return sendPage(reply, page, 422);
    }
  });
}

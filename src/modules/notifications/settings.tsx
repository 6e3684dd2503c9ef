import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { AppError, type FieldErrors, notFound, parseInput } from '../../platform/errors.ts';
import { formBody, pageQuery } from '../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../platform/http/request-context.ts';
import { CsrfField, ErrorSummary, Notice } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { userAccount } from '../../platform/identity/schema.ts';

export const digestModes = ['single', 'daily'] as const;
export type DigestMode = (typeof digestModes)[number];

const digestInput = z.object({
  digestMode: z.enum(digestModes, { message: 'Vælg enkeltvise mails eller en daglig oversigt' }),
});

export async function getDigestMode(ctx: Ctx & { actor: Actor }): Promise<DigestMode> {
  const [row] = await ctx.db.select({ digestMode: userAccount.digestMode }).from(userAccount).where(eq(userAccount.id, ctx.actor.userId));
  if (!row) throw notFound();
  return row.digestMode === 'daily' ? 'daily' : 'single';
}

/**
 * A user chooses single mails or one daily digest (07:00) for their notifications. Notifications
 * already waiting for a digest still arrive in the next digest after switching back to single mails.
 */
export async function setDigestMode(ctx: Ctx & { actor: Actor }, body: unknown): Promise<DigestMode> {
  const { digestMode } = parseInput(digestInput, body);
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select({ digestMode: userAccount.digestMode })
      .from(userAccount)
      .where(eq(userAccount.id, ctx.actor.userId))
      .for('update');
    if (!before) throw notFound();
    if (before.digestMode === digestMode) return digestMode;
    await tx.update(userAccount).set({ digestMode }).where(eq(userAccount.id, ctx.actor.userId));
    await recordAudit(tx, ctx, {
      action: 'user.digest_mode_changed',
      entityType: 'user_account',
      entityId: ctx.actor.userId,
      municipalityCode: ctx.actor.municipalityCode,
      before: { digestMode: before.digestMode },
      after: { digestMode },
    });
    return digestMode;
  });
}

const OPTIONS: { value: DigestMode; label: string; hint: string }[] = [
  { value: 'single', label: 'Enkeltvise mails', hint: 'Du får en mail, hver gang der er nyt, fx en påmindelse om en frist.' },
  { value: 'daily', label: 'Daglig oversigt', hint: 'Du får én mail kl. 7 hver morgen med det, der er kommet siden sidst.' },
];

function SettingsPage(p: { request: FastifyRequest; mode: DigestMode; saved?: boolean; errors?: FieldErrors }): JSX.Element {
  return (
    <Layout title="Notifikationer" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="profil">
      <p>
        <a href="/profil" class="function-link">
          Tilbage til min profil
        </a>
      </p>
      <h1>Notifikationer</h1>
      {p.saved ? <Notice kind="success" text="Dit valg er gemt." /> : ''}
      <ErrorSummary errors={p.errors ?? {}} labels={{ digestMode: 'Sådan vil du have beskeder' }} />
      <form method="post" action="/profil/notifikationer" novalidate>
        <CsrfField token={p.request.csrfToken} />
        <fieldset id="felt-digestMode">
          <legend class="form-label">Sådan vil du have beskeder fra Samspil</legend>
          {OPTIONS.map((o) => (
            <div class="form-group-radio">
              <input
                type="radio"
                class="form-radio"
                id={`digest-${o.value}`}
                name="digestMode"
                value={o.value}
                checked={p.mode === o.value}
                aria-describedby={`digest-${o.value}-hint`}
              />
              <label class="form-label" for={`digest-${o.value}`} safe>
                {o.label}
              </label>
              <span class="form-hint" id={`digest-${o.value}-hint`} safe>
                {o.hint}
              </span>
            </div>
          ))}
        </fieldset>
        <button type="submit" class="button button-primary mt-5">
          Gem
        </button>
      </form>
    </Layout>
  );
}

/** GET/POST /profil/notifikationer: every logged-in user, for their own account only. */
export function registerNotificationSettings(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/profil/notifikationer', { schema: { querystring: pageQuery({}) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const saved = request.query.besked === 'gemt';
    return sendPage(reply, <SettingsPage request={request} mode={await getDigestMode(ctx)} saved={saved} />);
  });

  app.post('/profil/notifikationer', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    try {
      await setDigestMode(ctx, request.body);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      return sendPage(reply, <SettingsPage request={request} mode={await getDigestMode(ctx)} errors={error.fieldErrors} />, 422);
    }
    return reply.redirect('/profil/notifikationer?besked=gemt', 303);
  });
}

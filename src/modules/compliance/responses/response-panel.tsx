import { and, count, eq } from 'drizzle-orm';
import { type Actor, type Ctx, isCentral } from '../../../platform/context.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import { Notice, noticeFor } from '../../../platform/views/components.tsx';
import { formatNumber } from '../../../platform/views/format.ts';
import type { ContentRisk } from '../content.ts';
import type { PackageRow } from '../load-package.ts';
import { can, isRecipient } from '../policy.ts';
import type { RiskScale } from '../risk-scales.ts';
import { compliancePackageTarget, complianceRiskResponse, type RiskResponse } from '../schema.ts';
import { ownMeasuresSentence } from './aggregate-queries.ts';
import { loadRiskResponse } from './load-responses.ts';
import { CurrentResponse, formValuesOf, ResponseForm, type ResponseFormValues } from './response-form.tsx';

export const responseUrl = (packageId: string, riskId: string) => `/compliance/pakker/${packageId}/risici/${riskId}/svar`;

/** The notices the risk page shows after the form was posted (`?besked=`). */
export const RESPONSE_NOTICES: Record<string, string> = {
  'svar-gemt': 'Jeres svar på risikoen er gemt.',
  'svar-uaendret': 'Jeres svar var allerede gemt sådan; intet er ændret.',
};

/**
 * The municipality's part of a risk's page: for its recipients, their response to the risk (and the
 * form to give or change it); for central staff, how many municipalities responded how.
 */
export async function responsePanel(
  ctx: Ctx & { actor: Actor },
  pkg: PackageRow,
  risk: ContentRisk,
  scale: RiskScale,
  csrfToken: string | undefined,
  /** the page's `?besked=` after the form was posted */
  besked?: string,
): Promise<JSX.Element> {
  if (isCentral(ctx.actor)) return centralSummary(ctx, pkg, risk);
  if (isRecipient(ctx.actor) && can(ctx.actor, 'read', pkg.facts)) return recipientPanel(ctx, pkg, risk, scale, csrfToken, undefined, noticeFor(RESPONSE_NOTICES, besked));
  return <></>;
}

/** The recipient's panel; after a refused post, with what was posted and the errors. */
export async function recipientPanel(
  ctx: Ctx & { actor: Actor },
  pkg: PackageRow,
  risk: ContentRisk,
  scale: RiskScale,
  csrfToken: string | undefined,
  posted?: { values: ResponseFormValues; errors: FieldErrors },
  notice?: string,
): Promise<JSX.Element> {
  const code = ctx.actor.municipalityCode!;
  const current = await loadRiskResponse(ctx.db, risk.id, code);
  const municipalityName = ctx.actor.municipalityName ? `${ctx.actor.municipalityName} Kommune` : 'Kommunen';
  return (
    <section id="svar" aria-labelledby="svar-overskrift" class="samspil-response-panel">
      <h2 id="svar-overskrift" safe>{`Jeres svar på ${risk.ref}`}</h2>
      {/* The save redirects to #svar, so the confirmation is where the reader lands. */}
      {notice ? <Notice kind="success" text={notice} /> : ''}
      <p>Svaret er kommunens eget: kun jeres kommune og KOMBIT ser det.</p>
      <CurrentResponse current={current} scale={scale} municipalityName={municipalityName} />
      {pkg.status === 'published' ? (
        <ResponseForm
          action={responseUrl(pkg.id, risk.id)}
          csrfToken={csrfToken}
          risk={risk}
          scale={scale}
          values={posted?.values ?? formValuesOf(current, risk)}
          errors={posted?.errors ?? {}}
          hasResponse={current !== null}
        />
      ) : (
        ''
      )}
    </section>
  );
}

/** Central staff: how the municipalities the package was delivered to have responded to this risk. */
async function centralSummary(ctx: Ctx, pkg: PackageRow, risk: ContentRisk): Promise<JSX.Element> {
  const heading = (
    <h2 id="svar-overskrift" safe>
      {`Kommunernes svar på ${risk.ref}`}
    </h2>
  );
  if (pkg.status !== 'published') {
    return (
      <section id="svar" aria-labelledby="svar-overskrift">
        {heading}
        <Notice kind="info" text="Kommunerne kan svare på risikoen, når pakken er offentliggjort og leveret til dem." />
      </section>
    );
  }
  const r = complianceRiskResponse;
  const t = compliancePackageTarget;
  const [delivered] = await ctx.db.select({ n: count() }).from(t).where(eq(t.packageId, pkg.id));
  const rows = await ctx.db
    .select({ response: r.response, n: count() })
    .from(r)
    .innerJoin(t, and(eq(t.packageId, r.packageId), eq(t.municipalityCode, r.municipalityCode)))
    .where(eq(r.riskId, risk.id))
    .groupBy(r.response);
  const of = (kind: RiskResponse) => Number(rows.find((x) => x.response === kind)?.n ?? 0);
  const total = Number(delivered?.n ?? 0);
  const answered = of('accepted') + of('own-measures') + of('not-relevant');
  const kommuner = (n: number) => `${formatNumber(n)} ${n === 1 ? 'kommune' : 'kommuner'}`;
  return (
    <section id="svar" aria-labelledby="svar-overskrift">
      {heading}
      <p class="font-lead" safe>
        {ownMeasuresSentence(of('own-measures'), risk.ref)}
      </p>
      <ul>
        <li safe>{`${kommuner(of('accepted'))} har accepteret risikoen, som den er vurderet`}</li>
        <li safe>{`${kommuner(of('not-relevant'))} finder den ikke relevant`}</li>
        <li safe>{`${kommuner(total - answered)} har ikke svaret`}</li>
      </ul>
      <p safe>{`Pakken er leveret til ${kommuner(total)}.`}</p>
      <p>
        <a href={`/compliance/pakker/${pkg.id}/svar#risiko-${encodeURIComponent(risk.ref)}`} class="function-link">
          Se alle kommunernes svar på pakkens risici
        </a>
      </p>
    </section>
  );
}

import type { Actor, Ctx } from '../../../platform/context.ts';
import { isCentral } from '../../../platform/context.ts';
import { CsrfField } from '../../../platform/views/components.tsx';
import { formatDateLong, formatNumber } from '../../../platform/views/format.ts';
import type { PackageRow } from '../load-package.ts';
import { isComplianceAuthor, isRecipient } from '../policy.ts';
import { deliveryCounts, loadTargets } from './delivery-queries.ts';

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/**
 * The delivery part of a package's overview page: for central staff the publish button (authors,
 * drafts) or how many municipalities have recipients, opened and acknowledged; for a municipality's
 * recipient the acknowledgement. Nothing for anyone else. At most one statement.
 */
export async function deliveryPanel(ctx: Ctx & { actor: Actor }, pkg: PackageRow, csrfToken: string | undefined): Promise<JSX.Element> {
  const base = `/compliance/pakker/${pkg.id}`;
  if (isCentral(ctx.actor)) {
    if (pkg.status === 'draft') {
      if (!isComplianceAuthor(ctx.actor)) return <></>;
      return (
        <section aria-labelledby="levering" class="mt-6" id="offentliggoerelse">
          <h2 id="levering">Offentliggørelse</h2>
          <p>Når pakken offentliggøres, leveres den til kommunerne, og deres udpegede modtagere får en mail. Derefter kan pakken ikke ændres.</p>
          <a href={`${base}/offentliggoer`} class="button button-primary">
            Offentliggør pakken
          </a>
        </section>
      );
    }
    const c = await deliveryCounts(ctx.db, pkg.id);
    return (
      <section aria-labelledby="levering" class="mt-6" id="levering-status">
        <h2 id="levering">Levering</h2>
        <dl class="samspil-details">
          <dt>Leveret til</dt>
          <dd safe>{plural(c.delivered, 'kommune', 'kommuner')}</dd>
          <dt>Med modtagere</dt>
          <dd safe>{plural(c.withRecipients, 'kommune', 'kommuner')}</dd>
          <dt>Åbnet</dt>
          <dd safe>{plural(c.opened, 'kommune', 'kommuner')}</dd>
          <dt>Kvitteret</dt>
          <dd safe>{plural(c.acknowledged, 'kommune', 'kommuner')}</dd>
        </dl>
        <p>
          <a href={`${base}/kommuner`} class="function-link">
            Se kommunerne: modtagere, åbning, kvittering og adgang
          </a>
        </p>
      </section>
    );
  }
  if (!isRecipient(ctx.actor) || pkg.status !== 'published' || !pkg.facts.deliveredToActorMunicipality || !ctx.actor.municipalityCode) return <></>;
  const [target] = await loadTargets(ctx.db, pkg.id, ctx.actor.municipalityCode);
  if (!target) return <></>;
  return (
    <section aria-labelledby="modtagelse" class="mt-6" id="kvittering">
      <h2 id="modtagelse">Modtagelse</h2>
      {target.acknowledgedAt ? (
        <p id="kvitteret" safe>
          {`Kvitteret for modtagelsen ${formatDateLong(target.acknowledgedAt)}${target.acknowledgedBy ? ` af ${target.acknowledgedBy.name}` : ''}.`}
        </p>
      ) : (
        <>
          <p>Kvittér for, at kommunen har modtaget pakken. Én kvittering gælder for hele kommunen.</p>
          <form method="post" action={`${base}/kvitter`}>
            <CsrfField token={csrfToken} />
            <button type="submit" class="button button-primary">
              Kvittér for modtagelsen
            </button>
          </form>
        </>
      )}
    </section>
  );
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { isCentral } from '../../platform/context.ts';
import { pageQuery } from '../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../platform/http/request-context.ts';
import { danishDay, formatDayLong, formatDeadline } from '../../platform/views/format.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { registerMenuEntry } from '../../platform/views/menu.ts';
import { programmeMilestones, type Milestone } from '../tasks/index.ts';
import { registerAssessmentRoutes } from './assessment/routes.tsx';
import { registerConfigurationRoutes } from './configuration/routes.tsx';
import { loadYouthActivation } from './load-configuration.ts';
import { registerPlanRoutes } from './plan/routes.tsx';
import { authorizeBorgerblikketCommon } from './policy.ts';
import { BORGERBLIKKET_PROGRAMME } from './programme.ts';
import { registerVisibilityRoutes } from './visibility/routes.tsx';
import { registerWorkbookRoutes } from './workbook/routes.tsx';


function MilestoneList(p: { milestones: Milestone[]; today: string }): JSX.Element {
  if (p.milestones.length === 0) return <p>Der er ingen milepæle for programmet endnu.</p>;
  return (
    <ol class="nobullet-list bb-timeline">
      {p.milestones.map((m) => {
        const last = m.endsOn ?? m.startsOn;
        const state = last < p.today ? 'Afsluttet' : m.startsOn > p.today ? 'Kommende' : 'I gang';
        return (
          <li>
            <strong safe>{m.title}</strong>{' '}
            <span safe>{m.endsOn ? `${formatDeadline(m.startsOn)}–${formatDeadline(m.endsOn)}` : formatDeadline(m.startsOn)}</span>{' '}
            <span class="badge badge-small">{state}</span>
            {m.description ? <p class="mt-0 mb-3" safe>{m.description}</p> : ''}
          </li>
        );
      })}
    </ol>
  );
}

/**
 * Borgerblikket (issue #13): the KLE plan, each municipality's KLE configuration, the visibility
 * rule ("hvad ser borgeren?") and the impact of a change for 15–17-year-olds, and the assessment of
 * KLE numbers with youth data. Everyone signed in has the menu entry.
 */
export function registerBorgerblikket(app: FastifyInstance) {
  registerMenuEntry({ key: 'borgerblikket', order: 38, href: () => '/borgerblikket', label: 'Borgerblikket', visible: () => true });
  app.withTypeProvider<ZodTypeProvider>().get('/borgerblikket', { schema: { querystring: pageQuery({}) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeBorgerblikketCommon(ctx.actor, 'read');
    const today = danishDay(ctx.now);
    const [programme, activation] = await Promise.all([programmeMilestones(ctx.db, BORGERBLIKKET_PROGRAMME), loadYouthActivation(ctx.db)]);
    const code = ctx.actor.municipalityCode;
    const central = isCentral(ctx.actor);
    return sendPage(
      reply,
      <Layout title="Borgerblikket" actor={request.actor} csrfToken={request.csrfToken} nav="borgerblikket">
        <h1>Borgerblikket: KLE-opsætning og visning for unge</h1>
        <p>
          Mit Overblik viser borgeren de sager, hvor borgeren er primær part, sagen er registreret på CPR-nummeret, kommunen har åbnet sagens KLE-nummer, og
          kildesystemet har leveret sagen til indekset.{' '}
          {activation
            ? `Unge på 15–17 år kan se deres egne sager fra ${formatDayLong(activation)}, hvor KLE-nummeret er åbnet for unge.`
            : 'Visningen for unge på 15–17 år er ikke aktiveret endnu.'}
        </p>
        <ul>
          <li>
            <a href="/borgerblikket/kle">KLE-planen</a>
          </li>
          {code ? (
            <>
              <li>
                <a href={`/borgerblikket/kommuner/${code}`} safe>{`${ctx.actor.municipalityName ?? 'Kommunens'} Kommunes KLE-opsætning`}</a>
              </li>
              <li>
                <a href={`/borgerblikket/kommuner/${code}/hvad-ser-borgeren`}>Hvad ser borgeren?</a>
              </li>
              <li>
                <a href={`/borgerblikket/kommuner/${code}/konsekvens`}>Konsekvens af en ændring for 15–17-årige</a>
              </li>
            </>
          ) : (
            ''
          )}
          <li>
            <a href="/borgerblikket/vurdering">Vurdering af KLE-numre med ungedata</a>
          </li>
          <li>
            <a href="/borgerblikket/aktivering">Aktivering af visningen for 15–17-årige</a>
          </li>
          {central ? (
            <li>
              <a href="/borgerblikket/kommuner">Kommunernes KLE-opsætning</a>
            </li>
          ) : (
            ''
          )}
        </ul>
        <h2>Tidslinje</h2>
        <MilestoneList milestones={programme?.milestones ?? []} today={today} />
      </Layout>,
    );
  });
  registerPlanRoutes(app);
  registerConfigurationRoutes(app);
  registerVisibilityRoutes(app);
  registerWorkbookRoutes(app);
  registerAssessmentRoutes(app);
}

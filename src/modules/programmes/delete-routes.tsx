import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { notFound } from '../../platform/errors.ts';
import { formBody, uuidParam } from '../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../platform/http/request-context.ts';
import { clientKeyOf } from '../../platform/idempotency/claim-request.ts';
import { formatDeadline, formatNumber } from '../../platform/views/format.ts';
import { projectMilestone } from '../tasks/index.ts';
import { deleteProgrammeFigure } from './delete-programme-figure.ts';
import { deleteProgrammeMilestone } from './delete-programme-milestone.ts';
import { programmeByKey } from './load-programmes.ts';
import { authorizeProgramme } from './policy.ts';
import { programmeFigure, programmeFigurePoint } from './schema.ts';
import { ConfirmDeletePage } from './views/confirm-delete-page.tsx';

const programmeKey = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'Ukendt program');
const itemParams = z.object({ key: programmeKey, id: uuidParam });

/** Central editors remove a milestone or a key figure: a page that asks first, then the POST that removes. */
export function registerProgrammeDeletes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/programmer/:key/milepaele/:id/slet', { schema: { params: itemParams } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeProgramme(ctx.actor, 'edit');
    const { key, id } = request.params;
    const programme = await programmeByKey(ctx.db, key);
    const [m] = await ctx.db
      .select({ title: projectMilestone.title, startsOn: projectMilestone.startsOn })
      .from(projectMilestone)
      .where(and(eq(projectMilestone.id, id), eq(projectMilestone.projectId, programme.id)));
    if (!m) throw notFound('Milepælen findes ikke.');
    const page = (
      <ConfirmDeletePage
        request={request}
        programme={{ key, name: programme.name }}
        heading="Slet milepælen"
        lines={[`Milepælen «${m.title}» (${formatDeadline(m.startsOn)}) forsvinder fra ${programme.name}.`]}
        action={`/programmer/${key}/milepaele/${id}/slet`}
        button={`Slet «${m.title}»`}
      />
    );
    return sendPage(reply, page);
  });

  app.post('/programmer/:key/milepaele/:id/slet', { schema: { params: itemParams, body: formBody } }, async (request, reply) => {
    const { key, id } = request.params;
    const { deleted } = await deleteProgrammeMilestone(actorCtx(request), key, id, clientKeyOf(request));
    return reply.redirect(`/programmer/${key}?besked=${deleted ? 'milepael-slettet' : 'allerede-slettet'}`, 303);
  });

  app.get('/programmer/:key/noegletal/:id/slet', { schema: { params: itemParams } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeProgramme(ctx.actor, 'edit');
    const { key, id } = request.params;
    const programme = await programmeByKey(ctx.db, key);
    const [f] = await ctx.db
      .select({ name: programmeFigure.name, points: count(programmeFigurePoint.pointOn) })
      .from(programmeFigure)
      .leftJoin(programmeFigurePoint, eq(programmeFigurePoint.figureId, programmeFigure.id))
      .where(and(eq(programmeFigure.id, id), eq(programmeFigure.projectId, programme.id)))
      .groupBy(programmeFigure.id, programmeFigure.name);
    if (!f) throw notFound('Nøgletallet findes ikke.');
    const points = Number(f.points);
    const page = (
      <ConfirmDeletePage
        request={request}
        programme={{ key, name: programme.name }}
        heading="Slet nøgletallet"
        lines={[`Nøgletallet «${f.name}» forsvinder fra ${programme.name} med ${points === 1 ? 'sin ene måling' : `alle sine ${formatNumber(points)} målinger`}, også fra grafen og tabellen.`]}
        action={`/programmer/${key}/noegletal/${id}/slet`}
        button={`Slet «${f.name}»`}
      />
    );
    return sendPage(reply, page);
  });

  app.post('/programmer/:key/noegletal/:id/slet', { schema: { params: itemParams, body: formBody } }, async (request, reply) => {
    const { key, id } = request.params;
    const { deleted } = await deleteProgrammeFigure(actorCtx(request), key, id, clientKeyOf(request));
    return reply.redirect(`/programmer/${key}?besked=${deleted ? 'noegletal-slettet' : 'allerede-slettet'}`, 303);
  });
}

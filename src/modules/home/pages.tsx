import type { FastifyInstance } from 'fastify';
import { isCentral } from '../../platform/context.ts';
import { actorCtx, sendPage } from '../../platform/http/request-context.ts';
import { roleTypes } from '../../db/reference/role-types.ts';
import { solutions } from '../../db/reference/solutions.ts';
import { Layout, navItems } from '../../platform/views/layout.tsx';
import { registerMenuEntry } from '../../platform/views/menu.ts';
import { registerPublicPages } from './public-pages.tsx';

export function registerHome(app: FastifyInstance) {
  registerMenuEntry({ key: 'forside', order: 0, href: '/', label: 'Forside', visible: () => true });
  registerPublicPages(app);
  app.get('/healthz', { config: { public: true } }, async (_request, reply) => {
    try {
      await app.database.ping();
      return reply.send({ status: 'ok', database: app.database.kind });
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: app.database.kind });
    }
  });

  app.get('/', async (request, reply) => {
    const { actor } = actorCtx(request);
    const links = navItems(actor).filter((i) => i.key !== 'forside');
    const roles = actor.roles.map((r) => {
      const label = roleTypes.find((t) => t.key === r.roleTypeKey)?.labelDa ?? r.roleTypeKey;
      const solution = solutions.find((s) => s.key === r.solutionKey)?.name;
      return `${label}${solution ? ` – ${solution}` : ''}${r.isPrimary ? ' (primær)' : ''}`;
    });
    return sendPage(
      reply,
      <Layout title="Forside" actor={actor} csrfToken={request.csrfToken} nav="forside">
        <h1 safe>{`Velkommen, ${actor.name}`}</h1>
        <p class="font-lead" safe>
          {isCentral(actor)
            ? 'Du er logget ind som medarbejder i KOMBIT og kan se alle 98 kommuners rollegallerier.'
            : `Du er logget ind for ${actor.municipalityName ?? ''} Kommune.`}
        </p>
        {roles.length > 0 ? <p safe>{`Dine roller: ${roles.join(', ')}`}</p> : ''}
        <ul class="nobullet-list">
          {links.map((l) => (
            <li>
              <a href={l.href} class="function-link" safe>
                {l.label}
              </a>
            </li>
          ))}
        </ul>
      </Layout>,
    );
  });
}

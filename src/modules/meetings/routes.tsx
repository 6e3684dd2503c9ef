import type { FastifyInstance } from 'fastify';
import { registerMenuEntry } from '../../platform/views/menu.ts';
import { registerFollowUp } from './follow-up/routes.tsx';
import { registerMeetingMunicipal } from './municipal/routes.tsx';
import { registerMeetingPlanning } from './planning/routes.tsx';

/** Program leader meetings (issue #14 points 5–7): planning, the municipalities' part, the follow-up. */
export function registerMeetings(app: FastifyInstance): void {
  registerMenuEntry({ key: 'moeder', order: 16, href: '/moeder', label: 'Møder', visible: () => true });
  registerMeetingPlanning(app);
  registerMeetingMunicipal(app);
  registerFollowUp(app);
}

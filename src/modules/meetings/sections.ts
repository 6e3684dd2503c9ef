import type { FastifyRequest } from 'fastify';
import type { AttentionCtx } from '../../platform/attention/provider.ts';

/** The meeting as every part of the page sees it. */
export type MeetingHead = { id: string; title: string; startsAt: Date; endsAt: Date };

/**
 * A part of a meeting's page that another folder of this module owns (attendance and input from
 * the municipalities, the follow-up): the planning page renders the registered sections in order,
 * so the folders do not import each other's views.
 */
export type MeetingSection = {
  key: string;
  order: number;
  render: (request: FastifyRequest, ctx: AttentionCtx, meeting: MeetingHead) => Promise<JSX.Element | null>;
};

// Process-wide like the menu registry; keyed so building the app again replaces a section.
const sections = new Map<string, MeetingSection>();

export function registerMeetingSection(section: MeetingSection): void {
  sections.set(section.key, section);
}

export function meetingSections(): MeetingSection[] {
  return [...sections.values()].sort((a, b) => a.order - b.order);
}

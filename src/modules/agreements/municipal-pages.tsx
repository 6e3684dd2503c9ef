import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../platform/errors.ts';

// Placeholder: filled in by the agreements work (issue #4).
export function registerAgreementMunicipalPages(_app: FastifyInstance) {}

/** GET /aftaler for a municipal user: the agreements sent to their municipality. */
export async function renderMunicipalAgreementList(_request: FastifyRequest, _reply: FastifyReply): Promise<unknown> {
  throw notFound();
}

/** GET /aftaler/:id for a municipal user: the agreement, their municipality's status, signing. */
export async function renderMunicipalAgreement(_request: FastifyRequest, _reply: FastifyReply, _agreementId: string): Promise<unknown> {
  throw notFound('Aftalen findes ikke.');
}

import type { FastifyInstance } from 'fastify';

/** MitID Erhverv as the backup login, linking it, and who has none. */
export function registerBackupRoutes(_app: FastifyInstance): void {
  // filled in by the backup part
}

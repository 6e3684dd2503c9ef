import type { Ctx } from '../../../platform/context.ts';
import type { Actor } from '../../../platform/context.ts';
import type { PackageRow } from '../load-package.ts';

/**
 * The delivery part of a package's overview page: for central staff the publish button (authors,
 * drafts) or how many municipalities have recipients, opened and acknowledged; for a municipality's
 * recipient the acknowledgement.
 */
export async function deliveryPanel(ctx: Ctx & { actor: Actor }, pkg: PackageRow, csrfToken: string | undefined): Promise<JSX.Element> {
  void ctx;
  void pkg;
  void csrfToken;
  return <></>;
}

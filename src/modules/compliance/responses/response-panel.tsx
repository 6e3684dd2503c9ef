import type { Actor, Ctx } from '../../../platform/context.ts';
import type { ContentRisk } from '../content.ts';
import type { PackageRow } from '../load-package.ts';
import type { RiskScale } from '../risk-scales.ts';

/**
 * The municipality's part of a risk's page: for its recipients, their response to the risk (and the
 * form to give or change it); for central staff, how many municipalities responded how.
 */
export async function responsePanel(
  ctx: Ctx & { actor: Actor },
  pkg: PackageRow,
  risk: ContentRisk,
  scale: RiskScale,
  csrfToken: string | undefined,
): Promise<JSX.Element> {
  void ctx;
  void pkg;
  void risk;
  void scale;
  void csrfToken;
  return <></>;
}

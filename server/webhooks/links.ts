/**
 * Where a delivery's `url` points: the claim in the dashboard, under the server's public
 * address (CLAIMDESK_PUBLIC_URL). The queue is filled from inside repositories, which
 * know no configuration, so a queued payload holds the claim's path alone; the worker of
 * the app that first sends it puts its own public address in front (claimDueDeliveries),
 * and the body stored then is the one every retry sends. Apps that set no address
 * (tests, benchmarks) link to the default one, as the reports do.
 */
import { defaultPublicUrl } from '../config';

export const DEFAULT_LINK_BASE = defaultPublicUrl('127.0.0.1', 4200);

/** The public address without trailing slashes, so that a path can follow it. */
export function linkBase(publicUrl: string | undefined): string {
  return (publicUrl ?? DEFAULT_LINK_BASE).replace(/\/+$/, '');
}

/** The claim's place in the dashboard, from the root of the public address. */
export function claimPath(articleId: string, claimId: string): string {
  return `/articles/${encodeURIComponent(articleId)}?claim=${encodeURIComponent(claimId)}`;
}

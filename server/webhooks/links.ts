/**
 * Where a delivery's `url` points: the claim in the dashboard, under the server's public
 * address (CLAIMDESK_PUBLIC_URL). The queue is filled from inside repositories, which
 * know no configuration, so the worker plugin sets the address once on start; apps
 * that set none (tests, benchmarks) link to the default address, as the reports do.
 */
import { defaultPublicUrl } from '../config';

let linkBase = defaultPublicUrl('127.0.0.1', 4200);

export function setWebhookLinkBase(publicUrl: string): void {
  linkBase = publicUrl.replace(/\/+$/, '');
}

export function webhookLinkBase(): string {
  return linkBase;
}

export function claimLink(base: string, articleId: string, claimId: string): string {
  return `${base}/articles/${encodeURIComponent(articleId)}?claim=${encodeURIComponent(claimId)}`;
}

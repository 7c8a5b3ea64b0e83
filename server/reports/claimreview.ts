/**
 * The ClaimReview report: schema.org JSON-LD, one ClaimReview per approved
 * claim with a verdict, as search engines read fact-checks.
 *
 * The document is `{"@context": "https://schema.org", "@graph": [...]}`. Its
 * first node is a plain CreativeWork describing the export itself: which
 * article, how many ClaimReviews, and how many claims were left out and why
 * (JSON-LD has no comments, and a CreativeWork is a type that Google's parser
 * reads without looking for a rich result in it). The route also sends the
 * counts in the `X-Claimdesk-Omitted` header.
 *
 * Only an approval made in this instance is published (or one an admin
 * restored from a backup): a claim that came in approved through someone
 * else's file import is left out, whatever the file said (see
 * `intake/imported-records.ts`).
 */
import { filterFromQuery, isFiltered } from '../../src/domain/claim-filter';
import { schemaOrgRating, type Verdict } from '../../src/domain/verdicts';
import type { ExportedClaim, ExportedReport } from './article-export';

export interface Publisher {
  /** The organisation publishing the fact-checks: every ClaimReview's `author`. */
  readonly organisationName: string;
  readonly organisationUrl: string;
  /** Base URL of the public fact-check pages, without a trailing slash. */
  readonly publicUrl: string;
}

export interface Omitted {
  /** Claims in the report that are not approved. */
  readonly notApproved: number;
  /** Approved claims without a verdict. */
  readonly noVerdict: number;
  /** Approved claims with a verdict whose approval was not made here nor restored by an admin. */
  readonly approvedElsewhere: number;
}

export interface ClaimReviewDocument {
  readonly body: Record<string, unknown>;
  readonly reviews: number;
  readonly omitted: Omitted;
}

/** Google shows `claimReviewed` best under 75 characters. */
export const CLAIM_REVIEWED_MAX = 75;

/**
 * The statement in fewer than `max` characters (code points): cut at the last
 * word boundary that fits, with an ellipsis, or mid-word when a single word is
 * longer than half the room.
 */
export function shortClaim(statement: string, max = CLAIM_REVIEWED_MAX): string {
  const clean = statement.replace(/\s+/g, ' ').trim();
  const chars = Array.from(clean);
  if (chars.length < max) {
    return clean;
  }
  // max - 2 characters and the ellipsis: max - 1 in all, under max.
  const room = max - 2;
  const head = chars.slice(0, room).join('');
  const space = head.lastIndexOf(' ');
  const cut = space > head.length / 2 ? head.slice(0, space) : head;
  return `${cut.replace(/[\s,;:.!?–—-]+$/u, '')}…`;
}

/** The page a claim's fact-check is published on: the article page with the claim's anchor. */
export function claimPageUrl(publisher: Publisher, articleId: string, claimId: string): string {
  return `${publisher.publicUrl}/articles/${encodeURIComponent(articleId)}#claim-${encodeURIComponent(claimId)}`;
}

const approvedWithVerdict = (claim: ExportedClaim) =>
  claim.stage === 'approved' && claim.verdict !== null;

export function buildClaimReview(
  report: ExportedReport,
  publisher: Publisher,
  generatedAt: string,
): ClaimReviewDocument {
  const { article, claims } = report.file;
  const organisation = {
    '@type': 'Organization',
    name: publisher.organisationName,
    url: publisher.organisationUrl,
  };
  // The claims are the article's: its outlet makes them, where known.
  const outlet = article.outlet ? { '@type': 'Organization', name: article.outlet } : undefined;
  const appearance = {
    '@type': 'NewsArticle',
    headline: article.headline,
    ...(article.url ? { url: article.url } : {}),
    ...(article.publishedAt ? { datePublished: article.publishedAt } : {}),
    ...(outlet ? { publisher: outlet } : {}),
  };

  // Without the loader's check (`approvals`), nothing counts as approved here.
  const madeHere = (claim: ExportedClaim) => report.publishable?.has(claim.id) === true;
  const publishable = (claim: ExportedClaim): (ExportedClaim & { verdict: Verdict })[] =>
    approvedWithVerdict(claim) && claim.verdict !== null && madeHere(claim)
      ? [{ ...claim, verdict: claim.verdict }]
      : [];
  const reviews = claims.flatMap(publishable).map((claim) => {
    const url = claimPageUrl(publisher, article.id, claim.id);
    return {
      '@type': 'ClaimReview',
      '@id': url,
      url,
      claimReviewed: shortClaim(claim.statement),
      reviewRating: schemaOrgRating(claim.verdict),
      itemReviewed: {
        '@type': 'Claim',
        text: claim.statement,
        ...(outlet ? { author: outlet } : {}),
        ...(article.publishedAt ? { datePublished: article.publishedAt } : {}),
        appearance,
      },
      author: organisation,
      // Not invented when an imported claim carries no approval time.
      ...(claim.approvedAt ? { datePublished: claim.approvedAt.slice(0, 10) } : {}),
      ...(claim.rationale?.trim() ? { reviewBody: claim.rationale } : {}),
      inLanguage: article.language,
    };
  });

  const omitted: Omitted = {
    notApproved: claims.filter((c) => c.stage !== 'approved').length,
    noVerdict: claims.filter((c) => c.stage === 'approved' && c.verdict === null).length,
    approvedElsewhere: claims.filter((c) => approvedWithVerdict(c) && !madeHere(c)).length,
  };
  const left = omitted.notApproved + omitted.noVerdict + omitted.approvedElsewhere;
  const reasons = [
    omitted.notApproved ? `${omitted.notApproved} not approved` : '',
    omitted.noVerdict ? `${omitted.noVerdict} approved without a verdict` : '',
    omitted.approvedElsewhere
      ? `${omitted.approvedElsewhere} approved in an imported file, not here`
      : '',
  ].filter(Boolean);
  const scope = isFiltered(filterFromQuery(report.filter))
    ? `the ${claims.length} claims of the claims-table filter (of ${report.articleClaimCount})`
    : `the article's ${claims.length} claims`;
  const description =
    `ClaimReviews for ${scope}: ${reviews.length} approved with a verdict. ` +
    (left === 0
      ? 'No claim was left out.'
      : `${left} left out, as only claims approved here with a verdict are published: ${reasons.join(', ')}.`);

  const exportNode = {
    '@type': 'CreativeWork',
    '@id': `${publisher.publicUrl}/articles/${encodeURIComponent(article.id)}#claimreview-export`,
    name: `ClaimReview export: ${article.headline}`,
    description,
    dateCreated: generatedAt,
    creator: organisation,
    about: appearance,
    hasPart: reviews.map((review) => ({ '@id': review['@id'] })),
  };
  return {
    body: { '@context': 'https://schema.org', '@graph': [exportNode, ...reviews] },
    reviews: reviews.length,
    omitted,
  };
}

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

/**
 * What the review says was claimed: the summary written for publication when
 * there is one, otherwise the whole statement. Never shortened here: a cut
 * statement can say something else, so the desk writes a summary instead (the
 * dashboard asks for one above SUMMARY_ADVISED_ABOVE characters).
 */
export function claimReviewed(claim: Pick<ExportedClaim, 'statement' | 'summary'>): string {
  const summary = claim.summary?.replace(/\s+/g, ' ').trim();
  return summary || claim.statement.replace(/\s+/g, ' ').trim();
}

/**
 * Who made the claim: the claimant as the desk recorded them, else the
 * outlet that ran the article (its words, as far as anyone knows), else nobody.
 */
export function claimAuthor(
  claim: Pick<ExportedClaim, 'claimant' | 'claimantType'>,
  outlet: string | null,
): { '@type': string; name: string } | undefined {
  const claimant = claim.claimant?.replace(/\s+/g, ' ').trim();
  if (claimant) {
    return { '@type': claim.claimantType, name: claimant };
  }
  return outlet ? { '@type': 'Organization', name: outlet } : undefined;
}

/** The page a claim's fact-check is published on: the article page with the claim's anchor. */
export function claimPageUrl(publisher: Publisher, articleId: string, claimId: string): string {
  return `${publisher.publicUrl}/articles/${encodeURIComponent(articleId)}#claim-${encodeURIComponent(claimId)}`;
}

/**
 * Where a repeated claim was first checked (claim-memory.ts), for its `firstAppearance`:
 * the article of the original check, by the repeat's id.
 */
export interface FirstAppearance {
  readonly headline: string;
  readonly url: string | null;
  readonly publishedAt: string | null;
  readonly outlet: string | null;
}

/** An article as a ClaimReview's claim appears in it: `appearance` and `firstAppearance`. */
function articleAppearance(article: FirstAppearance) {
  return {
    '@type': 'NewsArticle',
    headline: article.headline,
    ...(article.url ? { url: article.url } : {}),
    ...(article.publishedAt ? { datePublished: article.publishedAt } : {}),
    ...(article.outlet ? { publisher: { '@type': 'Organization', name: article.outlet } } : {}),
  };
}

const approvedWithVerdict = (claim: ExportedClaim) =>
  claim.stage === 'approved' && claim.verdict !== null;

export function buildClaimReview(
  report: ExportedReport,
  publisher: Publisher,
  generatedAt: string,
  firstAppearances: ReadonlyMap<string, FirstAppearance> = new Map(),
): ClaimReviewDocument {
  const { article, claims } = report.file;
  const organisation = {
    '@type': 'Organization',
    name: publisher.organisationName,
    url: publisher.organisationUrl,
  };
  // The article's publisher; also the claims' author where the desk names no claimant.
  const outlet = article.outlet ? { '@type': 'Organization', name: article.outlet } : undefined;
  const appearance = articleAppearance(article);

  const claimItem = (claim: ExportedClaim) => {
    const author = claimAuthor(claim, outlet?.name ?? null);
    // When the claim was made, else when the article that carries it appeared.
    const made = claim.claimDate ?? article.publishedAt;
    // A repeat of a claim checked before: where it was first checked.
    const first = firstAppearances.get(claim.id);
    return {
      '@type': 'Claim',
      text: claim.statement,
      ...(author ? { author } : {}),
      ...(made ? { datePublished: made } : {}),
      appearance,
      ...(first ? { firstAppearance: articleAppearance(first) } : {}),
    };
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
      claimReviewed: claimReviewed(claim),
      reviewRating: schemaOrgRating(claim.verdict),
      itemReviewed: claimItem(claim),
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

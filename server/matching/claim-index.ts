/**
 * The claims every process matches against, in memory: loaded from the database at start,
 * then kept current from the change feed. On PostgreSQL the feed brings every process's
 * writes (plugins/changes.ts), so a claim edited through one server is matched in its new
 * wording by all. Events carry the claim as it now stands; an older one (a feed that
 * delivers an event after the load that already saw its change) is told apart by version.
 * Claims are indexed in the order they were created, so that the matcher's tie rule (of
 * claims that score the same, the one indexed first) names the earlier check after a
 * restart too.
 */
import type { ChangeEvent as DomainChangeEvent } from '../../src/domain/change-event';
import type { ClaimSummary } from '../../src/domain/claim';
import type { ClaimMatch } from '../../src/domain/matching';
import type { Db } from '../repositories/claims';
import type { ChangeEvent } from '../repositories/events';
import {
  type ArticleHeadline,
  listArticleHeadlines,
  listClaimIdsByAge,
  listMatchableClaims,
  type MatchableClaim,
} from '../repositories/matching';
import type { Matcher } from './matcher';

type EventData = DomainChangeEvent['data'];

/** Longest stretch of indexing before other requests may run. */
const INDEX_SLICE_MS = 15;
/**
 * Claims read in one query: the 20,000 of an import in one query held the event loop for
 * 50-90 ms on a loaded machine, right after the import's COMMIT.
 */
const LOAD_PAGE = 2000;

export class ClaimIndex {
  private readonly claims = new Map<string, MatchableClaim>();
  private readonly headlines = new Map<string, ArticleHeadline>();
  /** Loads under way (start, a newly imported article): a match waits for them. */
  private readonly pending = new Set<Promise<void>>();
  /** Events that came before the first load finished, applied after it. */
  private early: ChangeEvent[] | null = [];

  constructor(
    private readonly db: Db,
    private readonly matcher: Matcher,
  ) {}

  get size(): number {
    return this.claims.size;
  }

  /** The first load; events delivered meanwhile are kept and applied after it. */
  async load(): Promise<void> {
    await this.track(this.loadFrom());
    const early = this.early ?? [];
    this.early = null;
    early.forEach((event) => this.apply(event));
  }

  /** Takes one committed change: call for every event the change hub delivers. */
  apply(event: ChangeEvent): void {
    if (this.early) {
      this.early.push(event);
      return;
    }
    const data = (event.data ?? {}) as EventData;
    if (event.type === 'claim.created' || event.type === 'claim.updated') {
      if (data.claim) {
        this.put(claimOf(data.claim));
      }
    } else if (event.type === 'article.created' && event.articleId) {
      // An import brings its claims in one event that names only the article.
      void this.track(this.loadFrom(event.articleId));
    } else if (event.type === 'article.updated' && data.article) {
      this.putHeadline(data.article);
    }
  }

  /** The claims the text most likely repeats, best first, `exclude` left out. */
  async match(text: string, limit: number, exclude?: string): Promise<ClaimMatch[]> {
    await this.settled();
    return this.matcher
      .match(text, limit, exclude ? new Set([exclude]) : undefined)
      .flatMap((result) => {
        const claim = this.claims.get(result.id);
        if (!claim) {
          return [];
        }
        return [
          {
            claimId: claim.id,
            articleId: claim.articleId,
            articleHeadline: this.headlines.get(claim.articleId)?.headline ?? '',
            quote: claim.quote,
            statement: claim.statement,
            summary: claim.summary,
            stage: claim.stage,
            verdict: claim.verdict,
            score: result.score,
          },
        ];
      });
  }

  /**
   * A claim as indexed (current as of the last event), or undefined when it does not
   * exist. One written through another process a moment ago, whose event is still on its
   * way, is read from the database (and indexed).
   */
  async find(id: string): Promise<MatchableClaim | undefined> {
    await this.settled();
    const known = this.claims.get(id);
    if (known) {
      return known;
    }
    const [claim] = await listMatchableClaims(this.db, { claimId: id });
    if (claim && !this.headlines.has(claim.articleId)) {
      await this.track(this.loadFrom(claim.articleId));
    } else if (claim) {
      this.put(claim);
    }
    return this.claims.get(id);
  }

  /**
   * Waits for loads under way (an import's claims are read after its answer): the app
   * closes its database only after them. A load that fails then is of no interest.
   */
  async close(): Promise<void> {
    while (this.pending.size > 0) {
      await Promise.allSettled([...this.pending]);
    }
  }

  private async settled(): Promise<void> {
    while (this.pending.size > 0) {
      await Promise.all(this.pending);
    }
  }

  private track(work: Promise<void>): Promise<void> {
    this.pending.add(work);
    return work.finally(() => this.pending.delete(work));
  }

  private async loadFrom(articleId?: string): Promise<void> {
    const headlines = await listArticleHeadlines(this.db, articleId);
    headlines.forEach((headline) => this.putHeadline(headline));
    // Indexing 20,000 claims of an import takes most of a second: in slices, so that other
    // requests run between them, read a page at a time.
    let sliceStart = performance.now();
    const ids = await listClaimIdsByAge(this.db, articleId);
    for (let first = 0; first < ids.length; first += LOAD_PAGE) {
      const page = ids.slice(first, first + LOAD_PAGE);
      const byId = new Map(
        (await listMatchableClaims(this.db, { ids: page })).map((claim) => [claim.id, claim]),
      );
      // In the order the claims were created (a claim deleted meanwhile is gone).
      for (const id of page) {
        const claim = byId.get(id);
        if (claim) {
          this.put(claim);
        }
        if (performance.now() - sliceStart > INDEX_SLICE_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          sliceStart = performance.now();
        }
      }
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }

  private putHeadline(article: ArticleHeadline): void {
    const known = this.headlines.get(article.id);
    if (!known || known.version <= article.version) {
      this.headlines.set(article.id, {
        id: article.id,
        headline: article.headline,
        version: article.version,
      });
    }
  }

  private put(claim: MatchableClaim): void {
    const known = this.claims.get(claim.id);
    if (known && known.version > claim.version) {
      return;
    }
    this.claims.set(claim.id, claim);
    if (
      !known ||
      known.statement !== claim.statement ||
      known.quote !== claim.quote ||
      known.summary !== claim.summary
    ) {
      this.matcher.upsert({
        id: claim.id,
        claim: claim.statement,
        context: [claim.quote, claim.summary ?? ''].join('\n'),
      });
    }
  }
}

function claimOf(summary: ClaimSummary): MatchableClaim {
  return {
    id: summary.id,
    articleId: summary.articleId,
    quote: summary.quote,
    statement: summary.statement,
    summary: summary.summary,
    stage: summary.stage,
    verdict: summary.verdict,
    version: summary.version,
  };
}

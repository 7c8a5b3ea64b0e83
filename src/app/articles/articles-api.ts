import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ArticleDetail, ArticleSummary } from '../../domain/claim';
import { ClaimRows } from '../../domain/claim-rows';

/** A pasted article: its text and what the desk knows about it. */
export interface PastedArticle {
  readonly source: 'text';
  readonly headline: string;
  readonly text: string;
  readonly outlet?: string;
  readonly url?: string;
  /** YYYY-MM-DD */
  readonly publishedAt?: string;
  readonly language?: string;
}

/** An uploaded article file (the `claims/` format) or a JSON report, checked by the server. */
export interface UploadedArticle {
  readonly source: 'file';
  readonly file: unknown;
  /**
   * Store it beside an article of the same id: under `<id>-copy` (`-copy-2`…),
   * with new claim, evidence and note ids. Without it, an id taken is a 409
   * whose problem `code` is `exists`.
   */
  readonly asCopy?: boolean;
}

export type NewArticle = PastedArticle | UploadedArticle;

/** What the import of a file did (server/routes/intake.ts). */
export interface ArticleImport {
  /** `restore`: an admin's import, stages and approvals as the file gives them. */
  readonly mode: 'restore' | 'import';
  /** The file's article id when stored as a copy, else null. */
  readonly copyOf: string | null;
  /** Claims whose stage the import set back to new. */
  readonly claimsReset: number;
  /** Claims stored under a new id. */
  readonly claimsRenamed: number;
  readonly suggestions: number;
}

/** The added article as the list shows it; a file's import says what it did. */
export interface AddedArticle extends ArticleSummary {
  readonly import?: ArticleImport;
}

/** What `PATCH /api/articles/:id` changes: only the fields sent; null clears one. */
export interface ArticleChanges {
  readonly headline?: string;
  readonly outlet?: string | null;
  readonly url?: string | null;
  /** YYYY-MM-DD */
  readonly publishedAt?: string | null;
  readonly archived?: boolean;
}

/** An article's detail (`GET`): what the workspace and the overview ask first. */
export function articleUrl(id: string): string {
  return `/api/articles/${encodeURIComponent(id)}`;
}

/**
 * An article's claims as rows (`GET`, src/domain/claim-rows.ts), asked beside its detail:
 * the list as the dashboard reads it, a third of the bytes of the claims as objects.
 */
export function articleClaimsUrl(id: string): string {
  return `${articleUrl(id)}/claim-rows`;
}

/** The article list (`GET`), archived ones too when asked: what the list page asks first. */
export function articleListUrl(archived = false): string {
  return archived ? '/api/articles?archived=1' : '/api/articles';
}

@Injectable({ providedIn: 'root' })
export class ArticlesApi {
  private readonly http = inject(HttpClient);

  /** `archived`: archived articles too (they are left out otherwise). */
  list(options: { archived?: boolean } = {}): Observable<ArticleSummary[]> {
    return this.http.get<ArticleSummary[]>(articleListUrl(options.archived));
  }

  /** Changes an article made on `version`; a 412 carries the article as it now stands (`current`). */
  update(id: string, version: number, changes: ArticleChanges): Observable<ArticleSummary> {
    return this.http.patch<ArticleSummary>(`/api/articles/${encodeURIComponent(id)}`, changes, {
      headers: { 'If-Match': `"${version}"` },
    });
  }

  get(id: string): Observable<ArticleDetail> {
    return this.http.get<ArticleDetail>(articleUrl(id));
  }

  add(article: NewArticle): Observable<AddedArticle> {
    return this.http.post<AddedArticle>('/api/articles', article);
  }

  /** The article's claims as rows: `fromClaimRows` with the article's text makes the list. */
  claimRows(id: string): Observable<ClaimRows> {
    return this.http.get<ClaimRows>(articleClaimsUrl(id));
  }
}

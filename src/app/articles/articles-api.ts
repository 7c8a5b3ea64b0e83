import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ArticleDetail, ArticleSummary, ClaimSummary } from '../../domain/claim';

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
}

export type NewArticle = PastedArticle | UploadedArticle;

@Injectable({ providedIn: 'root' })
export class ArticlesApi {
  private readonly http = inject(HttpClient);

  list(): Observable<ArticleSummary[]> {
    return this.http.get<ArticleSummary[]>('/api/articles');
  }

  get(id: string): Observable<ArticleDetail> {
    return this.http.get<ArticleDetail>(`/api/articles/${encodeURIComponent(id)}`);
  }

  add(article: NewArticle): Observable<ArticleSummary> {
    return this.http.post<ArticleSummary>('/api/articles', article);
  }

  claims(id: string): Observable<ClaimSummary[]> {
    return this.http.get<ClaimSummary[]>(`/api/articles/${encodeURIComponent(id)}/claims`);
  }
}

import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ArticleDetail, ArticleSummary, ClaimSummary } from '../../domain/claim';

@Injectable({ providedIn: 'root' })
export class ArticlesApi {
  private readonly http = inject(HttpClient);

  list(): Observable<ArticleSummary[]> {
    return this.http.get<ArticleSummary[]>('/api/articles');
  }

  get(id: string): Observable<ArticleDetail> {
    return this.http.get<ArticleDetail>(`/api/articles/${encodeURIComponent(id)}`);
  }

  claims(id: string): Observable<ClaimSummary[]> {
    return this.http.get<ClaimSummary[]>(`/api/articles/${encodeURIComponent(id)}/claims`);
  }
}

import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { DeskStats } from '../../domain/desk';

/** The desk's statistics: times in stage, approvals per week, overdue claims. */
@Injectable({ providedIn: 'root' })
export class StatsApi {
  private readonly http = inject(HttpClient);

  /** For one article when `articleId` is given, else across the desk. */
  stats(articleId?: string): Observable<DeskStats> {
    return this.http.get<DeskStats>('/api/desk/stats', {
      params: articleId === undefined ? {} : { article: articleId },
    });
  }
}

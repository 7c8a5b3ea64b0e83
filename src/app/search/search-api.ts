import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { SearchPage, SearchQuery, searchQueryParams } from '../../domain/search';

/** Search across every article: `GET /api/search`. */
@Injectable({ providedIn: 'root' })
export class SearchApi {
  private readonly http = inject(HttpClient);

  search(query: SearchQuery): Observable<SearchPage> {
    return this.http.get<SearchPage>('/api/search', { params: searchQueryParams(query) });
  }
}

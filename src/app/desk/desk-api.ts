import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { DeskPage, DeskQuery, deskQueryParams } from '../../domain/desk';

/** Claims across articles: `GET /api/claims`, one page at a time. */
@Injectable({ providedIn: 'root' })
export class DeskApi {
  private readonly http = inject(HttpClient);

  claims(query: DeskQuery): Observable<DeskPage> {
    return this.http.get<DeskPage>('/api/claims', { params: deskQueryParams(query) });
  }
}

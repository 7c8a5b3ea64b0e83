import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { BulkRequest, BulkResponse } from '../../domain/desk';

/** The server's bulk endpoints: one change to many claims, and taking it back. */
@Injectable({ providedIn: 'root' })
export class BulkApi {
  private readonly http = inject(HttpClient);

  /** Each claim is checked alone; the answer says, per claim, what the change alone would have had. */
  apply(request: BulkRequest): Observable<BulkResponse> {
    return this.http.post<BulkResponse>('/api/claims/bulk', request);
  }

  /** Puts back the claims the batch changed and nobody has changed since. */
  undo(batchId: string): Observable<BulkResponse> {
    return this.http.post<BulkResponse>(`/api/claims/bulk/${encodeURIComponent(batchId)}/undo`, {});
  }
}

import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ClaimDetail, ClaimSummary } from '../../domain/claim';
import { RepeatOfRequest } from '../../domain/claim-memory';
import { MatchRequest, MatchResponse } from '../../domain/matching';

const claimUrl = (id: string) => `/api/claims/${encodeURIComponent(id)}`;

/** "Checked before?": the matcher's answers, and marking and adopting an earlier check. */
@Injectable({ providedIn: 'root' })
export class ClaimMemoryApi {
  private readonly http = inject(HttpClient);

  /** Existing claims (all articles) the text most likely repeats, best first. */
  match(text: string, limit: number): Observable<MatchResponse> {
    const body: MatchRequest = { text, limit };
    return this.http.post<MatchResponse>('/api/match', body);
  }

  /** Other claims this claim most likely repeats, best first. */
  similar(claimId: string, limit: number): Observable<MatchResponse> {
    return this.http.get<MatchResponse>(`${claimUrl(claimId)}/similar`, { params: { limit } });
  }

  claim(id: string): Observable<ClaimDetail> {
    return this.http.get<ClaimDetail>(claimUrl(id));
  }

  markRepeat(id: string, version: number, originalId: string): Observable<ClaimSummary> {
    const body: RepeatOfRequest = { claimId: originalId };
    return this.http.put<ClaimSummary>(`${claimUrl(id)}/repeat-of`, body, {
      headers: { 'If-Match': `"${version}"` },
    });
  }

  unmarkRepeat(id: string, version: number): Observable<ClaimSummary> {
    return this.http.delete<ClaimSummary>(`${claimUrl(id)}/repeat-of`, {
      headers: { 'If-Match': `"${version}"` },
    });
  }

  adopt(id: string, version: number): Observable<ClaimDetail> {
    return this.http.post<ClaimDetail>(
      `${claimUrl(id)}/adopt`,
      {},
      {
        headers: { 'If-Match': `"${version}"` },
      },
    );
  }
}

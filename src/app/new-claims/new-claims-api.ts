import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ClaimantType, ClaimKind, ClaimSummary } from '../../domain/claim';
import { AttributionGuess, ScoredSentence, Suggestion } from '../../domain/suggestion';

/** What an editor confirms before a passage becomes a claim. */
export interface ClaimDraft {
  readonly start: number;
  readonly end: number;
  readonly statement: string;
  readonly kind: ClaimKind;
  /** Who made the claim, as the editor confirmed it; left out when nobody is named. */
  readonly claimant?: string;
  readonly claimantType?: ClaimantType;
}

/** A stored suggestion, as far as its routes need it. */
export interface StoredRef {
  readonly articleId: string;
  readonly id: string;
}

/** The server's endpoints that turn article text into claims. */
@Injectable({ providedIn: 'root' })
export class NewClaimsApi {
  private readonly http = inject(HttpClient);

  create(articleId: string, draft: ClaimDraft): Observable<ClaimSummary> {
    return this.http.post<ClaimSummary>(
      `/api/articles/${encodeURIComponent(articleId)}/claims`,
      draft,
    );
  }

  /** Who the sentence around `start`–`end` says made the claim: a guess to confirm. */
  attribution(articleId: string, start: number, end: number): Observable<AttributionGuess> {
    return this.http.get<AttributionGuess>(
      `/api/articles/${encodeURIComponent(articleId)}/attribution`,
      { params: { start, end } },
    );
  }

  /**
   * The stored suggestions; with `minScore`, every scored sentence at or over it,
   * suggested or not, in text order.
   */
  suggestions(
    articleId: string,
    minScore: number | null = null,
  ): Observable<readonly (Suggestion | ScoredSentence)[]> {
    return this.http.get<readonly (Suggestion | ScoredSentence)[]>(
      `/api/articles/${encodeURIComponent(articleId)}/suggestions`,
      minScore === null ? {} : { params: { minScore } },
    );
  }

  accept(
    suggestion: StoredRef,
    draft: ClaimDraft,
  ): Observable<{ suggestion: Suggestion; claim: ClaimSummary }> {
    return this.http.post<{ suggestion: Suggestion; claim: ClaimSummary }>(
      `${this.suggestionUrl(suggestion)}/accept`,
      draft,
    );
  }

  reject(suggestion: StoredRef): Observable<Suggestion> {
    return this.http.post<Suggestion>(`${this.suggestionUrl(suggestion)}/reject`, {});
  }

  private suggestionUrl(suggestion: StoredRef): string {
    return `/api/articles/${encodeURIComponent(suggestion.articleId)}/suggestions/${encodeURIComponent(suggestion.id)}`;
  }
}

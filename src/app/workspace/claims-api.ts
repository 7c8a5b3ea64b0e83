import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ClaimDetail, ClaimSummary, Evidence, HistoryEntry, Note } from '../../domain/claim';
import { ClaimPatch, EvidenceRequest, TransitionRequest } from '../../domain/requests';

export type { ClaimPatch, TransitionRequest } from '../../domain/requests';
/** A new evidence link as the form sends it. */
export type EvidenceDraft = EvidenceRequest;

/** Claim id → the text of its live notes; a claim without live notes is absent. */
export type NoteText = Readonly<Record<string, string>>;

/** The server's claim endpoints. Edits carry the version they were made on. */
@Injectable({ providedIn: 'root' })
export class ClaimsApi {
  private readonly http = inject(HttpClient);

  get(id: string): Observable<ClaimDetail> {
    return this.http.get<ClaimDetail>(`/api/claims/${encodeURIComponent(id)}`);
  }

  history(id: string): Observable<HistoryEntry[]> {
    return this.http.get<HistoryEntry[]>(`/api/claims/${encodeURIComponent(id)}/history`);
  }

  patch(id: string, version: number, patch: ClaimPatch): Observable<ClaimSummary> {
    return this.http.patch<ClaimSummary>(`/api/claims/${encodeURIComponent(id)}`, patch, {
      headers: { 'If-Match': `"${version}"` },
    });
  }

  transition(id: string, version: number, request: TransitionRequest): Observable<ClaimSummary> {
    return this.http.post<ClaimSummary>(
      `/api/claims/${encodeURIComponent(id)}/transitions`,
      request,
      {
        headers: { 'If-Match': `"${version}"` },
      },
    );
  }

  addEvidence(claimId: string, draft: EvidenceDraft): Observable<Evidence> {
    return this.http.post<Evidence>(`/api/claims/${encodeURIComponent(claimId)}/evidence`, draft);
  }

  updateEvidence(
    claimId: string,
    evidenceId: string,
    draft: Partial<EvidenceDraft>,
  ): Observable<Evidence> {
    return this.http.patch<Evidence>(
      `/api/claims/${encodeURIComponent(claimId)}/evidence/${encodeURIComponent(evidenceId)}`,
      draft,
    );
  }

  removeEvidence(claimId: string, evidenceId: string): Observable<void> {
    return this.http.delete<void>(
      `/api/claims/${encodeURIComponent(claimId)}/evidence/${encodeURIComponent(evidenceId)}`,
    );
  }

  /** Each claim's live notes as one text, for search; `claimId` fetches just that claim's. */
  noteText(articleId: string, claimId?: string): Observable<NoteText> {
    return this.http.get<NoteText>(`/api/articles/${encodeURIComponent(articleId)}/note-text`, {
      params: claimId === undefined ? {} : { claimId },
    });
  }

  addNote(claimId: string, text: string): Observable<Note> {
    return this.http.post<Note>(`/api/claims/${encodeURIComponent(claimId)}/notes`, { text });
  }

  deleteNote(claimId: string, noteId: string): Observable<Note> {
    return this.http.delete<Note>(
      `/api/claims/${encodeURIComponent(claimId)}/notes/${encodeURIComponent(noteId)}`,
    );
  }
}

import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { MarkNotificationsRead, NotificationPage } from '../../domain/notifications';

/** How many notifications the panel asks for at a time. */
export const INBOX_PAGE_SIZE = 20;

/** The signed-in person's notifications and article mutes (issue 10). */
@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  /** One page, newest first; `cursor` is the previous page's `nextCursor`. */
  page(cursor: string | null = null, limit = INBOX_PAGE_SIZE): Observable<NotificationPage> {
    let params = new HttpParams().set('limit', limit);
    if (cursor !== null) {
      params = params.set('cursor', cursor);
    }
    return this.http.get<NotificationPage>('/api/notifications', { params });
  }

  /** Answers how many were marked, and the unread count after it. */
  markRead(request: MarkNotificationsRead): Observable<{ marked: number; unread: number }> {
    return this.http.post<{ marked: number; unread: number }>('/api/notifications/read', request);
  }

  /** Whether the signed-in person muted the article's `submitted` notifications. */
  muted(articleId: string): Observable<ArticleMute> {
    return this.http.get<ArticleMute>(muteUrl(articleId));
  }

  /** Stop (`muted` true) or resume `submitted` notifications for one article. */
  setMuted(articleId: string, muted: boolean): Observable<ArticleMute> {
    const url = muteUrl(articleId);
    return muted ? this.http.post<ArticleMute>(url, {}) : this.http.delete<ArticleMute>(url);
  }
}

/** `GET`, `POST` and `DELETE /api/articles/:id/mute` answer with it. */
export interface ArticleMute {
  readonly articleId: string;
  readonly muted: boolean;
}

function muteUrl(articleId: string): string {
  return `/api/articles/${encodeURIComponent(articleId)}/mute`;
}

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

  markRead(request: MarkNotificationsRead): Observable<unknown> {
    return this.http.post('/api/notifications/read', request);
  }

  /** Stop (`muted` true) or resume `submitted` notifications for one article. */
  setMuted(articleId: string, muted: boolean): Observable<unknown> {
    const url = `/api/articles/${encodeURIComponent(articleId)}/mute`;
    return muted ? this.http.post(url, {}) : this.http.delete(url);
  }
}

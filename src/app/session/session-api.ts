import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';
import { PublicUser } from '../../domain/people';

/** The signed-in person, as the API shows any account. */
export type SessionUser = PublicUser;

/** The server's session endpoints. */
@Injectable({ providedIn: 'root' })
export class SessionApi {
  private readonly http = inject(HttpClient);

  /** Who is signed in, null when nobody is (a 200 either way: no error in the console). */
  current(): Observable<SessionUser | null> {
    return this.http
      .get<{ user: SessionUser | null }>('/api/session/status')
      .pipe(map((r) => r.user));
  }

  signIn(username: string, password: string): Observable<SessionUser> {
    return this.http
      .post<{ user: SessionUser }>('/api/session', { username, password })
      .pipe(map((r) => r.user));
  }

  signOut(): Observable<void> {
    return this.http.delete<void>('/api/session');
  }

  setupNeeded(): Observable<boolean> {
    return this.http.get<{ needed: boolean }>('/api/setup').pipe(map((r) => r.needed));
  }

  /** `displayName` null: the server names the admin after the username. */
  completeSetup(
    token: string,
    username: string,
    password: string,
    displayName: string | null,
  ): Observable<SessionUser> {
    return this.http
      .post<{ user: SessionUser }>('/api/setup', {
        token,
        username,
        password,
        ...(displayName === null ? {} : { displayName }),
      })
      .pipe(map((r) => r.user));
  }
}

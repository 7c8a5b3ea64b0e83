import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { Role } from '../../domain/workflow';
import { SessionUser } from '../session/session-api';
import { AccountChanges } from './state/users.actions';

@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  list(): Observable<SessionUser[]> {
    return this.http.get<SessionUser[]>('/api/users');
  }

  /** `displayName` null: the server names the person after the username. */
  add(
    username: string,
    role: Role,
    password: string,
    displayName: string | null,
  ): Observable<SessionUser> {
    return this.http.post<SessionUser>('/api/users', {
      username,
      role,
      password,
      ...(displayName === null ? {} : { displayName }),
    });
  }

  /** Admins change any account; everyone else only their own `displayName`. */
  update(username: string, changes: AccountChanges): Observable<SessionUser> {
    return this.http.patch<SessionUser>(`/api/users/${encodeURIComponent(username)}`, changes);
  }
}

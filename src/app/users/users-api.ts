import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { Role } from '../../domain/workflow';
import { SessionUser } from '../session/session-api';

@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  list(): Observable<SessionUser[]> {
    return this.http.get<SessionUser[]>('/api/users');
  }

  add(username: string, role: Role, password: string): Observable<SessionUser> {
    return this.http.post<SessionUser>('/api/users', { username, role, password });
  }

  update(username: string, changes: { role?: Role; disabled?: boolean }): Observable<SessionUser> {
    return this.http.patch<SessionUser>(`/api/users/${encodeURIComponent(username)}`, changes);
  }
}

import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { SessionApiActions } from '../session/state/session.actions';
import { apiInterceptor, CSRF_HEADER } from './api-interceptor';

describe('apiInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let store: MockStore;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideMockStore(),
        { provide: Router, useValue: { url: '/articles/a1?claim=c7' } },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
  });

  it('marks state-changing requests with the header a cross-site form cannot send', () => {
    http.post('/api/claims/c1/notes', { text: 'x' }).subscribe();
    http.get('/api/articles').subscribe();
    expect(backend.expectOne('/api/claims/c1/notes').request.headers.get(CSRF_HEADER)).toBe('1');
    expect(backend.expectOne('/api/articles').request.headers.has(CSRF_HEADER)).toBeFalse();
  });

  it('sends an expired session back to sign-in, remembering where the person was', () => {
    http.get('/api/articles/a1/claims').subscribe({ error: () => undefined });
    backend
      .expectOne('/api/articles/a1/claims')
      .flush(
        { title: 'Sign in required', status: 401 },
        { status: 401, statusText: 'Unauthorized' },
      );
    expect(store.dispatch).toHaveBeenCalledWith(
      SessionApiActions.sessionExpired({ returnUrl: '/articles/a1?claim=c7' }),
    );
  });

  it('does not treat the first session check as an expiry', () => {
    http.get('/api/session').subscribe({ error: () => undefined });
    backend
      .expectOne('/api/session')
      .flush(
        { title: 'Sign in required', status: 401 },
        { status: 401, statusText: 'Unauthorized' },
      );
    expect(store.dispatch).not.toHaveBeenCalled();
  });
});

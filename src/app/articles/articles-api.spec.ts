import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ArticlesApi } from './articles-api';
import { article } from './state/articles.feature.spec';

describe('ArticlesApi', () => {
  let api: ArticlesApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    api = TestBed.inject(ArticlesApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists archived articles only when asked', () => {
    api.list().subscribe();
    api.list({ archived: true }).subscribe();
    expect(http.expectOne('/api/articles').request.params.keys()).toEqual([]);
    http.expectOne('/api/articles?archived=1').flush([]);
  });

  it('changes an article on the version it was read at', () => {
    let saved: unknown;
    api.update('a 1', 7, { archived: true }).subscribe((article) => (saved = article));
    const request = http.expectOne('/api/articles/a%201');
    expect(request.request.method).toBe('PATCH');
    expect(request.request.headers.get('If-Match')).toBe('"7"');
    expect(request.request.body).toEqual({ archived: true });
    request.flush(article({ archived: true, version: 8 }));
    expect(saved).toEqual(article({ archived: true, version: 8 }));
  });
});

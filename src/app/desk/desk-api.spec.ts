import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { DeskPage } from '../../domain/desk';
import { DeskApi } from './desk-api';
import { deskClaim } from './state/desk.feature.spec';

describe('DeskApi', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('asks for claims across articles with the query as URL parameters', () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const http = TestBed.inject(HttpTestingController);
    let answer: DeskPage | undefined;
    TestBed.inject(DeskApi)
      .claims({
        assignee: 'me',
        stage: ['in_review', 'changes_requested'],
        overdue: true,
        q: '',
        sort: 'stage',
        dir: 'asc',
        limit: 1,
        cursor: 'abc',
      })
      .subscribe((page) => (answer = page));
    const request = http.expectOne((req) => req.url === '/api/claims');
    expect(request.request.method).toBe('GET');
    expect(request.request.urlWithParams).toBe(
      '/api/claims?assignee=me&stage=in_review,changes_requested&overdue=1&sort=stage&dir=asc&limit=1&cursor=abc',
    );
    const page = { items: [deskClaim()], nextCursor: null, total: 1 };
    request.flush(page);
    expect(answer).toEqual(page);
  });
});

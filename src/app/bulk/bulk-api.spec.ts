import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { BulkResponse } from '../../domain/desk';
import { BulkApi } from './bulk-api';
import { done } from './fixtures.spec';

describe('BulkApi', () => {
  let api: BulkApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    api = TestBed.inject(BulkApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('posts the ids and the operation, and reads the batch’s answer', async () => {
    const answer: BulkResponse = { batchId: 'b1', results: [done('1')] };
    const reply = firstValueFrom(
      api.apply({ ids: ['1', '2'], op: { type: 'due', dueAt: '2026-12-10T17:00:00.000Z' } }),
    );
    const req = http.expectOne('/api/claims/bulk');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      ids: ['1', '2'],
      op: { type: 'due', dueAt: '2026-12-10T17:00:00.000Z' },
    });
    req.flush(answer);
    expect(await reply).toEqual(answer);
  });

  it('undoes a batch by its id, escaped in the path', async () => {
    const reply = firstValueFrom(api.undo('b/1'));
    const req = http.expectOne('/api/claims/bulk/b%2F1/undo');
    expect(req.request.method).toBe('POST');
    req.flush({ batchId: 'b/1', results: [] });
    expect(await reply).toEqual({ batchId: 'b/1', results: [] });
  });
});

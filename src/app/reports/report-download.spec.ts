import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { DownloadState, filenameOf, ReportDownload } from './report-download';

describe('report download', () => {
  it('reads the file name a server gives, plain or UTF-8 encoded', () => {
    expect(filenameOf('attachment; filename="pnk-claims.csv"')).toBe('pnk-claims.csv');
    expect(filenameOf("attachment; filename=x.md; filename*=UTF-8''r%C3%A9sum%C3%A9.md")).toBe(
      'résumé.md',
    );
    expect(filenameOf('attachment; filename=plain.json')).toBe('plain.json');
    expect(filenameOf(null)).toBeNull();
  });

  it('asks for the format with the filter and reports progress, then the file', () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const reports = TestBed.inject(ReportDownload);
    const http = TestBed.inject(HttpTestingController);
    const states: DownloadState[] = [];
    reports
      .download('a 1', 'csv', { stage: 'approved', q: 'five million' })
      .subscribe((s) => states.push(s));

    const request = http.expectOne(
      '/api/articles/a%201/report?format=csv&stage=approved&q=five+million',
    );
    request.event({ type: 3, loaded: 512, total: 1024 } as never);
    request.flush(new Blob(['id,quote\n']), {
      headers: { 'content-disposition': 'attachment; filename="a-1-claims.csv"' },
    });
    http.verify();

    expect(states[0]).toEqual({ kind: 'progress', loaded: 512, total: 1024 });
    const done = states[states.length - 1];
    expect(done.kind).toBe('done');
    expect(done.kind === 'done' && done.filename).toBe('a-1-claims.csv');
  });
});

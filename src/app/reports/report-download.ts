import { HttpClient, HttpEventType, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { filter, map, Observable } from 'rxjs';

export const REPORT_FORMATS = [
  { format: 'md', label: 'Markdown report', hint: 'for a desk, a CMS or pandoc' },
  { format: 'csv', label: 'Spreadsheet (CSV)', hint: 'one row per claim' },
  { format: 'json', label: 'JSON', hint: 'complete, importable back into Claimdesk' },
  {
    format: 'claimreview',
    label: 'ClaimReview JSON-LD',
    hint: 'approved claims, for search engines',
  },
  {
    format: 'html',
    label: 'Print / PDF',
    hint: "opens a printable page: use the browser's Save as PDF",
  },
] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number]['format'];

/** Where a download stands: bytes so far (total when the server says), then the file. */
export type DownloadState =
  | { readonly kind: 'progress'; readonly loaded: number; readonly total: number | null }
  | { readonly kind: 'done'; readonly file: Blob; readonly filename: string };

/** Builds report addresses and downloads reports with progress. */
@Injectable({ providedIn: 'root' })
export class ReportDownload {
  private readonly http = inject(HttpClient);

  url(articleId: string, format: ReportFormat, scope: Readonly<Record<string, string>>): string {
    const query = new URLSearchParams({ format, ...scope });
    return `/api/articles/${encodeURIComponent(articleId)}/report?${query.toString()}`;
  }

  download(
    articleId: string,
    format: ReportFormat,
    scope: Readonly<Record<string, string>>,
  ): Observable<DownloadState> {
    return this.http
      .get(this.url(articleId, format, scope), {
        observe: 'events',
        reportProgress: true,
        responseType: 'blob',
      })
      .pipe(
        map((event): DownloadState | null => {
          if (event.type === HttpEventType.DownloadProgress) {
            return { kind: 'progress', loaded: event.loaded, total: event.total ?? null };
          }
          if (event instanceof HttpResponse && event.body) {
            return {
              kind: 'done',
              file: event.body,
              filename:
                filenameOf(event.headers.get('content-disposition')) ??
                `${articleId}-report.${format}`,
            };
          }
          return null;
        }),
        filter((state): state is DownloadState => state !== null),
      );
  }

  /** Hands a downloaded file to the browser's own download handling. */
  save(file: Blob, filename: string): void {
    const href = URL.createObjectURL(file);
    const link = document.createElement('a');
    link.href = href;
    link.download = filename;
    link.click();
    // The click has started the download; the object URL can go after this task.
    setTimeout(() => URL.revokeObjectURL(href));
  }
}

/** The file name from a Content-Disposition header (RFC 6266, plain or UTF-8 form). */
export function filenameOf(disposition: string | null): string | null {
  if (!disposition) {
    return null;
  }
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1].trim());
    } catch {
      // Fall through to the plain form.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(disposition);
  return plain ? (plain[1] ?? plain[2]).trim() : null;
}

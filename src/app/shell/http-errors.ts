import { HttpErrorResponse } from '@angular/common/http';

/** A problem document as the server sends it. */
export interface Problem {
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly field?: string;
  readonly code?: string;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'title' in value && 'status' in value;
}

/** The problem document of a failed request, when the server sent one. */
export function problemOf(error: unknown): Problem | null {
  return error instanceof HttpErrorResponse && isProblem(error.error) ? error.error : null;
}

/** Turns any failed request into a sentence a person can act on. */
export function describeHttpError(error: unknown): string {
  if (error instanceof HttpErrorResponse) {
    if (isProblem(error.error)) {
      return error.error.detail ?? error.error.title;
    }
    if (error.status === 0) {
      return 'The server cannot be reached. Check your connection and try again.';
    }
    return `The server answered ${error.status} ${error.statusText}.`.trim();
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
}

import { HttpErrorResponse } from '@angular/common/http';
import { type FieldLabels, problemWording } from '../../domain/problem-wording';

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

/**
 * Turns any failed request into a sentence a person can act on. A refused field is named
 * by `labels` (what the screen calls it; '' when the message shows beside the field), else
 * in the desk's words, never by the pointer the API gives.
 */
export function describeHttpError(error: unknown, labels?: FieldLabels): string {
  if (error instanceof HttpErrorResponse) {
    if (isProblem(error.error)) {
      return problemWording(error.error, labels);
    }
    if (error.status === 0) {
      return 'The server cannot be reached. Check your connection and try again.';
    }
    return `The server answered ${error.status} ${error.statusText}.`.trim();
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
}

import { AbstractControl, ValidationErrors } from '@angular/forms';
import { cleanDisplayName, DISPLAY_NAME_MAX_LENGTH } from '../../domain/people';

/** What a form says of a display name it refuses. */
export const DISPLAY_NAME_ERROR = `1–${DISPLAY_NAME_MAX_LENGTH} characters, without line breaks or control characters`;

/**
 * The server's rule for display names (src/domain/people.ts). An empty field
 * passes: add `Validators.required` where a name must be given.
 */
export function displayNameValidator(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value ?? '';
  return value === '' || cleanDisplayName(value) !== null ? null : { displayName: true };
}

import { AbstractControl, ValidationErrors } from '@angular/forms';
import { isWebUrl } from '../../domain/claim';

/**
 * Empty, or an http/https link a browser can open: the shared rule (`isWebUrl` in
 * src/domain/claim.ts) that the server's `webUrl` schema applies too, so that
 * `javascript:` and friends are refused as typed. Surrounding white space is
 * allowed (the forms send the trimmed value); `Validators.required` says whether
 * empty is allowed.
 */
export function webUrlValidator(control: AbstractControl<string | null>): ValidationErrors | null {
  const value = (control.value ?? '').trim();
  return value === '' || isWebUrl(value) ? null : { webUrl: true };
}

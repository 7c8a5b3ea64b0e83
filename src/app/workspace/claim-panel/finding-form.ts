import { FormBuilder, Validators } from '@angular/forms';
import {
  CLAIMANT_MAX_LENGTH,
  ClaimantType,
  ClaimKind,
  SUMMARY_ADVISED_ABOVE,
  SUMMARY_MAX_LENGTH,
} from '../../../domain/claim';
import { FIELD_LIMITS } from '../../../domain/requests';
import { Verdict } from '../../../domain/verdicts';

/** The server's limits (server/routes/claims.ts and src/domain/claim.ts). */
export const FINDING_LIMITS = {
  statement: FIELD_LIMITS.statement,
  rationale: FIELD_LIMITS.rationale,
  claimant: CLAIMANT_MAX_LENGTH,
  summary: SUMMARY_MAX_LENGTH,
  summaryAdvisedAbove: SUMMARY_ADVISED_ABOVE,
} as const;

/** Where the due time's date-time input reads and writes, named for the person. */
export const FINDING_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The finding's controls as the form holds them (finding-draft.ts converts), checked as the server checks. */
export function findingForm(builder: FormBuilder) {
  return builder.nonNullable.group({
    statement: [
      '',
      [
        Validators.required,
        Validators.pattern(/\S/),
        Validators.maxLength(FINDING_LIMITS.statement),
      ],
    ],
    kind: ['figure' as ClaimKind],
    verdict: [null as Verdict | null],
    rationale: ['', [Validators.maxLength(FINDING_LIMITS.rationale)]],
    assignee: [null as string | null],
    claimant: ['', [Validators.maxLength(FINDING_LIMITS.claimant)]],
    claimantType: ['Person' as ClaimantType],
    claimDate: ['', [Validators.pattern(/^\d{4}-\d{2}-\d{2}$/)]],
    summary: ['', [Validators.maxLength(FINDING_LIMITS.summary)]],
    dueAt: [''],
  });
}

import { Params } from '@angular/router';
import { DESK_SORTS, DeskQuery, DeskSort, deskQueryParams } from '../../domain/desk';
import { Verdict, VERDICTS } from '../../domain/verdicts';
import { isStage, Stage } from '../../domain/workflow';

/** The filters of the claims page that live in its URL, so that a link reproduces the list. */
export const CLAIMS_PAGE_PARAMS = [
  'stage',
  'verdict',
  'assignee',
  'overdue',
  'article',
  'q',
  'sort',
  'dir',
] as const;
export type ClaimsPageParam = (typeof CLAIMS_PAGE_PARAMS)[number];

export type ClaimsPageParams = Partial<Record<ClaimsPageParam, string | null | undefined>>;

function list(value: string | null | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function isVerdictFilter(value: string): value is Verdict | 'none' {
  return value === 'none' || (VERDICTS as readonly string[]).includes(value);
}

function text(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * The URL's query parameters as a desk query. Values the server would refuse
 * (an unknown stage, a sort it does not know) are left out, not sent.
 */
export function deskQueryFromParams(params: ClaimsPageParams): DeskQuery {
  const stage: Stage[] = list(params.stage).filter(isStage);
  const verdict = list(params.verdict).filter(isVerdictFilter);
  const sort = params.sort as DeskSort | undefined;
  const query: DeskQuery = {
    stage: stage.length ? stage : undefined,
    verdict: verdict.length ? verdict : undefined,
    assignee: text(params.assignee),
    overdue: params.overdue === '1' || params.overdue === 'true' ? true : undefined,
    article: text(params.article),
    q: text(params.q),
    sort: sort && DESK_SORTS.includes(sort) ? sort : undefined,
    dir: params.dir === 'asc' || params.dir === 'desc' ? params.dir : undefined,
  };
  return Object.fromEntries(
    Object.entries(query).filter(([, value]) => value !== undefined),
  ) as DeskQuery;
}

/**
 * A desk query as the claims page's URL parameters, every filter named (null
 * where unset) so that a merge into the current URL also clears what was unset.
 */
export function claimsPageParams(query: DeskQuery): Params {
  const set = deskQueryParams(query);
  return Object.fromEntries(CLAIMS_PAGE_PARAMS.map((key) => [key, set[key] ?? null]));
}

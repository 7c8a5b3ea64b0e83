/**
 * The claims table's filter, search and sort in the dashboard's URL, so that a
 * link reproduces exactly what someone saw. The filter itself, its query
 * parameters and the predicate live in `src/domain/claim-filter.ts`, which the
 * server's reports apply too.
 */
import { Params } from '@angular/router';
import {
  ClaimFilter,
  FILTER_PARAMS,
  filterFromQuery,
  filterToQuery,
} from '../../domain/claim-filter';

export {
  applyFilter,
  EMPTY_FILTER,
  isFiltered,
  SORT_KEYS,
  type ClaimFilter,
  type SortKey,
} from '../../domain/claim-filter';

export function filterFromParams(params: Params): ClaimFilter {
  return filterFromQuery(params);
}

/** Query parameters for a filter; `null` removes a parameter when merged into the URL. */
export function filterToParams(filter: ClaimFilter): Params {
  const query = filterToQuery(filter);
  return Object.fromEntries(FILTER_PARAMS.map((name) => [name, query[name] ?? null]));
}

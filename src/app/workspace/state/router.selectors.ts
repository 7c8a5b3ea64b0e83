import { getRouterSelectors } from '@ngrx/router-store';

/** The URL owns which article and which claim are open, so a link reproduces the view. */
const { selectRouteParam, selectQueryParam } = getRouterSelectors();

export const selectArticleIdFromUrl = selectRouteParam('articleId');
export const selectClaimIdFromUrl = selectQueryParam('claim');

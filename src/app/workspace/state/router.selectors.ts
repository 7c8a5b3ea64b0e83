import { getRouterSelectors } from '@ngrx/router-store';

/** The URL owns which article and which claim are open, so a link reproduces the view. */
export const { selectRouteParam, selectQueryParam, selectQueryParams } = getRouterSelectors();

export const selectArticleIdFromUrl = selectRouteParam('articleId');
export const selectClaimIdFromUrl = selectQueryParam('claim');

import { Route, Routes } from '@angular/router';

type Loader = () => unknown;
type Params = Readonly<Record<string, string>>;

/**
 * A route's `data` key: the GET requests its page makes first, from the route's parameters.
 * They are fetched as the app starts (`<link rel="preload" as="fetch">`), and the page's own
 * requests of the same URLs take those answers instead of asking again.
 */
export const EARLY_REQUESTS = 'earlyRequests';
export type EarlyRequests = (params: Params) => readonly string[];

/** What the route that a path opens needs: its lazy loaders, outermost first, and its data. */
export interface RouteNeeds {
  readonly loaders: readonly Loader[];
  readonly requests: readonly string[];
}

/**
 * The needs of the route that `segments` open, or null when no route matches them. Matches
 * as the router does for this app's routes: literal segments and `:parameters`, empty paths
 * passed through, redirects and `**` not followed.
 */
export function routeNeeds(
  routes: Routes,
  segments: readonly string[],
  params: Params = {},
): RouteNeeds | null {
  for (const route of routes) {
    const found = matchRoute(route, segments, params);
    if (found) {
      return found;
    }
  }
  return null;
}

function matchRoute(route: Route, segments: readonly string[], outer: Params): RouteNeeds | null {
  if (route.path === undefined || route.path === '**' || route.redirectTo !== undefined) {
    return null;
  }
  const parts = route.path === '' ? [] : route.path.split('/');
  if (parts.length > segments.length) {
    return null;
  }
  const params: Record<string, string> = { ...outer };
  for (const [index, part] of parts.entries()) {
    if (part.startsWith(':')) {
      params[part.slice(1)] = decodeURIComponent(segments[index]);
    } else if (part !== segments[index]) {
      return null;
    }
  }
  const rest = segments.slice(parts.length);
  const early = route.data?.[EARLY_REQUESTS] as EarlyRequests | undefined;
  const own: RouteNeeds = {
    loaders: [route.loadComponent, route.loadChildren].filter((load) => load !== undefined),
    requests: early ? early(params) : [],
  };
  if (route.loadChildren) {
    // Its child routes arrive with its chunk: the chunk is what can be fetched early.
    return own;
  }
  if (route.children) {
    const inner = routeNeeds(route.children, rest, params);
    return (
      inner && {
        loaders: [...own.loaders, ...inner.loaders],
        requests: [...own.requests, ...inner.requests],
      }
    );
  }
  return rest.length === 0 ? own : null;
}

/**
 * Starts fetching the scripts and the first data of the page being opened while the app
 * starts, rather than once the router has been set up, its guards have answered and the
 * page's effects have run (on a slow phone, seconds before the page can be drawn). The
 * router's own `import()` gets the same modules; a failure is left to it, as it asks again.
 */
export function preloadRoute(
  routes: Routes,
  pathname: string,
  document: Document,
  search = '',
): void {
  let needs: RouteNeeds | null = null;
  try {
    needs = routeNeeds(
      routes,
      pathname.split('/').filter((segment) => segment !== ''),
      // Query parameters as well, as the router binds both to the page's inputs.
      Object.fromEntries(new URLSearchParams(search)),
    );
  } catch {
    return; // A path that does not decode: the router will say so.
  }
  for (const load of needs?.loaders ?? []) {
    Promise.resolve()
      .then(load)
      .catch(() => undefined);
  }
  for (const url of needs?.requests ?? []) {
    const link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'fetch';
    // As `fetch()` asks by default (same-origin credentials, CORS mode): the app's request matches it.
    link.crossOrigin = 'anonymous';
    link.href = url;
    document.head.append(link);
  }
}

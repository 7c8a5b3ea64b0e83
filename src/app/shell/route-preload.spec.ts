import { Routes } from '@angular/router';
import { routes } from '../app.routes';
import { EARLY_REQUESTS, EarlyRequests, preloadRoute, routeNeeds } from './route-preload';

describe('routeNeeds', () => {
  class One {}
  const one = () => Promise.resolve(One);
  const two = (): Promise<Routes> => Promise.resolve([]);
  const requests: EarlyRequests = ({ id }) => [`/api/things/${encodeURIComponent(id)}`];
  const table: Routes = [
    { path: 'sign-in', loadComponent: one },
    {
      path: '',
      children: [
        { path: '', pathMatch: 'full', loadComponent: one },
        { path: 'things/new', loadComponent: one },
        { path: 'things/:id', loadChildren: two, data: { [EARLY_REQUESTS]: requests } },
      ],
    },
    { path: '**', redirectTo: '' },
  ];

  it('finds the lazy route a path opens, through empty parents, with its early requests', () => {
    expect(routeNeeds(table, ['things', 'a b'])).toEqual({
      loaders: [two],
      requests: ['/api/things/a%20b'],
    });
    expect(routeNeeds(table, ['things', 'new'])).toEqual({ loaders: [one], requests: [] });
    expect(routeNeeds(table, [])).toEqual({ loaders: [one], requests: [] });
  });

  it('matches nothing where the router would redirect', () => {
    expect(routeNeeds(table, ['nowhere'])).toBeNull();
    expect(routeNeeds(table, ['sign-in', 'extra'])).toBeNull();
  });

  it('knows the article page of the app: its article and its claims', () => {
    const needs = routeNeeds(routes, ['articles', 'seed-1']);
    expect(needs?.loaders.length).toBe(1);
    expect(needs?.requests).toEqual(['/api/articles/seed-1', '/api/articles/seed-1/claim-rows']);
  });

  it('knows the article list of the app: the articles, archived ones when the query asks', () => {
    expect(routeNeeds(routes, ['articles'])?.requests).toEqual(['/api/articles']);
    expect(routeNeeds(routes, ['articles'], { archived: '1' })?.requests).toEqual([
      '/api/articles?archived=1',
    ]);
    expect(routeNeeds(routes, ['articles', 'new'])?.requests).toEqual([]);
  });
});

describe('preloadRoute', () => {
  it('asks for the early requests with preload links that fetch() can take over', () => {
    const doc = document.implementation.createHTMLDocument('test');
    class X {}
    const loader = jasmine.createSpy('loader').and.resolveTo(X);
    const table: Routes = [
      { path: 'x/:id', loadComponent: loader, data: { [EARLY_REQUESTS]: () => ['/api/x'] } },
    ];
    preloadRoute(table, '/x/1', doc);
    const link = doc.head.querySelector('link')!;
    expect(link.rel).toBe('preload');
    expect(link.as).toBe('fetch');
    expect(link.crossOrigin).toBe('anonymous');
    expect(link.getAttribute('href')).toBe('/api/x');
  });

  it('gives the early requests the query parameters too', () => {
    const doc = document.implementation.createHTMLDocument('test');
    preloadRoute(routes, '/articles', doc, '?archived=1');
    expect(doc.head.querySelector('link')?.getAttribute('href')).toBe('/api/articles?archived=1');
  });

  it('leaves a path that does not decode to the router', () => {
    const doc = document.implementation.createHTMLDocument('test');
    expect(() => preloadRoute(routes, '/articles/%E0%A4%A', doc)).not.toThrow();
    expect(doc.head.querySelector('link')).toBeNull();
  });
});

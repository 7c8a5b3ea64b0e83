import { Routes } from '@angular/router';
import { articleClaimsUrl, articleListUrl, articleUrl } from './articles/articles-api';
import { adminGuard, signedInGuard } from './session/signed-in-guard';
import { EARLY_REQUESTS, EarlyRequests } from './shell/route-preload';

/** An article's page asks for the article and its claims first (workspace.effects.ts). */
const articleRequests: EarlyRequests = ({ articleId }) => [
  articleUrl(articleId),
  articleClaimsUrl(articleId),
];

/** The article list asks for the articles first (articles.effects.ts), `?archived=1` as it reads it. */
const articleListRequests: EarlyRequests = ({ archived }) => [articleListUrl(archived === '1')];

export const routes: Routes = [
  {
    path: 'sign-in',
    title: 'Sign in · Claimdesk',
    loadComponent: () => import('./session/sign-in').then((m) => m.SignIn),
  },
  {
    path: 'setup',
    title: 'Set up · Claimdesk',
    loadComponent: () => import('./session/setup').then((m) => m.Setup),
  },
  {
    path: '',
    canActivate: [signedInGuard],
    children: [
      {
        // Where people land after signing in: their queues across every article.
        path: '',
        pathMatch: 'full',
        title: 'My work · Claimdesk',
        loadComponent: () => import('./desk/my-work').then((m) => m.MyWork),
      },
      {
        path: 'articles',
        pathMatch: 'full',
        title: 'Articles · Claimdesk',
        data: { [EARLY_REQUESTS]: articleListRequests },
        loadComponent: () => import('./articles/article-list').then((m) => m.ArticleList),
      },
      {
        path: 'claims',
        title: 'Claims · Claimdesk',
        loadComponent: () => import('./desk/claims-page').then((m) => m.ClaimsPage),
      },
      {
        path: 'articles/new',
        title: 'Add an article · Claimdesk',
        loadComponent: () => import('./intake/intake').then((m) => m.Intake),
      },
      {
        path: 'articles/:articleId/overview',
        title: 'Overview · Claimdesk',
        data: { [EARLY_REQUESTS]: articleRequests },
        loadChildren: () => import('./overview/overview.routes').then((m) => m.overviewRoutes),
      },
      {
        path: 'people',
        title: 'People · Claimdesk',
        canActivate: [adminGuard],
        loadChildren: () => import('./users/users.routes').then((m) => m.usersRoutes),
      },
      {
        path: 'webhooks',
        title: 'Webhooks · Claimdesk',
        canActivate: [adminGuard],
        loadChildren: () => import('./webhooks/webhooks.routes').then((m) => m.webhooksRoutes),
      },
      {
        path: 'articles/:articleId',
        title: 'Article · Claimdesk',
        data: { [EARLY_REQUESTS]: articleRequests },
        loadChildren: () => import('./workspace/workspace.routes').then((m) => m.workspaceRoutes),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];

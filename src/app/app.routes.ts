import { Routes } from '@angular/router';
import { adminGuard, signedInGuard } from './session/signed-in-guard';

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
        path: '',
        pathMatch: 'full',
        title: 'Articles · Claimdesk',
        loadComponent: () => import('./articles/article-list').then((m) => m.ArticleList),
      },
      {
        path: 'articles/new',
        title: 'Add an article · Claimdesk',
        loadComponent: () => import('./intake/intake').then((m) => m.Intake),
      },
      {
        path: 'articles/:articleId/overview',
        title: 'Overview · Claimdesk',
        loadComponent: () => import('./overview/overview').then((m) => m.Overview),
      },
      {
        path: 'people',
        title: 'People · Claimdesk',
        canActivate: [adminGuard],
        loadChildren: () => import('./users/users.routes').then((m) => m.usersRoutes),
      },
      {
        path: 'articles/:articleId',
        title: 'Article · Claimdesk',
        loadComponent: () => import('./workspace/workspace').then((m) => m.Workspace),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];

import { provideAppIcons } from './app/shell/icons';

/** Providers every unit spec gets (angular.json test `providersFile`): the app's icons, as in the app. */
export default [provideAppIcons()];

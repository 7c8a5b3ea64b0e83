/**
 * The dashboard's icons: Material Symbols Outlined, weight 400 (the look the font
 * gave), as SVG files from @material-symbols/svg-400, bundled as text (angular.json's
 * loader `".svg": "text"`) and registered by name with MatIconRegistry at start.
 * Only the icons imported here are shipped, instead of the whole 3.9 MB variable font.
 *
 * This list is the one source of truth: a template names an icon with
 * `<mat-icon svgIcon="name" />` (scripts/icons.test.ts checks every such name is here),
 * and TypeScript tables of icon names are typed `IconName`.
 */
import { EnvironmentProviders, inject, provideEnvironmentInitializer } from '@angular/core';
import { MatIconRegistry } from '@angular/material/icon';
import { DomSanitizer } from '@angular/platform-browser';
import alarm from '@material-symbols/svg-400/outlined/alarm.svg';
import alternate_email from '@material-symbols/svg-400/outlined/alternate_email.svg';
import archive from '@material-symbols/svg-400/outlined/archive.svg';
import arrow_downward from '@material-symbols/svg-400/outlined/arrow_downward.svg';
import arrow_upward from '@material-symbols/svg-400/outlined/arrow_upward.svg';
import assignment_ind from '@material-symbols/svg-400/outlined/assignment_ind.svg';
import block from '@material-symbols/svg-400/outlined/block.svg';
import check_circle from '@material-symbols/svg-400/outlined/check_circle.svg';
import close from '@material-symbols/svg-400/outlined/close.svg';
import dark_mode from '@material-symbols/svg-400/outlined/dark_mode.svg';
import download from '@material-symbols/svg-400/outlined/download.svg';
import edit from '@material-symbols/svg-400/outlined/edit.svg';
import event from '@material-symbols/svg-400/outlined/event.svg';
import inbox from '@material-symbols/svg-400/outlined/inbox.svg';
import inventory_2 from '@material-symbols/svg-400/outlined/inventory_2.svg';
import keyboard_arrow_up from '@material-symbols/svg-400/outlined/keyboard_arrow_up.svg';
import light_mode from '@material-symbols/svg-400/outlined/light_mode.svg';
import link from '@material-symbols/svg-400/outlined/link.svg';
import manage_search from '@material-symbols/svg-400/outlined/manage_search.svg';
import notifications from '@material-symbols/svg-400/outlined/notifications.svg';
import notifications_active from '@material-symbols/svg-400/outlined/notifications_active.svg';
import notifications_off from '@material-symbols/svg-400/outlined/notifications_off.svg';
import notifications_unread from '@material-symbols/svg-400/outlined/notifications_unread.svg';
import person from '@material-symbols/svg-400/outlined/person.svg';
import person_off from '@material-symbols/svg-400/outlined/person_off.svg';
import radio_button_checked from '@material-symbols/svg-400/outlined/radio_button_checked.svg';
import radio_button_unchecked from '@material-symbols/svg-400/outlined/radio_button_unchecked.svg';
import rate_review from '@material-symbols/svg-400/outlined/rate_review.svg';
import replay from '@material-symbols/svg-400/outlined/replay.svg';
import schedule from '@material-symbols/svg-400/outlined/schedule.svg';
import search from '@material-symbols/svg-400/outlined/search.svg';
import sticky_note_2 from '@material-symbols/svg-400/outlined/sticky_note_2.svg';
import sync_problem from '@material-symbols/svg-400/outlined/sync_problem.svg';
import unarchive from '@material-symbols/svg-400/outlined/unarchive.svg';
import undo from '@material-symbols/svg-400/outlined/undo.svg';

/** Each icon's SVG text by the name templates use (the file's name in the package). */
export const APP_ICONS = {
  alarm,
  alternate_email,
  archive,
  arrow_downward,
  arrow_upward,
  assignment_ind,
  block,
  check_circle,
  close,
  dark_mode,
  download,
  edit,
  event,
  inbox,
  inventory_2,
  keyboard_arrow_up,
  light_mode,
  link,
  manage_search,
  notifications,
  notifications_active,
  notifications_off,
  notifications_unread,
  person,
  person_off,
  radio_button_checked,
  radio_button_unchecked,
  rate_review,
  replay,
  schedule,
  search,
  sticky_note_2,
  sync_problem,
  unarchive,
  undo,
} as const satisfies Record<string, string>;

export type IconName = keyof typeof APP_ICONS;

/** Registers every icon of APP_ICONS; the app config and the specs that render icons use it. */
export function provideAppIcons(): EnvironmentProviders {
  return provideEnvironmentInitializer(() => {
    const registry = inject(MatIconRegistry);
    const sanitizer = inject(DomSanitizer);
    for (const [name, svg] of Object.entries(APP_ICONS)) {
      // Static files of the icon package, bundled at build time: no script, nothing from users.
      registry.addSvgIconLiteral(name, sanitizer.bypassSecurityTrustHtml(svg));
    }
  });
}

import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatDialog, MatDialogState } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { Shortcuts } from './shortcuts';

describe('Shortcuts', () => {
  afterEach(() => TestBed.inject(MatDialog).closeAll());

  it('lists every workspace shortcut and closes', async () => {
    const fixture = TestBed.createComponent(Shortcuts);
    const loader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    const ref = TestBed.inject(MatDialog).open(Shortcuts);
    const dialog = await loader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Keyboard shortcuts');
    const text = await dialog.getContentText();
    for (const entry of [
      'j / k',
      'Next / previous claim',
      'Enter',
      'Go to the open claim',
      'Esc',
      'Close the open claim',
      'Add evidence',
      'Add a note',
      'Search claims',
      'Search every article',
      'This list',
      'underlined twice',
      'next / previous, first / last highlight',
    ]) {
      expect(text).toContain(entry);
    }
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Close' }))).click();
    await firstValueFrom(ref.afterClosed());
    expect(ref.getState()).toBe(MatDialogState.CLOSED);
  });
});

import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { DisplayNameDialog } from './display-name-dialog';

describe('DisplayNameDialog', () => {
  let close: jasmine.Spy;

  async function open(displayName = 'dana') {
    close = jasmine.createSpy('close');
    TestBed.configureTestingModule({
      providers: [
        { provide: MAT_DIALOG_DATA, useValue: { displayName } },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    const fixture = TestBed.createComponent(DisplayNameDialog);
    await fixture.whenStable();
    const loader = TestbedHarnessEnvironment.loader(fixture);
    return {
      loader,
      name: await loader.getHarness(MatInputHarness),
      save: await loader.getHarness(MatButtonHarness.with({ text: 'Save' })),
    };
  }

  it('starts from the name as it stands and closes with the new one, trimmed', async () => {
    const { name, save } = await open();
    expect(await name.getValue()).toBe('dana');
    await name.setValue('  Dana Reyes  ');
    await save.click();
    expect(close).toHaveBeenCalledOnceWith('Dana Reyes');
  });

  it('closes without a change for the same name', async () => {
    const { name, save } = await open('Dana Reyes');
    await name.setValue('Dana Reyes ');
    await save.click();
    expect(close).toHaveBeenCalledOnceWith(undefined);
  });

  it('refuses a blank name or one with control characters, and stays open', async () => {
    const { loader, name, save } = await open();
    const field = await loader.getHarness(MatFormFieldHarness);
    for (const text of ['   ', 'Dana\tReyes', 'x'.repeat(101)]) {
      await name.setValue(text);
      await save.click();
      expect(await field.getTextErrors())
        .withContext(JSON.stringify(text))
        .toEqual(['1–100 characters, without line breaks or control characters']);
    }
    expect(close).not.toHaveBeenCalled();
  });
});

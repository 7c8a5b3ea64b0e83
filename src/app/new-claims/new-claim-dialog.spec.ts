import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { NewClaimDialog, NewClaimDialogData } from './new-claim-dialog';

describe('new claim dialog', () => {
  let close: jasmine.Spy;

  async function open(data: Partial<NewClaimDialogData> = {}) {
    close = jasmine.createSpy('close');
    TestBed.configureTestingModule({
      providers: [
        {
          provide: MAT_DIALOG_DATA,
          useValue: {
            title: 'Add a claim',
            quote: 'Trade rose 9 percent',
            start: 4,
            end: 24,
            ...data,
          },
        },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    const fixture = TestBed.createComponent(NewClaimDialog);
    await fixture.whenStable();
    return { fixture, loader: TestbedHarnessEnvironment.loader(fixture) };
  }

  it('starts from the quote and closes with the restated claim at the same offsets', async () => {
    const { loader } = await open({ kind: 'figure' });
    const statement = await loader.getHarness(
      MatInputHarness.with({ selector: '[data-testid="new-claim-statement"]' }),
    );
    expect(await statement.getValue()).toBe('Trade rose 9 percent');
    await statement.setValue('  China-Russia trade rose 9% in 2023.  ');
    const kind = await loader.getHarness(MatSelectHarness);
    expect(await kind.getValueText()).toBe('Figure');
    await kind.open();
    await kind.clickOptions({ text: 'Event' });
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Add claim' }))).click();
    expect(close).toHaveBeenCalledOnceWith({
      start: 4,
      end: 24,
      statement: 'China-Russia trade rose 9% in 2023.',
      kind: 'event',
    });
  });

  it('refuses an empty statement and stays open', async () => {
    const { fixture, loader } = await open();
    const statement = await loader.getHarness(MatInputHarness);
    await statement.setValue('   ');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Add claim' }))).click();
    await fixture.whenStable();
    expect(close).not.toHaveBeenCalled();
    expect(fixture.nativeElement.textContent).toContain('Write the statement to check.');
  });

  it('shows why a passage was suggested', async () => {
    const { fixture } = await open({
      reasons: ['contains a figure: 9 percent', 'names a place: Moscow'],
    });
    expect(fixture.nativeElement.textContent).toContain(
      'Why suggested: contains a figure: 9 percent; names a place: Moscow',
    );
  });
});

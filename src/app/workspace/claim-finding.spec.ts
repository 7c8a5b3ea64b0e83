import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { ClaimSummary } from '../../domain/claim';
import { ClaimFinding } from './claim-finding';
import { findingOf } from './finding-draft';
import { ClaimDetailPageActions } from './state/claim-detail.actions';
import { ClaimConflict, claimDetailFeature } from './state/claim-detail.feature';
import { claimFixture } from './state/claims.feature.spec';

const ALL_EDITABLE = {
  statement: true,
  kind: true,
  verdict: true,
  rationale: true,
  assignee: true,
};

describe('ClaimFinding', () => {
  let fixture: ComponentFixture<ClaimFinding>;
  let loader: HarnessLoader;
  let store: MockStore;
  let dispatched: jasmine.Spy;
  const start = claimFixture({ rationale: 'Old', updatedBy: 'casey' });

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideMockStore({
          selectors: [{ selector: claimDetailFeature.selectConflict, value: null }],
        }),
      ],
    });
    store = TestBed.inject(MockStore);
    dispatched = spyOn(store, 'dispatch').and.callThrough();
    fixture = TestBed.createComponent(ClaimFinding);
    fixture.componentRef.setInput('claim', start);
    fixture.componentRef.setInput('editable', ALL_EDITABLE);
    fixture.componentRef.setInput('displayNames', new Map([['dana', 'Dana Reyes']]));
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
  });
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  const rationale = () =>
    loader
      .getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Rationale' }))
      .then((field) => field.getControl(MatInputHarness) as Promise<MatInputHarness>);
  const verdict = () =>
    loader
      .getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Verdict' }))
      .then((field) => field.getControl(MatSelectHarness) as Promise<MatSelectHarness>);
  const saveButton = () => loader.getHarness(MatButtonHarness.with({ text: 'Save finding' }));
  async function arrives(claim: ClaimSummary) {
    fixture.componentRef.setInput('claim', claim);
    await fixture.whenStable();
  }
  const lastSave = () =>
    dispatched.calls
      .allArgs()
      .map(([action]) => action)
      .filter((action) => action.type === ClaimDetailPageActions.fieldsSaved.type)
      .pop();

  it('sends only what was typed, on top of a change someone else made meanwhile', async () => {
    await (await rationale()).setValue('Mine');
    const dana = claimFixture({
      rationale: 'Old',
      verdict: 'mostly_true',
      version: 4,
      updatedBy: 'dana',
    });
    await arrives(dana);
    expect(await (await verdict()).getValueText()).toBe('Mostly true');
    expect(await (await rationale()).getValue()).toBe('Mine');

    await (await saveButton()).click();
    expect(lastSave()).toEqual(
      ClaimDetailPageActions.fieldsSaved({
        previous: dana,
        patch: { rationale: 'Mine' },
        base: { version: 4, finding: findingOf(dana) },
      }),
    );
  });

  it('keeps the version it started from when someone changed the same field, so the server sees the conflict', async () => {
    await (await rationale()).setValue('Mine');
    await arrives(claimFixture({ rationale: 'Theirs', version: 4, updatedBy: 'dana' }));
    expect(await (await rationale()).getValue()).toBe('Mine');
    await (await saveButton()).click();
    expect(lastSave().patch).toEqual({ rationale: 'Mine' });
    expect(lastSave().base.version).toBe(3);
  });

  it('does not take its own optimistic update on a newer version for a save, and keeps mine through the conflict', async () => {
    await (await rationale()).setValue('Mine');
    // Someone saves the same field first; their version arrives live.
    const theirs = claimFixture({ rationale: 'Theirs', version: 4, updatedBy: 'dana' });
    await arrives(theirs);
    await (await saveButton()).click();
    // The optimistic update: my text on their version, not saved by the server.
    await arrives({ ...theirs, rationale: 'Mine' });
    // The server refuses the stale version; the claim shows theirs again.
    await arrives(theirs);
    expect(await (await rationale()).getValue()).toBe('Mine');
    expect(lastSave().base.version).toBe(3);
    await (await saveButton()).click();
    expect(lastSave().patch).toEqual({ rationale: 'Mine' });
    expect(lastSave().base.version).toBe(3);
  });

  it('keeps what was typed when the save fails and the claim rolls back', async () => {
    await (await rationale()).setValue('Mine');
    await (await saveButton()).click();
    await arrives({ ...start, rationale: 'Mine' }); // optimistic
    expect(await (await saveButton()).isDisabled()).toBeTrue();
    await arrives(start); // rolled back
    expect(await (await rationale()).getValue()).toBe('Mine');
    expect(await (await saveButton()).isDisabled()).toBeFalse();

    await (await saveButton()).click();
    await arrives(claimFixture({ rationale: 'Mine', version: 4 })); // saved
    expect(await (await saveButton()).isDisabled()).toBeTrue();
  });

  it('shows every field that differs, in words, and keeps mine on the newest version', async () => {
    await (await rationale()).setValue('Mine');
    const theirs = claimFixture({
      rationale: 'Old',
      verdict: 'mostly_true',
      kind: 'event',
      version: 5,
      updatedBy: 'dana',
    });
    const conflict: ClaimConflict = {
      mine: { rationale: 'Mine' },
      theirs,
      base: findingOf(start),
    };
    store.overrideSelector(claimDetailFeature.selectConflict, conflict);
    store.refreshState();
    await arrives(theirs);

    const box = (fixture.nativeElement as HTMLElement).querySelector('[role="alertdialog"]');
    expect(box?.textContent).toContain('Dana Reyes saved a newer version');
    const rows = Array.from(box?.querySelectorAll('tbody tr') ?? []).map((row) =>
      Array.from(row.children).map((cell) => cell.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['Kind', 'Figure (you did not change this: theirs is kept either way)', 'Event'],
      [
        'Verdict',
        'No verdict yet (you did not change this: theirs is kept either way)',
        'Mostly true',
      ],
      ['Rationale', 'Mine', 'Old'],
    ]);
    expect(await (await saveButton()).isDisabled()).toBeTrue();

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Keep mine' }))).click();
    expect(dispatched).toHaveBeenCalledWith(
      ClaimDetailPageActions.conflictKeptMine({ mine: { rationale: 'Mine' }, theirs }),
    );
    // Until the server has it, the typed text stays.
    expect(await (await rationale()).getValue()).toBe('Mine');
  });

  it('takes theirs only when asked, and then shows theirs', async () => {
    await (await rationale()).setValue('Mine');
    const theirs = claimFixture({ rationale: 'Theirs', version: 5, updatedBy: 'dana' });
    store.overrideSelector(claimDetailFeature.selectConflict, {
      mine: { rationale: 'Mine' },
      theirs,
      base: findingOf(start),
    });
    store.refreshState();
    await arrives(theirs);
    expect(await (await rationale()).getValue()).toBe('Mine');

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Take theirs' }))).click();
    expect(dispatched).toHaveBeenCalledWith(ClaimDetailPageActions.conflictTookTheirs());
    expect(await (await rationale()).getValue()).toBe('Theirs');
  });

  it('says what is wrong with the statement in words', async () => {
    const statement = await loader.getHarness(
      MatFormFieldHarness.with({ floatingLabelText: 'Statement' }),
    );
    await ((await statement.getControl(MatInputHarness)) as MatInputHarness).setValue('  ');
    expect(await statement.getTextErrors()).toEqual([
      'A statement is required: say what the claim asserts.',
    ]);
  });
});

import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { ClaimSummary } from '../../../domain/claim';
import { ClaimFinding } from './claim-finding';
import { Decision } from '../../../domain/workflow';
import { FINDING_FIELDS, FindingField, findingOf } from './finding-draft';
import { ClaimDetailPageActions } from '../state/claim-detail.actions';
import { ClaimConflict, claimDetailFeature } from '../state/claim-detail.feature';
import { claimFixture } from '../state/claims.feature.spec';
import { provideAppIcons } from '../../shell/icons';

const ALLOWED: Decision = { allowed: true };
const ALL_EDITABLE = Object.fromEntries(FINDING_FIELDS.map((field) => [field, ALLOWED])) as Record<
  FindingField,
  Decision
>;

describe('ClaimFinding', () => {
  let fixture: ComponentFixture<ClaimFinding>;
  let loader: HarnessLoader;
  let store: MockStore;
  let dispatched: jasmine.Spy;
  const start = claimFixture({ rationale: 'Old', updatedBy: 'casey' });

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideAppIcons(),
        provideMockStore({
          selectors: [{ selector: claimDetailFeature.selectConflict, value: null }],
        }),
      ],
    });
    store = TestBed.inject(MockStore);
    dispatched = spyOn(store, 'dispatch').and.callThrough();
    fixture = TestBed.createComponent(ClaimFinding);
    fixture.componentRef.setInput('claim', start);
    fixture.componentRef.setInput('decisions', ALL_EDITABLE);
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

  it('tells the store what is typed and unsaved, and that it is gone once the form is', async () => {
    const base = { version: start.version, finding: findingOf(start) };
    await (await rationale()).setValue('Mine');
    await fixture.whenStable();
    expect(dispatched).toHaveBeenCalledWith(
      ClaimDetailPageActions.draftChanged({ claimId: start.id, base, mine: { rationale: 'Mine' } }),
    );
    fixture.destroy();
    expect(dispatched).toHaveBeenCalledWith(
      ClaimDetailPageActions.draftChanged({ claimId: start.id, base, mine: {} }),
    );
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

  describe('claimant, claim date, summary and due date', () => {
    const input = (label: string) =>
      loader
        .getHarness(MatFormFieldHarness.with({ floatingLabelText: label }))
        .then((field) => field.getControl(MatInputHarness) as Promise<MatInputHarness>);
    const el = () => fixture.nativeElement as HTMLElement;

    it('sends each only when changed, as the server stores it', async () => {
      await (await input('Claimant')).setValue('  Marion Adebayo ');
      const type = await loader
        .getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Claimant type' }))
        .then((field) => field.getControl(MatSelectHarness) as Promise<MatSelectHarness>);
      await type.clickOptions({ text: 'Organisation' });
      await (await input('Claim date')).setValue('2026-11-20');
      await (await input('Summary')).setValue('Shells shipped: five million ');
      await (await input('Due')).setValue('2026-12-09T17:30');
      await (await saveButton()).click();
      expect(lastSave().patch).toEqual({
        claimant: 'Marion Adebayo',
        claimantType: 'Organization',
        claimDate: '2026-11-20',
        summary: 'Shells shipped: five million',
        // The browser's own time zone, read back as an instant.
        dueAt: new Date(2026, 11, 9, 17, 30).toISOString(),
      });
    });

    it('sends a cleared due date as none, and not a due date it merely shows', async () => {
      const due = claimFixture({ dueAt: '2026-12-09T17:30:42.000Z', version: 4 });
      await arrives(due);
      // Shown to the minute; seconds set elsewhere are no change of this person's.
      await (await rationale()).setValue('Mine');
      await (await saveButton()).click();
      expect(lastSave().patch).toEqual({ rationale: 'Mine' });

      await (
        await loader.getHarness(
          MatButtonHarness.with({ selector: '[aria-label="Clear the due date"]' }),
        )
      ).click();
      await (await saveButton()).click();
      expect(lastSave().patch).toEqual({ rationale: 'Mine', dueAt: null });
    });

    it('asks for a summary in words when the statement is long and there is none', async () => {
      const advice = () => el().querySelector('[data-testid="summary-advice"]')?.textContent;
      expect(start.statement.length).toBeLessThanOrEqual(75);
      expect(advice()).toBeUndefined();
      await arrives(claimFixture({ statement: 'x'.repeat(76), version: 4 }));
      expect(advice()).toContain('longer than 75 characters: write a summary');
      await (await input('Summary')).setValue('Short');
      expect(advice()).toBeUndefined();
    });

    it('refuses a summary or a claimant over the limit, in words', async () => {
      const summary = await loader.getHarness(
        MatFormFieldHarness.with({ floatingLabelText: 'Summary' }),
      );
      await ((await summary.getControl(MatInputHarness)) as MatInputHarness).setValue(
        'y'.repeat(201),
      );
      expect(await summary.getTextErrors()).toEqual([
        'The summary is too long: at most 200 characters.',
      ]);
      await (await saveButton()).click();
      expect(lastSave()).toBeUndefined();
    });

    it('disables what the rules refuse, saying why beside the field', async () => {
      fixture.componentRef.setInput('decisions', {
        ...ALL_EDITABLE,
        dueAt: {
          allowed: false,
          refusal: { code: 'field_role', message: 'Only an editor can change the due date.' },
        },
        claimant: {
          allowed: false,
          refusal: { code: 'archived', message: 'This article is archived.' },
        },
      });
      await fixture.whenStable();
      expect(await (await input('Due')).isDisabled()).toBeTrue();
      expect(await (await input('Claimant')).isDisabled()).toBeTrue();
      expect(await (await input('Summary')).isDisabled()).toBeFalse();
      const due = await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Due' }));
      expect(await due.getTextHints()).toEqual(['Only an editor can change the due date.']);
    });

    it('shows the new fields in the conflict, in words', async () => {
      await (await input('Claimant')).setValue('Mine');
      const theirs = claimFixture({
        rationale: 'Old',
        claimant: 'Theirs',
        dueAt: '2026-12-09T17:30:00.000Z',
        version: 5,
        updatedBy: 'dana',
      });
      store.overrideSelector(claimDetailFeature.selectConflict, {
        mine: { claimant: 'Mine' },
        theirs,
        base: findingOf(start),
      });
      store.refreshState();
      await arrives(theirs);
      const rows = Array.from(el().querySelectorAll('[role="alertdialog"] tbody tr')).map((row) =>
        row.querySelector('th')?.textContent?.trim(),
      );
      expect(rows).toEqual(['Claimant', 'Due']);
      expect(el().querySelector('[role="alertdialog"] tbody')?.textContent).toContain(
        'No due date',
      );
    });
  });
});

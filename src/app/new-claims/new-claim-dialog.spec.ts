import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { provideMockStore } from '@ngrx/store/testing';
import { Observable, of, Subject, throwError } from 'rxjs';
import { AttributionGuess } from '../../domain/suggestion';
import { NewClaimDialog, NewClaimDialogData } from './new-claim-dialog';
import { NewClaimsApi } from './new-claims-api';
import { initialSuggestionsState } from './state/suggestions.feature';

describe('new claim dialog', () => {
  let close: jasmine.Spy;
  let api: jasmine.SpyObj<NewClaimsApi>;
  const nobody: AttributionGuess = { claimant: null, claimantType: 'Person' };

  async function open(
    data: Partial<NewClaimDialogData> = {},
    guess: Observable<AttributionGuess> = of(nobody),
  ) {
    close = jasmine.createSpy('close');
    api = jasmine.createSpyObj<NewClaimsApi>('NewClaimsApi', ['attribution']);
    api.attribution.and.returnValue(guess);
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
        { provide: NewClaimsApi, useValue: api },
        // The workspace's article, as the suggestions feature knows it.
        provideMockStore({
          initialState: { suggestions: { ...initialSuggestionsState, articleId: 'a1' } },
        }),
      ],
    });
    const fixture = TestBed.createComponent(NewClaimDialog);
    await fixture.whenStable();
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const claimant = () =>
      loader.getHarness(MatInputHarness.with({ selector: '[data-testid="new-claim-claimant"]' }));
    const claimantLabel = async () =>
      (
        await loader.getHarness(MatFormFieldHarness.with({ selector: '.claimant-name' }))
      ).getLabel();
    const claimantType = () =>
      loader.getHarness(
        MatSelectHarness.with({ selector: '[data-testid="new-claim-claimant-type"]' }),
      );
    const add = async () =>
      (await loader.getHarness(MatButtonHarness.with({ text: 'Add claim' }))).click();
    return { fixture, loader, claimant, claimantLabel, claimantType, add };
  }

  it('starts from the quote and closes with the restated claim at the same offsets', async () => {
    const { loader, add } = await open({ kind: 'figure' });
    const statement = await loader.getHarness(
      MatInputHarness.with({ selector: '[data-testid="new-claim-statement"]' }),
    );
    expect(await statement.getValue()).toBe('Trade rose 9 percent');
    await statement.setValue('  China-Russia trade rose 9% in 2023.  ');
    const kind = await loader.getHarness(
      MatSelectHarness.with({ selector: '[data-testid="new-claim-kind"]' }),
    );
    expect(await kind.getValueText()).toBe('Figure');
    await kind.open();
    await kind.clickOptions({ text: 'Event' });
    await add();
    expect(close).toHaveBeenCalledOnceWith({
      start: 4,
      end: 24,
      statement: 'China-Russia trade rose 9% in 2023.',
      kind: 'event',
    });
  });

  it('refuses an empty statement and stays open', async () => {
    const { fixture, loader, add } = await open();
    const statement = await loader.getHarness(
      MatInputHarness.with({ selector: '[data-testid="new-claim-statement"]' }),
    );
    await statement.setValue('   ');
    await add();
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

  describe('claimant', () => {
    it('pre-fills the suggestion’s claimant, says it came from the text, and sends it', async () => {
      const { claimant, claimantLabel, claimantType, add } = await open({
        claimant: 'Ministry of Defence',
        claimantType: 'Organization',
      });
      expect(api.attribution).not.toHaveBeenCalled();
      expect(await (await claimant()).getValue()).toBe('Ministry of Defence');
      expect(await claimantLabel()).toBe('Claimant (from the text — check it)');
      expect(await (await claimantType()).getValueText()).toBe('Organisation');
      await add();
      expect(close).toHaveBeenCalledOnceWith(
        jasmine.objectContaining({
          claimant: 'Ministry of Defence',
          claimantType: 'Organization',
        }),
      );
    });

    it('asks the server about a selection’s sentence, in the workspace’s article', async () => {
      const { claimant, claimantLabel, add } = await open(
        {},
        of({ claimant: 'Marion Adebayo', claimantType: 'Person' }),
      );
      expect(api.attribution).toHaveBeenCalledOnceWith('a1', 4, 24);
      expect(await (await claimant()).getValue()).toBe('Marion Adebayo');
      expect(await claimantLabel()).toBe('Claimant (from the text — check it)');
      await add();
      expect(close).toHaveBeenCalledOnceWith({
        start: 4,
        end: 24,
        statement: 'Trade rose 9 percent',
        kind: 'event',
        claimant: 'Marion Adebayo',
        claimantType: 'Person',
      });
    });

    it('asks about the article it is given', async () => {
      await open({ articleId: 'other-article' });
      expect(api.attribution).toHaveBeenCalledOnceWith('other-article', 4, 24);
    });

    it('is editable: a changed claimant is the editor’s own, and is what is sent', async () => {
      const { claimant, claimantLabel, claimantType, add } = await open(
        {},
        of({ claimant: 'the ministry', claimantType: 'Organization' }),
      );
      await (await claimant()).setValue('Ministry of Defence (UK)');
      expect(await claimantLabel()).toBe('Claimant');
      const type = await claimantType();
      await type.open();
      await type.clickOptions({ text: 'Person' });
      await add();
      expect(close).toHaveBeenCalledOnceWith(
        jasmine.objectContaining({ claimant: 'Ministry of Defence (UK)', claimantType: 'Person' }),
      );
    });

    it('sends no claimant when the editor clears it', async () => {
      const { claimant, add } = await open({}, of({ claimant: 'Putin', claimantType: 'Person' }));
      await (await claimant()).setValue('  ');
      await add();
      expect(Object.keys(close.calls.mostRecent().args[0])).toEqual([
        'start',
        'end',
        'statement',
        'kind',
      ]);
    });

    it('leaves the claimant empty, without the text’s label, when the sentence names nobody', async () => {
      const { claimant, claimantLabel, add } = await open({}, of(nobody));
      expect(await (await claimant()).getValue()).toBe('');
      expect(await claimantLabel()).toBe('Claimant');
      await add();
      expect(close.calls.mostRecent().args[0].claimant).toBeUndefined();
    });

    it('never writes over what the editor typed before the guess arrived', async () => {
      const guess = new Subject<AttributionGuess>();
      const { fixture, claimant, add } = await open({}, guess);
      await (await claimant()).setValue('Council leader');
      guess.next({ claimant: 'Marion Adebayo', claimantType: 'Person' });
      await fixture.whenStable();
      expect(await (await claimant()).getValue()).toBe('Council leader');
      await add();
      expect(close).toHaveBeenCalledOnceWith(
        jasmine.objectContaining({ claimant: 'Council leader' }),
      );
    });

    it('opens without a guess when the server cannot give one', async () => {
      const { claimant, add } = await open(
        {},
        throwError(() => new Error('offline')),
      );
      expect(await (await claimant()).getValue()).toBe('');
      await add();
      expect(close).toHaveBeenCalledTimes(1);
    });

    it('refuses a claimant longer than the limit and stays open', async () => {
      const { fixture, claimant, add } = await open();
      await (await claimant()).setValue('x'.repeat(201));
      await add();
      await fixture.whenStable();
      expect(close).not.toHaveBeenCalled();
      expect(fixture.nativeElement.textContent).toContain('At most 200 characters.');
      expect(fixture.nativeElement.textContent).not.toContain('Write the statement to check.');
    });
  });
});

import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { IntakePageActions } from '../articles/state/articles.actions';
import { initialArticlesState } from '../articles/state/articles.feature';
import { Intake } from './intake';

function stateFor(role: 'editor' | 'fact_checker', intake = initialArticlesState.intake) {
  return {
    session: {
      user: { username: 'dana', displayName: 'Dana', role },
      status: 'signed_in',
      error: null,
    },
    articles: { ...initialArticlesState, intake },
  };
}

describe('intake page', () => {
  async function render(
    role: 'editor' | 'fact_checker' = 'editor',
    intake = initialArticlesState.intake,
  ) {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideMockStore({ initialState: stateFor(role, intake) })],
    });
    const fixture = TestBed.createComponent(Intake);
    const store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch').and.callThrough();
    await fixture.whenStable();
    return { fixture, store, loader: TestbedHarnessEnvironment.loader(fixture) };
  }

  /** The text field whose floating label reads `label`, as a person finds it. */
  async function field(loader: HarnessLoader, label: string): Promise<MatInputHarness> {
    const formField = await loader.getHarness(
      MatFormFieldHarness.with({ floatingLabelText: label }),
    );
    const control = await formField.getControl(MatInputHarness);
    if (!control) throw new Error(`No text field labelled ${label}`);
    return control;
  }

  it('sends a pasted article with what the desk filled in, trimmed', async () => {
    const { loader, store } = await render();
    await (await field(loader, 'Headline')).setValue('  Putin visits Pyongyang ');
    await (await field(loader, 'Outlet')).setValue('The Globe');
    await (await field(loader, 'Article text')).setValue('Putin arrived on Tuesday.');
    await (await loader.getHarness(MatButtonHarness.with({ text: /Add article/ }))).click();
    expect(store.dispatch).toHaveBeenCalledWith(
      IntakePageActions.submitted({
        article: {
          source: 'text',
          headline: 'Putin visits Pyongyang',
          text: 'Putin arrived on Tuesday.',
          outlet: 'The Globe',
        },
      }),
    );
  });

  it('refuses a javascript: address and sends nothing', async () => {
    const { fixture, loader, store } = await render();
    await (await field(loader, 'Headline')).setValue('Headline');
    await (await field(loader, 'Article text')).setValue('Text.');
    await (await field(loader, 'Address of the article')).setValue('javascript:alert(1)');
    await (await loader.getHarness(MatButtonHarness.with({ text: /Add article/ }))).click();
    await fixture.whenStable();
    expect(store.dispatch).not.toHaveBeenCalledWith(
      jasmine.objectContaining({ type: IntakePageActions.submitted.type }),
    );
    expect(fixture.nativeElement.textContent).toContain(
      'Only http and https addresses are accepted.',
    );
  });

  it("shows the server's reason when the article was refused", async () => {
    const { fixture } = await render('editor', {
      saving: false,
      error: '/body/headline must have at most 300 characters',
      field: '/body/headline',
    });
    expect(
      fixture.nativeElement.querySelector('[data-testid="intake-error"]').textContent,
    ).toContain('/body/headline must have at most 300 characters');
  });

  it('tells a fact-checker that only editors add articles', async () => {
    const { fixture, loader } = await render('fact_checker');
    expect(fixture.nativeElement.textContent).toContain('Only an editor can add articles.');
    expect(await loader.getAllHarnesses(MatInputHarness)).toEqual([]);
  });
});

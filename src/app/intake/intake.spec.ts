import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatButtonToggleHarness } from '@angular/material/button-toggle/testing';
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

  // White space inside an address is the same rule's (evidence-form.spec.ts): a url field drops
  // trailing spaces as they are typed, so a harness cannot type one in.
  for (const address of ['http://./', 'http://-/', 'https://']) {
    it(`refuses ${address} by the shared web-link rule`, async () => {
      const { fixture, loader, store } = await render();
      await (await field(loader, 'Headline')).setValue('Headline');
      await (await field(loader, 'Article text')).setValue('Text.');
      await (await field(loader, 'Address of the article')).setValue(address);
      await (await loader.getHarness(MatButtonHarness.with({ text: /Add article/ }))).click();
      await fixture.whenStable();
      expect(store.dispatch).not.toHaveBeenCalledWith(
        jasmine.objectContaining({ type: IntakePageActions.submitted.type }),
      );
    });
  }

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
      code: null,
    });
    expect(
      fixture.nativeElement.querySelector('[data-testid="intake-error"]').textContent,
    ).toContain('/body/headline must have at most 300 characters');
  });

  describe('a file', () => {
    const file = { formatVersion: 1, article: { id: 'pnk', headline: 'The visit' }, claims: [{}] };
    const refused = {
      saving: false,
      error: 'An article with the id "pnk" already exists; nothing was changed.',
      field: '/body/file/article/id',
      code: 'exists',
    };

    async function upload(loader: HarnessLoader, fixture: ComponentFixture<Intake>) {
      await (await loader.getHarness(MatButtonToggleHarness.with({ text: /Upload/ }))).check();
      const input = (fixture.nativeElement as HTMLElement).querySelector<HTMLInputElement>(
        '[data-testid="intake-file"]',
      )!;
      const files = new DataTransfer();
      files.items.add(new File([JSON.stringify(file)], 'pnk.json', { type: 'application/json' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change'));
      // Reading the file is the browser's own work: wait until the page says what it holds.
      for (let i = 0; i < 50 && !fixture.nativeElement.querySelector('[role="status"]'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        await fixture.whenStable();
      }
    }

    it("says by the upload that an editor's import starts claims again", async () => {
      const { fixture, loader } = await render();
      await (await loader.getHarness(MatButtonToggleHarness.with({ text: /Upload/ }))).check();
      const rules = (fixture.nativeElement as HTMLElement).querySelector(
        '[data-testid="intake-file-rules"]',
      );
      expect(rules?.textContent?.replace(/\s+/g, ' ')).toContain(
        "An editor's import starts every claim again as New: its verdict, evidence and notes are kept as imported data",
      );
      expect(rules?.textContent).toContain('Only an admin');
      expect(
        fixture.nativeElement
          .querySelector('[data-testid="intake-file"]')
          .getAttribute('aria-describedby'),
      ).toBe('intake-file-rules');
    });

    it('sends the file as it is, forgetting an earlier refusal once chosen', async () => {
      const { fixture, loader, store } = await render();
      await upload(loader, fixture);
      expect(store.dispatch).toHaveBeenCalledWith(IntakePageActions.fileChosen());
      expect(fixture.nativeElement.textContent.replace(/\s+/g, ' ')).toContain(
        'pnk.json: The visit · 1 claim ',
      );
      await (await loader.getHarness(MatButtonHarness.with({ text: 'Import article' }))).click();
      expect(store.dispatch).toHaveBeenCalledWith(
        IntakePageActions.submitted({ article: { source: 'file', file } }),
      );
    });

    it('offers to import it as a copy when its article is already here', async () => {
      const { fixture, loader, store } = await render();
      await upload(loader, fixture);
      store.setState(stateFor('editor', refused));
      await fixture.whenStable();
      const root = fixture.nativeElement as HTMLElement;
      expect(root.querySelector('[data-testid="intake-error"]')).toBeNull();
      expect(root.querySelector('[data-testid="intake-exists"]')?.textContent).toContain(
        'is already here; nothing was changed',
      );
      expect(root.querySelector('[data-testid="intake-exists"] code')?.textContent).toBe('pnk');
      await (await loader.getHarness(MatButtonHarness.with({ text: 'Import as a copy' }))).click();
      expect(store.dispatch).toHaveBeenCalledWith(
        IntakePageActions.submitted({ article: { source: 'file', file, asCopy: true } }),
      );
    });

    it('offers no copy for another refusal, and none while a copy is on its way', async () => {
      const { fixture, loader, store } = await render();
      await upload(loader, fixture);
      store.setState(stateFor('editor', { ...refused, code: null, error: 'Bad file.' }));
      await fixture.whenStable();
      expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /copy/ }))).toEqual([]);
      expect(fixture.nativeElement.textContent).toContain('The article was not added: Bad file.');
      store.setState(stateFor('editor', { ...refused, saving: true }));
      await fixture.whenStable();
      const copy = await loader.getHarness(MatButtonHarness.with({ text: 'Import as a copy' }));
      expect(await copy.isDisabled()).toBeTrue();
    });
  });

  it('tells a fact-checker that only editors add articles', async () => {
    const { fixture, loader } = await render('fact_checker');
    expect(fixture.nativeElement.textContent).toContain('Only an editor can add articles.');
    expect(await loader.getAllHarnesses(MatInputHarness)).toEqual([]);
  });
});

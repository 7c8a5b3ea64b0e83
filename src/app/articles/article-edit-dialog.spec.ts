import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatInputHarness } from '@angular/material/input/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { ArticleEditDialog, articleChanges } from './article-edit-dialog';
import { ArticleActionsActions } from './state/articles.actions';
import { ArticleEditState, articlesFeature } from './state/articles.feature';
import { article } from './state/articles.feature.spec';

describe('articleChanges', () => {
  const base = article({ outlet: 'The Post', url: 'https://example.org/a', publishedAt: null });

  it('sends only what differs, tidied, and clears an emptied field', () => {
    expect(
      articleChanges(
        {
          headline: '  The   visit ',
          outlet: '',
          url: 'https://example.org/a',
          publishedAt: '2026-11-02',
        },
        base,
      ),
    ).toEqual({ outlet: null, publishedAt: '2026-11-02' });
  });
});

describe('ArticleEditDialog', () => {
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  const idle: ArticleEditState = { articleId: 'a1', status: 'idle', error: null, current: null };

  async function render(edit: ArticleEditState = idle) {
    const close = jasmine.createSpy('close');
    TestBed.configureTestingModule({
      providers: [
        provideMockStore({ selectors: [{ selector: articlesFeature.selectEdit, value: edit }] }),
        { provide: MAT_DIALOG_DATA, useValue: { article: article({ outlet: 'The Post' }) } },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    const store = TestBed.inject(MockStore);
    const dispatched = spyOn(store, 'dispatch');
    const fixture = TestBed.createComponent(ArticleEditDialog);
    await fixture.whenStable();
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const setEdit = async (next: ArticleEditState) => {
      store.overrideSelector(articlesFeature.selectEdit, next);
      store.refreshState();
      await fixture.whenStable();
    };
    return {
      fixture,
      loader,
      dispatched,
      close,
      setEdit,
      root: fixture.nativeElement as HTMLElement,
    };
  }

  it('sends the changed fields on the version it was opened with, and closes once saved', async () => {
    const { loader, dispatched, close, setEdit } = await render();
    expect(dispatched).toHaveBeenCalledWith(ArticleActionsActions.editOpened({ articleId: 'a1' }));
    await (
      await loader.getHarness(
        MatInputHarness.with({ selector: '[data-testid="article-headline"]' }),
      )
    ).setValue('The second visit');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Save' }))).click();
    expect(dispatched).toHaveBeenCalledWith(
      ArticleActionsActions.editSubmitted({
        article: article({ outlet: 'The Post' }),
        changes: { headline: 'The second visit' },
      }),
    );
    expect(close).not.toHaveBeenCalled();
    await setEdit({ ...idle, status: 'saved' });
    expect(close).toHaveBeenCalledWith(true);
  });

  it('refuses an address that is not http or https', async () => {
    const { loader, dispatched } = await render();
    await (
      await loader.getHarness(MatInputHarness.with({ placeholder: 'https://' }))
    ).setValue('javascript:alert(1)');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Save' }))).click();
    expect(dispatched).not.toHaveBeenCalledWith(
      jasmine.objectContaining({ type: ArticleActionsActions.editSubmitted.type }),
    );
  });

  it('shows what someone else saved beside what was typed, and re-applies on their version', async () => {
    const { loader, dispatched, root, setEdit } = await render();
    await (
      await loader.getHarness(
        MatInputHarness.with({ selector: '[data-testid="article-headline"]' }),
      )
    ).setValue('Mine');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Save' }))).click();
    const theirs = article({ headline: 'Theirs', outlet: 'The Post', version: 4 });
    await setEdit({
      articleId: 'a1',
      status: 'conflict',
      error: 'Someone else changed this article while you were editing it.',
      current: theirs,
    });
    const rows = [...root.querySelectorAll('[data-testid="article-conflict"] tbody tr')].map((tr) =>
      [...tr.children].map((cell) => cell.textContent?.trim()),
    );
    expect(rows[0]).toEqual(['Headline', 'Mine', 'Theirs']);
    await (
      await loader.getHarness(MatButtonHarness.with({ text: 'Apply my changes again' }))
    ).click();
    expect(dispatched).toHaveBeenCalledWith(
      ArticleActionsActions.editSubmitted({
        article: article({ outlet: 'The Post', version: 4 }),
        changes: { headline: 'Mine' },
      }),
    );
  });

  it('takes theirs: the form shows what is saved', async () => {
    const { loader, setEdit } = await render();
    const theirs = article({ headline: 'Theirs', version: 4 });
    await setEdit({ articleId: 'a1', status: 'conflict', error: 'x', current: theirs });
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Keep theirs' }))).click();
    const headline = await loader.getHarness(
      MatInputHarness.with({ selector: '[data-testid="article-headline"]' }),
    );
    expect(await headline.getValue()).toBe('Theirs');
  });
});

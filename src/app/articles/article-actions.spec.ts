import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { firstValueFrom } from 'rxjs';
import { Role } from '../../domain/workflow';
import { sessionFeature } from '../session/state/session.feature';
import { ArticleActions } from './article-actions';
import { ArticleActionsActions } from './state/articles.actions';
import { articlesFeature } from './state/articles.feature';
import { article } from './state/articles.feature.spec';
import { provideAppIcons } from '../shell/icons';

describe('ArticleActions', () => {
  afterEach(() => TestBed.inject(MockStore).resetSelectors());
  afterEach(() => TestBed.inject(MatDialog).closeAll());

  async function render(role: Role, archived = false) {
    TestBed.configureTestingModule({
      providers: [
        provideAppIcons(),
        provideMockStore({
          selectors: [
            { selector: sessionFeature.selectActor, value: { username: 'erin', role } },
            {
              selector: articlesFeature.selectEdit,
              value: { articleId: null, status: 'idle', error: null, current: null },
            },
          ],
        }),
      ],
    });
    const dispatched = spyOn(TestBed.inject(MockStore), 'dispatch');
    const fixture = TestBed.createComponent(ArticleActions);
    fixture.componentRef.setInput('article', article({ archived }));
    await fixture.whenStable();
    return {
      dispatched,
      loader: TestbedHarnessEnvironment.loader(fixture),
      documentLoader: TestbedHarnessEnvironment.documentRootLoader(fixture),
    };
  }

  /** Clicks a dialog's button and waits until the dialog has closed. */
  async function closing(button: () => Promise<MatButtonHarness>) {
    const closed = firstValueFrom(TestBed.inject(MatDialog).afterAllClosed);
    await (await button()).click();
    await closed;
  }

  it('shows nothing to a fact-checker', async () => {
    const { loader } = await render('fact_checker');
    expect(await loader.getAllHarnesses(MatButtonHarness)).toEqual([]);
  });

  it('archives only once the editor confirms', async () => {
    const { loader, documentLoader, dispatched } = await render('editor');
    await (await loader.getHarness(MatButtonHarness.with({ text: /Archive/ }))).click();
    const dialog = await documentLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Archive “The visit”?');
    await closing(() => dialog.getHarness(MatButtonHarness.with({ text: 'Cancel' })));
    expect(dispatched).not.toHaveBeenCalled();
    await (await loader.getHarness(MatButtonHarness.with({ text: /Archive/ }))).click();
    const again = await documentLoader.getHarness(MatDialogHarness);
    await closing(() => again.getHarness(MatButtonHarness.with({ text: 'Archive' })));
    expect(dispatched).toHaveBeenCalledOnceWith(
      ArticleActionsActions.archiveConfirmed({ article: article(), archived: true }),
    );
  });

  it('un-archives at once, and opens the details for editing', async () => {
    const { loader, documentLoader, dispatched } = await render('admin', true);
    await (await loader.getHarness(MatButtonHarness.with({ text: /Un-archive/ }))).click();
    expect(dispatched).toHaveBeenCalledWith(
      ArticleActionsActions.archiveConfirmed({
        article: article({ archived: true }),
        archived: false,
      }),
    );
    await (await loader.getHarness(MatButtonHarness.with({ text: /Edit details/ }))).click();
    const dialog = await documentLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Article details');
  });
});

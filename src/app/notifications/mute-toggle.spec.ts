import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Role } from '../../domain/workflow';
import { sessionFeature } from '../session/state/session.feature';
import { MuteToggle } from './mute-toggle';
import { MuteToggleActions } from './state/notifications.actions';
import { inboxFeature } from './state/notifications.feature';
import { provideAppIcons } from '../shell/icons';

describe('MuteToggle', () => {
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  async function render(role: Role, muted: Record<string, boolean>) {
    TestBed.configureTestingModule({ providers: [provideAppIcons(), provideMockStore()] });
    const store = TestBed.inject(MockStore);
    store.overrideSelector(sessionFeature.selectUser, {
      username: 'dana',
      displayName: 'Dana',
      role,
      disabled: false,
      createdAt: '2026-11-01T09:00:00.000Z',
    });
    store.overrideSelector(inboxFeature.selectMuted, muted);
    const dispatched = spyOn(store, 'dispatch');
    const fixture = TestBed.createComponent(MuteToggle);
    fixture.componentRef.setInput('articleId', 'a1');
    await fixture.whenStable();
    return { store, fixture, dispatched, loader: TestbedHarnessEnvironment.loader(fixture) };
  }

  it('asks an editor’s mute for the article, and offers the toggle once known', async () => {
    const { store, fixture, dispatched, loader } = await render('editor', {});
    expect(dispatched).toHaveBeenCalledOnceWith(MuteToggleActions.shown({ articleId: 'a1' }));
    expect(await loader.getAllHarnesses(MatButtonHarness)).toEqual([]);
    const pending = fixture.nativeElement.querySelector('[data-testid="mute-pending"]');
    expect(getComputedStyle(pending).visibility).withContext('place kept, unseen').toBe('hidden');
    store.overrideSelector(inboxFeature.selectMuted, { a1: false });
    store.refreshState();
    await fixture.whenStable();
    const button = await loader.getHarness(MatButtonHarness);
    expect(await button.getText()).toContain('Mute submissions for this article');
    await button.click();
    expect(dispatched).toHaveBeenCalledWith(
      MuteToggleActions.toggled({ articleId: 'a1', muted: true }),
    );
  });

  it('offers to unmute a muted article', async () => {
    const { dispatched, loader } = await render('admin', { a1: true });
    const button = await loader.getHarness(MatButtonHarness);
    expect(await button.getText()).toContain('Unmute submissions');
    await button.click();
    expect(dispatched).toHaveBeenCalledWith(
      MuteToggleActions.toggled({ articleId: 'a1', muted: false }),
    );
  });

  it('shows nothing to a fact-checker, who is not told of submissions', async () => {
    const { fixture, dispatched, loader } = await render('fact_checker', { a1: false });
    expect(dispatched).not.toHaveBeenCalled();
    expect(await loader.getAllHarnesses(MatButtonHarness)).toEqual([]);
    expect(fixture.nativeElement.querySelector('[data-testid="mute-pending"]')).toBeNull();
  });
});

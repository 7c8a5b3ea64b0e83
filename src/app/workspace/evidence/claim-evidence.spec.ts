import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Evidence } from '../../../domain/claim';
import { Decision } from '../../../domain/workflow';
import { ClaimEvidence } from './claim-evidence';
import { ClaimDetailPageActions } from '../state/claim-detail.actions';
import { ChangeStatus, claimDetailFeature } from '../state/claim-detail.feature';

const reuters: Evidence = {
  id: 'e1',
  claimId: 'c1',
  url: 'https://www.reuters.com/world/shells',
  title: 'Reuters on shells',
  publisher: 'Reuters',
  stance: 'refutes',
  sourceType: 'secondary',
  quote: null,
  archivedUrl: 'https://web.archive.org/x',
  accessedAt: null,
  createdAt: '2026-11-28T10:00:00.000Z',
  createdBy: 'casey',
  adoptedFrom: null,
};
const LOCKED: Decision = {
  allowed: false,
  refusal: {
    code: 'field_locked',
    message: 'The evidence cannot change while the claim is in review: request changes first.',
  },
};

describe('ClaimEvidence', () => {
  let fixture: ComponentFixture<ClaimEvidence>;
  let loader: HarnessLoader;
  let store: MockStore;
  let dispatched: jasmine.Spy;
  let snackBar: jasmine.SpyObj<MatSnackBar>;

  async function render(decision: Decision = { allowed: true }) {
    snackBar = jasmine.createSpyObj<MatSnackBar>('MatSnackBar', ['open']);
    TestBed.configureTestingModule({
      providers: [
        provideMockStore({
          selectors: [{ selector: claimDetailFeature.selectChanges, value: {} }],
        }),
        { provide: MatSnackBar, useValue: snackBar },
      ],
    });
    store = TestBed.inject(MockStore);
    dispatched = spyOn(store, 'dispatch').and.callThrough();
    fixture = TestBed.createComponent(ClaimEvidence);
    fixture.componentRef.setInput('claimId', 'c1');
    fixture.componentRef.setInput('evidence', [reuters]);
    fixture.componentRef.setInput('decision', decision);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
  }
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  async function answer(changes: Record<string, ChangeStatus>) {
    store.overrideSelector(claimDetailFeature.selectChanges, changes);
    store.refreshState();
    await fixture.whenStable();
  }
  const field = (label: string, within = '.add') =>
    loader
      .getChildLoader(within)
      .then((child) => child.getHarness(MatFormFieldHarness.with({ floatingLabelText: label })));
  const input = (label: string, within = '.add') =>
    field(label, within).then((f) => f.getControl(MatInputHarness) as Promise<MatInputHarness>);
  const host = () => fixture.nativeElement as HTMLElement;

  it('opens every link in a new tab without giving it the page, with labels for stance and source', async () => {
    await render();
    const links = Array.from(host().querySelectorAll('a'));
    expect(links.length).toBe(2);
    for (const link of links) {
      expect(link.target).toBe('_blank');
      expect(link.rel).toBe('noopener noreferrer');
    }
    expect(host().textContent).toContain('Refutes · Secondary source');
  });

  it('sets the quoted passage apart from the labels, on a line of its own', async () => {
    await render();
    fixture.componentRef.setInput('evidence', [
      { ...reuters, sourceType: 'primary', quote: 'Commercial shipments rose' },
    ]);
    await fixture.whenStable();
    const item = host().querySelector('li') as HTMLElement;
    const labels = item.querySelector('.muted') as HTMLElement;
    const quote = Array.from(item.querySelectorAll<HTMLElement>('*')).find(
      (el) => el.textContent?.trim() === 'Commercial shipments rose',
    ) as HTMLElement;
    expect(quote).toBeTruthy();
    expect(getComputedStyle(quote).display).toBe('block');
    expect(quote.getBoundingClientRect().top).toBeGreaterThanOrEqual(
      labels.getBoundingClientRect().bottom,
    );
    expect(item.innerText).not.toMatch(/source\s?\S?Commercial/);
  });

  it('asks before removing evidence', async () => {
    await render();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Remove' }))).click();
    expect(host().textContent).toContain('Remove this evidence?');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'No, keep it' }))).click();
    expect(dispatched).not.toHaveBeenCalled();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Remove' }))).click();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Yes, remove' }))).click();
    expect(dispatched).toHaveBeenCalledOnceWith(
      ClaimDetailPageActions.evidenceRemoved({ claimId: 'c1', evidenceId: 'e1' }),
    );
  });

  it('keeps a new link as typed until the server has it, then empties without errors', async () => {
    await render();
    await (await input('Link (http or https)')).setValue('https://www.bbc.com/news/x');
    await (await input('Title')).setValue('BBC analysis');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Add evidence' }))).click();
    expect(dispatched).toHaveBeenCalledWith(
      jasmine.objectContaining({
        type: ClaimDetailPageActions.evidenceAdded.type,
        claimId: 'c1',
        draft: jasmine.objectContaining({
          url: 'https://www.bbc.com/news/x',
          title: 'BBC analysis',
          publisher: 'www.bbc.com',
        }),
      }),
    );
    await answer({ evidence: 'pending' });
    expect(
      await (await loader.getHarness(MatButtonHarness.with({ text: 'Add evidence' }))).isDisabled(),
    ).toBeTrue();
    await answer({ evidence: 'failed' });
    expect(await (await input('Title')).getValue()).toBe('BBC analysis');

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Add evidence' }))).click();
    await answer({ evidence: 'pending' });
    await answer({ evidence: 'saved' });
    expect(await (await input('Title')).getValue()).toBe('');
    expect(await (await field('Link (http or https)')).getTextErrors()).toEqual([]);
    expect(await (await field('Title')).getTextErrors()).toEqual([]);
  });

  it('keeps an edit in place through live updates, and closes it once saved', async () => {
    await render();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Edit' }))).click();
    const editor = 'form[aria-label="Save evidence"]';
    await (await input('Title', editor)).setValue('Reuters: shell shipments');
    fixture.componentRef.setInput('evidence', [{ ...reuters, quote: 'Someone’s new quote' }]);
    await fixture.whenStable();
    expect(await (await input('Title', editor)).getValue()).toBe('Reuters: shell shipments');

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Save evidence' }))).click();
    expect(dispatched).toHaveBeenCalledWith(
      jasmine.objectContaining({
        type: ClaimDetailPageActions.evidenceEdited.type,
        evidenceId: 'e1',
        draft: jasmine.objectContaining({ title: 'Reuters: shell shipments' }),
      }),
    );
    await answer({ 'evidence:e1': 'pending' });
    await answer({ 'evidence:e1': 'failed' });
    expect(host().querySelector(editor)).not.toBeNull();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Save evidence' }))).click();
    await answer({ 'evidence:e1': 'pending' });
    await answer({ 'evidence:e1': 'saved' });
    expect(host().querySelector(editor)).toBeNull();
  });

  it('says why evidence cannot be added when the shortcut asks for it', async () => {
    await render(LOCKED);
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Remove' }))).toEqual([]);
    const note = host().querySelector<HTMLElement>('[data-testid="evidence-url"]');
    expect(note?.textContent?.trim()).toBe(LOCKED.allowed ? '' : LOCKED.refusal.message);

    fixture.componentInstance.focusAddForm();
    expect(document.activeElement).toBe(note);
    expect(snackBar.open).toHaveBeenCalledWith(
      'The evidence cannot change while the claim is in review: request changes first.',
      'Close',
      { duration: 6000 },
    );
  });

  it('puts the shortcut in the link field when evidence can be added', async () => {
    await render();
    fixture.componentInstance.focusAddForm();
    expect(document.activeElement).toBe(host().querySelector('.add [data-testid="evidence-url"]'));
  });
});

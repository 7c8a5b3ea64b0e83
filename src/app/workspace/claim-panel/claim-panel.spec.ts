import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatProgressBarHarness } from '@angular/material/progress-bar/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { ArticleDetail, ClaimDetail, ClaimSummary, HistoryEntry } from '../../../domain/claim';
import { VERDICT_DEFINITIONS } from '../../../domain/verdicts';
import { Role } from '../../../domain/workflow';
import { SessionUser } from '../../session/session-api';
import { sessionFeature } from '../../session/state/session.feature';
import { LiveActions } from '../../shell/state/live.actions';
import { initialUsersState, usersAdapter, usersFeature } from '../../users/state/users.feature';
import { ClaimPanel } from './claim-panel';
import { findingOf } from './finding-draft';
import { ClaimDetailPageActions } from '../state/claim-detail.actions';
import { claimDetailFeature } from '../state/claim-detail.feature';
import { claimsFeature } from '../state/claims.feature';
import { claimFixture } from '../state/claims.feature.spec';
import { provideAppIcons } from '../../shell/icons';

const peopleState = (people: SessionUser[]) => usersAdapter.setAll(people, initialUsersState);

describe('ClaimPanel', () => {
  // Overridden selectors are module-level memoised functions: release them, or
  // the next spec file reads this file's values.
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  const detailOf = (claim: ClaimSummary): ClaimDetail => ({ ...claim, evidence: [], notes: [] });
  interface Loading {
    known?: boolean;
    detail?: ClaimDetail | null;
    loading?: boolean;
    error?: string | null;
    missing?: boolean;
    history?: HistoryEntry[];
    article?: ArticleDetail | null;
  }

  async function render(
    role: Role,
    claim = claimFixture({
      stage: 'in_review',
      verdict: 'false',
      rationale: 'No.',
      submittedBy: 'casey',
    }),
    people: SessionUser[] = [],
    loading: Loading = {},
  ) {
    const snackBar = jasmine.createSpyObj<MatSnackBar>('MatSnackBar', ['open']);
    TestBed.configureTestingModule({
      providers: [
        provideAppIcons(),
        { provide: MatSnackBar, useValue: snackBar },
        provideMockStore({
          // The people as the store holds them: the display names are derived from them.
          initialState: { users: peopleState(people) },
          selectors: [
            {
              selector: claimsFeature.selectEntities,
              value: loading.known === false ? {} : { [claim.id]: claim },
            },
            { selector: claimsFeature.selectArticle, value: loading.article ?? null },
            {
              selector: claimDetailFeature.selectDetail,
              value: loading.detail === undefined ? detailOf(claim) : loading.detail,
            },
            { selector: claimDetailFeature.selectHistory, value: loading.history ?? [] },
            { selector: claimDetailFeature.selectConflict, value: null },
            { selector: claimDetailFeature.selectLoading, value: loading.loading ?? false },
            { selector: claimDetailFeature.selectError, value: loading.error ?? null },
            { selector: claimDetailFeature.selectMissing, value: loading.missing ?? false },
            { selector: claimDetailFeature.selectChanges, value: {} },
            {
              selector: sessionFeature.selectActor,
              value: { username: role === 'fact_checker' ? 'casey' : 'dana', role },
            },
          ],
        }),
      ],
    });
    const store = TestBed.inject(MockStore);
    const dispatched = spyOn(store, 'dispatch').and.callThrough();
    const fixture = TestBed.createComponent(ClaimPanel);
    fixture.componentRef.setInput('claimId', claim.id);
    await fixture.whenStable();
    return {
      fixture,
      store,
      dispatched,
      snackBar,
      loader: TestbedHarnessEnvironment.loader(fixture),
    };
  }
  const saved = (claim: ClaimSummary, patch: object) =>
    ClaimDetailPageActions.fieldsSaved({
      previous: claim,
      patch,
      base: { version: claim.version, finding: findingOf(claim) },
    });

  it('never offers approve to a fact-checker, and says why on the disabled control', async () => {
    const { fixture, loader } = await render('fact_checker');
    const approve = await loader.getHarness(MatButtonHarness.with({ text: 'Approve' }));
    expect(await approve.isDisabled()).toBeTrue();
    const host = fixture.nativeElement as HTMLElement;
    const reasonId = host
      .querySelector('button[aria-describedby]')
      ?.getAttribute('aria-describedby');
    expect(host.querySelector(`#${reasonId}`)?.textContent?.trim()).toBe(
      'Only an editor can request changes.',
    );
    expect(host.textContent).toContain('Only an editor can approve.');
  });

  it('lets an editor approve a claim someone else submitted', async () => {
    const { dispatched, loader } = await render('editor');
    const approve = await loader.getHarness(MatButtonHarness.with({ text: 'Approve' }));
    expect(await approve.isDisabled()).toBeFalse();
    await approve.click();
    expect(dispatched).toHaveBeenCalledWith(
      ClaimDetailPageActions.actionTaken({
        previous: claimFixture({
          stage: 'in_review',
          verdict: 'false',
          rationale: 'No.',
          submittedBy: 'casey',
        }),
        request: { action: 'approve' },
      }),
    );
  });

  describe('a reviewer’s view', () => {
    const rationale = 'Line one of the reasoning.\nLine two, which a form field would have cut.';
    const inReview = claimFixture({
      stage: 'in_review',
      verdict: 'mostly_false',
      rationale,
      submittedBy: 'casey',
      claimant: 'The Ministry',
      claimantType: 'Organization',
    });

    it('lets an editor reviewing read the finding as text, the decisions within reach', async () => {
      const { fixture, loader } = await render('editor', inReview);
      const host = fixture.nativeElement as HTMLElement;
      expect(host.querySelector('textarea[formcontrolname="rationale"]')).toBeNull();
      expect(host.querySelector('mat-select')).toBeNull();
      const reading = host.querySelector('[data-testid="finding-reading"]');
      expect(host.querySelector('[data-testid="finding-rationale"]')?.textContent?.trim()).toBe(
        rationale,
      );
      expect(reading?.textContent).toContain(inReview.statement);
      expect(host.querySelector('[data-testid="finding-verdict"]')?.textContent).toContain(
        'Mostly false',
      );
      expect(host.querySelector('[data-testid="finding-verdict"]')?.textContent).toContain(
        VERDICT_DEFINITIONS.mostly_false.description,
      );
      expect(reading?.textContent).toContain('The Ministry (organisation)');
      const approve = await loader.getHarness(MatButtonHarness.with({ text: 'Approve' }));
      expect(await approve.isDisabled()).toBeFalse();
    });

    it('opens the fields an editor may still change on request', async () => {
      const { fixture, loader } = await render('editor', inReview);
      const host = fixture.nativeElement as HTMLElement;
      const change = await loader.getHarness(
        MatButtonHarness.with({ text: /Change the statement, kind, assignee and due date/ }),
      );
      const button = host.querySelector('button.change');
      expect(button?.getAttribute('aria-expanded')).toBe('false');
      await change.click();
      expect(button?.getAttribute('aria-expanded')).toBe('true');
      const statement = host.querySelector<HTMLTextAreaElement>(
        'textarea[formcontrolname="statement"]',
      );
      expect(statement?.disabled).toBeFalse();
      expect(
        host.querySelector<HTMLTextAreaElement>('textarea[formcontrolname="rationale"]')?.disabled,
      ).toBeTrue();
    });

    for (const role of ['fact_checker', 'editor'] as const) {
      it(`shows an approved claim as text to a ${role}, with nothing to change`, async () => {
        const { fixture } = await render(role, { ...inReview, stage: 'approved' });
        const host = fixture.nativeElement as HTMLElement;
        expect(host.querySelector('[data-testid="finding-reading"]')).not.toBeNull();
        expect(host.querySelector('cd-claim-finding')).toBeNull();
        expect(host.querySelector('button.change')).toBeNull();
      });
    }

    it('keeps the form for the checker working on the claim', async () => {
      const { fixture } = await render('fact_checker', claimFixture({ stage: 'researching' }));
      const host = fixture.nativeElement as HTMLElement;
      expect(host.querySelector('[data-testid="finding-reading"]')).toBeNull();
      expect(host.querySelector('textarea[formcontrolname="rationale"]')).not.toBeNull();
    });

    it('opens a claim sent back with the request’s note, author and time, first', async () => {
      const claim = claimFixture({ stage: 'changes_requested', verdict: 'false' });
      const entry = (id: number, actor: string, note: string): HistoryEntry => ({
        id,
        claimId: claim.id,
        at: '2026-11-28T14:02:00.000Z',
        actor,
        action: 'request_changes',
        before: { stage: 'in_review' },
        after: { stage: 'changes_requested' },
        note,
        correction: false,
        changes: [{ field: 'stage', from: 'in_review', to: 'changes_requested' }],
      });
      const eli: SessionUser = {
        username: 'eli',
        displayName: 'Eli Navarro',
        role: 'editor',
        disabled: false,
        createdAt: '2026-11-01T09:00:00Z',
      };
      const { fixture } = await render('fact_checker', claim, [eli], {
        history: [entry(1, 'dana', 'An older request.'), entry(2, 'eli', 'Name the sources.')],
      });
      const host = fixture.nativeElement as HTMLElement;
      const request = host.querySelector('[data-testid="change-request"]');
      expect(request?.textContent).toContain('Name the sources.');
      expect(request?.textContent).toContain('Eli Navarro asked for changes');
      expect(request?.textContent).toMatch(/28 Nov, \d\d:02/);
      expect(request?.textContent).not.toContain('An older request.');
      // Above everything else: the first thing after the panel's heading.
      expect(host.querySelector('header + *')).toBe(request);
      expect(request?.getAttribute('aria-labelledby')).toBe('request-title');
    });

    it('shows no request once the claim moved on', async () => {
      const { fixture } = await render('editor', inReview);
      expect(
        (fixture.nativeElement as HTMLElement).querySelector('[data-testid="change-request"]'),
      ).toBeNull();
    });
  });

  describe('assignee', () => {
    const person = (username: string, disabled = false): SessionUser => ({
      username,
      displayName: username,
      role: 'fact_checker',
      disabled,
      createdAt: '2026-11-01T09:00:00Z',
    });
    const people = [person('casey'), person('robin'), person('sam', true)];

    async function assigneeSelect(loader: HarnessLoader): Promise<MatSelectHarness> {
      const field = await loader.getHarness(
        MatFormFieldHarness.with({ floatingLabelText: 'Assignee' }),
      );
      return (await field.getControl(MatSelectHarness)) as MatSelectHarness;
    }

    it('shows Nobody for an unassigned claim, and offers only active people', async () => {
      const { loader } = await render('editor', claimFixture({ assignee: null }), people);
      const select = await assigneeSelect(loader);
      expect(await select.getValueText()).toBe('Nobody');
      await select.open();
      const options = await select.getOptions();
      expect(await Promise.all(options.map((o) => o.getText()))).toEqual([
        'Nobody',
        'casey',
        'robin',
      ]);
      expect(await options[0].isSelected()).toBeTrue();
    });

    it('unassigns a claim when Nobody is chosen', async () => {
      const claim = claimFixture({ assignee: 'casey' });
      const { loader, dispatched } = await render('editor', claim, people);
      const select = await assigneeSelect(loader);
      expect(await select.getValueText()).toBe('casey');
      await select.open();
      await select.clickOptions({ text: 'Nobody' });
      expect(await select.getValueText()).toBe('Nobody');
      await (await loader.getHarness(MatButtonHarness.with({ text: 'Save finding' }))).click();
      expect(dispatched).toHaveBeenCalledWith(saved(claim, { assignee: null }));
    });

    it('assigns an unassigned claim to the person chosen', async () => {
      const claim = claimFixture({ assignee: null });
      const { loader, dispatched } = await render('fact_checker', claim, people);
      const select = await assigneeSelect(loader);
      await select.open();
      await select.clickOptions({ text: 'robin' });
      await (await loader.getHarness(MatButtonHarness.with({ text: 'Save finding' }))).click();
      expect(dispatched).toHaveBeenCalledWith(saved(claim, { assignee: 'robin' }));
    });

    it('still names an assignee whose account has since been disabled', async () => {
      const { loader } = await render('editor', claimFixture({ assignee: 'sam' }), people);
      expect(await (await assigneeSelect(loader)).getValueText()).toBe('sam');
    });
  });

  describe('loading and errors', () => {
    it('shows progress while the claim loads', async () => {
      const { loader, fixture } = await render('editor', undefined, [], {
        known: false,
        detail: null,
        loading: true,
      });
      expect(await loader.getAllHarnesses(MatProgressBarHarness)).toHaveSize(1);
      expect((fixture.nativeElement as HTMLElement).textContent).not.toContain('Workflow');
    });

    it('says a claim does not exist, with the server’s reason, and offers to close', async () => {
      const { loader, fixture } = await render('editor', undefined, [], {
        known: false,
        detail: null,
        error: 'Claim c1 does not exist.',
        missing: true,
      });
      const alert = (fixture.nativeElement as HTMLElement).querySelector('[role="alert"]');
      expect(alert?.textContent).toContain('This claim does not exist or was removed.');
      expect(alert?.textContent).toContain('Claim c1 does not exist.');
      let closed = 0;
      fixture.componentInstance.closed.subscribe(() => closed++);
      await (
        await loader.getHarness(MatButtonHarness.with({ text: 'Close the claim panel' }))
      ).click();
      expect(closed).toBe(1);
    });

    it('offers to try again when the evidence and notes could not be loaded', async () => {
      const { loader, dispatched } = await render('editor', undefined, [], {
        detail: null,
        error: 'The server cannot be reached. Check your connection and try again.',
      });
      dispatched.calls.reset();
      await (await loader.getHarness(MatButtonHarness.with({ text: 'Try again' }))).click();
      expect(dispatched).toHaveBeenCalledWith(ClaimDetailPageActions.opened({ claimId: 'c1' }));
    });
  });

  it('says why evidence cannot be added when the e shortcut asks for it', async () => {
    const { fixture, snackBar } = await render('fact_checker');
    fixture.componentInstance.focusEvidence();
    expect(snackBar.open).toHaveBeenCalledOnceWith(
      'The evidence cannot change while the claim is in review: request changes first.',
      'Close',
      { duration: 6000 },
    );
    (document.activeElement as HTMLElement | null)?.blur();
  });

  it('takes the e and n shortcuts to the new evidence link and the note box', async () => {
    const { fixture } = await render('fact_checker', claimFixture({ stage: 'researching' }));
    const host = fixture.nativeElement as HTMLElement;
    fixture.componentInstance.focusEvidence();
    expect(document.activeElement).toBe(host.querySelector('.add [data-testid="evidence-url"]'));
    fixture.componentInstance.focusNote();
    expect(document.activeElement).toBe(host.querySelector('[data-testid="note-text"]'));
    (document.activeElement as HTMLElement | null)?.blur();
  });

  it('has a heading that takes focus from a script but is no tab stop', async () => {
    const { fixture } = await render('editor');
    const heading = (fixture.nativeElement as HTMLElement).querySelector('#claim-panel-title');
    expect(heading?.getAttribute('tabindex')).toBe('-1');
  });

  it('names people by their display names in the history', async () => {
    const history: HistoryEntry[] = [
      {
        id: 1,
        claimId: 'c1',
        at: '2026-11-28T14:02:00.000Z',
        actor: 'dana',
        action: 'update',
        before: { verdict: null },
        after: { verdict: 'false', rationale: 'No.' },
        note: null,
        correction: false,
        changes: [
          { field: 'verdict', from: null, to: 'false' },
          { field: 'rationale', from: null, to: 'No.' },
        ],
      },
    ];
    const dana: SessionUser = {
      username: 'dana',
      displayName: 'Dana Reyes',
      role: 'editor',
      disabled: false,
      createdAt: '2026-11-01T09:00:00Z',
    };
    const { fixture } = await render('editor', undefined, [dana], { history });
    expect(
      (fixture.nativeElement as HTMLElement).querySelector('cd-history-timeline')?.textContent,
    ).toContain('Dana Reyes changed the verdict and rationale');
  });

  it('shows a new display name everywhere at once when a person is renamed', async () => {
    const person = (username: string, displayName: string): SessionUser => ({
      username,
      displayName,
      role: 'editor',
      disabled: false,
      createdAt: '2026-11-01T09:00:00Z',
    });
    const claim = claimFixture({ assignee: 'dana' });
    const history: HistoryEntry[] = [
      {
        id: 1,
        claimId: claim.id,
        at: '2026-11-28T14:02:00.000Z',
        actor: 'dana',
        action: 'start',
        before: { stage: 'new' },
        after: { stage: 'researching' },
        note: null,
        correction: false,
        changes: [{ field: 'stage', from: 'new', to: 'researching' }],
      },
    ];
    const people = [person('dana', 'dana'), person('eli', 'Eli Navarro')];
    const { fixture, store } = await render('editor', claim, people, {
      history,
      detail: {
        ...claim,
        evidence: [],
        notes: [
          {
            id: 'n1',
            claimId: claim.id,
            author: 'dana',
            authorRole: 'editor',
            text: 'Checking the figure.',
            createdAt: '2026-11-28T14:03:00.000Z',
            deletedAt: null,
            deletedBy: null,
            mentions: [],
          },
        ],
      },
    });
    const host = fixture.nativeElement as HTMLElement;
    const text = (selector: string) => host.querySelector(selector)?.textContent ?? '';
    expect(text('.status')).toContain('Assignee: dana');
    const renamed = LiveActions.personChanged({ user: person('dana', 'Dana Reyes') });
    store.setState({ users: usersFeature.reducer(peopleState(people), renamed) });
    await fixture.whenStable();
    expect(text('.status')).toContain('Assignee: Dana Reyes');
    expect(text('cd-history-timeline')).toContain('Dana Reyes');
    expect(text('cd-history-timeline')).not.toMatch(/\bdana\b/);
    expect(text('cd-claim-notes')).toContain('Dana Reyes');
  });

  describe('deadline and time in stage', () => {
    const HOUR = 3_600_000;
    const overdue = () =>
      claimFixture({
        stage: 'in_review',
        verdict: 'false',
        rationale: 'No.',
        submittedBy: 'casey',
        stageSince: new Date(Date.now() - 3 * 24 * HOUR - HOUR).toISOString(),
        dueAt: new Date(Date.now() - 2 * 24 * HOUR - HOUR).toISOString(),
      });

    it('says how long the claim has been in its stage, and that it is overdue, in words', async () => {
      const { fixture } = await render('fact_checker', overdue());
      const timing = (fixture.nativeElement as HTMLElement).querySelector(
        '[data-testid="claim-timing"]',
      )!;
      expect(timing.textContent).toContain('In review for 3 d');
      expect(timing.textContent).toContain('Overdue by 2 days');
      expect(timing.querySelector('.due')?.classList).toContain('overdue');
    });

    it('says when there is no due date', async () => {
      const { fixture } = await render('fact_checker', claimFixture({ dueAt: null }));
      const host = fixture.nativeElement as HTMLElement;
      expect(host.querySelector('[data-testid="claim-timing"]')?.textContent).toContain(
        'No due date',
      );
    });

    it('lets an editor set the due date, and tells a fact-checker why not', async () => {
      const dueField = async (loader: HarnessLoader) =>
        loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Due' }));
      const checker = await render('fact_checker', { ...overdue(), stage: 'researching' });
      const refused = await dueField(checker.loader);
      expect(await refused.isDisabled()).toBeTrue();
      expect(await refused.getTextHints()).toEqual(['Only an editor can change the due date.']);
      checker.fixture.destroy();
      TestBed.resetTestingModule();

      // Reviewing, the editor opens the fields they may still change.
      const editor = await render('editor', overdue());
      await (
        await editor.loader.getHarness(MatButtonHarness.with({ text: /Change the .*due date/ }))
      ).click();
      expect(await (await dueField(editor.loader)).isDisabled()).toBeFalse();
    });
  });

  describe('a claim of an archived article', () => {
    const archived = {
      id: 'a1',
      text: '',
      headings: [],
      archived: true,
    } as unknown as ArticleDetail;
    const note = {
      id: 'n1',
      claimId: 'c1',
      author: 'dana',
      authorRole: 'editor' as const,
      text: 'Checking the figure.',
      createdAt: '2026-11-28T14:03:00.000Z',
      deletedAt: null,
      deletedBy: null,
      mentions: [],
    };

    it('disables every action, field, evidence and note control, saying why', async () => {
      const claim = claimFixture({ stage: 'researching' });
      const { fixture, loader } = await render('editor', claim, [], {
        article: archived,
        detail: { ...claim, evidence: [], notes: [note] },
      });
      const host = fixture.nativeElement as HTMLElement;
      const reason = 'This article is archived, so its claims are read-only';
      for (const button of await loader.getAllHarnesses(
        MatButtonHarness.with({ ancestor: '.actions' }),
      )) {
        expect(await button.isDisabled())
          .withContext(await button.getText())
          .toBeTrue();
      }
      expect(host.querySelector('.actions')?.textContent).toContain(reason);
      // Nothing to change: the finding reads as text, the reason said once above it.
      expect(host.querySelector('cd-claim-finding')).toBeNull();
      expect(host.querySelector('button.change')).toBeNull();
      expect(host.querySelector('[data-testid="finding-reading"]')).not.toBeNull();
      const finding = host.querySelector('[aria-labelledby="finding-title"]')?.textContent ?? '';
      expect(finding.split(reason).length - 1).toBe(1);
      expect(host.querySelector('cd-claim-evidence .locked')?.textContent).toContain(reason);
      expect(host.querySelector<HTMLTextAreaElement>('[data-testid="note-text"]')?.disabled).toBe(
        true,
      );
      const addNote = await loader.getHarness(MatButtonHarness.with({ text: 'Add note' }));
      expect(await addNote.isDisabled()).toBeTrue();
      expect(host.querySelector('cd-claim-notes')?.textContent).toContain(reason);
      expect(host.querySelector('[aria-label="Delete note by dana"]')).toBeNull();
    });

    it('leaves the notes open while the article is not archived', async () => {
      const claim = claimFixture({ stage: 'researching' });
      const { fixture } = await render('editor', claim, [], {
        article: { ...archived, archived: false },
        detail: { ...claim, evidence: [], notes: [note] },
      });
      const host = fixture.nativeElement as HTMLElement;
      expect(host.querySelector<HTMLTextAreaElement>('[data-testid="note-text"]')?.disabled).toBe(
        false,
      );
      expect(host.querySelector('[aria-label="Delete note by dana"]')).not.toBeNull();
    });
  });
});

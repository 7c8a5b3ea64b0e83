import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { of } from 'rxjs';
import { Role } from '../../domain/workflow';
import { SessionUser } from '../session/session-api';
import { UsersApi } from '../users/users-api';
import { sessionFeature } from '../session/state/session.feature';
import { ClaimPanel } from './claim-panel';
import { ClaimDetailPageActions } from './state/claim-detail.actions';
import { claimDetailFeature } from './state/claim-detail.feature';
import { claimsFeature } from './state/claims.feature';
import { claimFixture } from './state/claims.feature.spec';

describe('ClaimPanel', () => {
  // Overridden selectors are module-level memoised functions: release them, or
  // the next spec file reads this file's values.
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  async function render(
    role: Role,
    claim = claimFixture({
      stage: 'in_review',
      verdict: 'false',
      rationale: 'No.',
      submittedBy: 'casey',
    }),
    people: SessionUser[] = [],
  ) {
    TestBed.configureTestingModule({
      providers: [
        { provide: UsersApi, useValue: { list: () => of(people) } },
        provideMockStore({
          selectors: [
            { selector: claimsFeature.selectEntities, value: { [claim.id]: claim } },
            { selector: claimsFeature.selectArticle, value: null },
            { selector: claimDetailFeature.selectDetail, value: null },
            { selector: claimDetailFeature.selectHistory, value: [] },
            { selector: claimDetailFeature.selectConflict, value: null },
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
    return { fixture, dispatched, loader: TestbedHarnessEnvironment.loader(fixture) };
  }

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

  it('freezes the finding while the claim is in review', async () => {
    const { fixture } = await render('editor');
    const rationale = (fixture.nativeElement as HTMLElement).querySelector<HTMLTextAreaElement>(
      'textarea[formcontrolname="rationale"]',
    );
    expect(rationale?.disabled).toBeTrue();
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
      expect(dispatched).toHaveBeenCalledWith(
        ClaimDetailPageActions.fieldsSaved({ previous: claim, patch: { assignee: null } }),
      );
    });

    it('assigns an unassigned claim to the person chosen', async () => {
      const claim = claimFixture({ assignee: null });
      const { loader, dispatched } = await render('fact_checker', claim, people);
      const select = await assigneeSelect(loader);
      await select.open();
      await select.clickOptions({ text: 'robin' });
      await (await loader.getHarness(MatButtonHarness.with({ text: 'Save finding' }))).click();
      expect(dispatched).toHaveBeenCalledWith(
        ClaimDetailPageActions.fieldsSaved({ previous: claim, patch: { assignee: 'robin' } }),
      );
    });

    it('still names an assignee whose account has since been disabled', async () => {
      const { loader } = await render('editor', claimFixture({ assignee: 'sam' }), people);
      expect(await (await assigneeSelect(loader)).getValueText()).toBe('sam');
    });
  });
});

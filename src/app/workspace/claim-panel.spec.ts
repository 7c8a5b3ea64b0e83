import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { of } from 'rxjs';
import { Role } from '../../domain/workflow';
import { UsersApi } from '../users/users-api';
import { sessionFeature } from '../session/state/session.feature';
import { ClaimPanel } from './claim-panel';
import { ClaimDetailPageActions } from './state/claim-detail.actions';
import { claimDetailFeature } from './state/claim-detail.feature';
import { claimsFeature } from './state/claims.feature';
import { claimFixture } from './state/claims.feature.spec';

describe('ClaimPanel', () => {
  async function render(
    role: Role,
    claim = claimFixture({
      stage: 'in_review',
      verdict: 'false',
      rationale: 'No.',
      submittedBy: 'casey',
    }),
  ) {
    TestBed.configureTestingModule({
      providers: [
        { provide: UsersApi, useValue: { list: () => of([]) } },
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
});

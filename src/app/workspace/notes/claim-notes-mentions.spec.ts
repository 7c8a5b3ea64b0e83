import { HarnessLoader, TestKey } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatAutocompleteHarness } from '@angular/material/autocomplete/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Note } from '../../../domain/claim';
import { claimDetailFeature } from '../state/claim-detail.feature';
import { initialUsersState, usersAdapter } from '../../users/state/users.feature';
import { ClaimNotes } from './claim-notes';
import { activePeople, person } from './fixtures.spec';

const people = [...activePeople, person('dan', 'Dan Gone', true)];

describe('ClaimNotes mentions', () => {
  let fixture: ComponentFixture<ClaimNotes>;
  let loader: HarnessLoader;

  async function render(notes: readonly Note[] = []) {
    TestBed.configureTestingModule({
      providers: [
        provideMockStore({
          initialState: { users: usersAdapter.setAll(people, initialUsersState) },
          selectors: [{ selector: claimDetailFeature.selectChanges, value: {} }],
        }),
      ],
    });
    fixture = TestBed.createComponent(ClaimNotes);
    fixture.componentRef.setInput('claimId', 'c1');
    fixture.componentRef.setInput('notes', notes);
    fixture.componentRef.setInput('actor', { username: 'dana', role: 'editor' });
    fixture.componentRef.setInput(
      'displayNames',
      new Map(people.map((p) => [p.username, p.displayName])),
    );
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
  }
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  const box = () => loader.getHarness(MatAutocompleteHarness);
  const textarea = () =>
    (fixture.nativeElement as HTMLElement).querySelector<HTMLTextAreaElement>(
      '[data-testid="note-text"]',
    )!;

  /** The panel shows a macrotask after its options change (Material's own `delay(0)`). */
  async function opened(auto: MatAutocompleteHarness): Promise<void> {
    for (let tries = 0; tries < 50 && !(await auto.isOpen()); tries++) {
      await new Promise((resolve) => setTimeout(resolve));
    }
  }

  it('offers nobody until @ is typed, then active people filtered as one types', async () => {
    await render();
    const auto = await box();
    await auto.enterText('have a look');
    expect(await auto.isOpen()).toBeFalse();
    await auto.enterText(' @');
    await opened(auto);
    expect((await auto.getOptions()).length).toBe(3);
    await auto.enterText('da');
    const options = await auto.getOptions();
    expect(await Promise.all(options.map((o) => o.getText()))).toEqual([
      'Dana Reyes @dana',
      'Cora Dahl @cora',
    ]);
  });

  it('inserts the chosen @username and a space where the caret was', async () => {
    await render();
    const auto = await box();
    await auto.enterText('@st');
    await auto.selectOption({ text: /Eli Ståhl/ });
    expect(await auto.getValue()).toBe('@eli ');
    expect(textarea().selectionStart).toBe(5);
    expect(await auto.isOpen()).toBeFalse();
  });

  it('is keyboard-navigable: arrows move through the people, Enter chooses', async () => {
    await render();
    const auto = await box();
    await auto.enterText('ask @');
    const host = await auto.host();
    await host.sendKeys(TestKey.DOWN_ARROW);
    await host.sendKeys(TestKey.ENTER);
    // Cora, Dana, Eli: the first is active at once, one step down is Dana.
    expect(await auto.getValue()).toBe('ask @dana ');
  });

  it('shows mentioned people by display name as text, and leaves unknown names alone', async () => {
    await render([
      {
        id: 'n1',
        claimId: 'c1',
        author: 'dana',
        authorRole: 'editor',
        text: '@eli have a look <b>now</b>, @nobody',
        createdAt: '2026-11-28T10:00:00.000Z',
        deletedAt: null,
        deletedBy: null,
        mentions: ['eli'],
      } as Note,
    ]);
    const text = (fixture.nativeElement as HTMLElement).querySelector('.note-text')!;
    expect(text.textContent).toBe('Eli Ståhl have a look <b>now</b>, @nobody');
    const mention = text.querySelector('.mention')!;
    expect(mention.textContent).toBe('Eli Ståhl');
    expect(mention.getAttribute('title')).toBe('@eli');
    expect(text.querySelector('b')).toBeNull();
  });
});

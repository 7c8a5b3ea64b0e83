import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HarnessLoader, TestKey } from '@angular/cdk/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatProgressBarHarness } from '@angular/material/progress-bar/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { sessionFeature } from '../session/state/session.feature';
import { PeoplePageActions } from './state/users.actions';
import { usersFeature } from './state/users.feature';
import { person } from './state/users.feature.spec';
import { UserAdmin } from './user-admin';

const PEOPLE = [
  person('ada', 'admin'),
  person('casey', 'fact_checker'),
  person('robin', 'fact_checker', true),
];

describe('UserAdmin', () => {
  // Overridden selectors are module-level memoised functions: release them, or
  // the next spec file reads this file's values.
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  async function render(
    state: { loading?: boolean; error?: string | null; firstLoad?: boolean } = {},
  ) {
    TestBed.configureTestingModule({
      providers: [
        provideMockStore({
          selectors: [
            { selector: sessionFeature.selectUser, value: PEOPLE[0] },
            { selector: usersFeature.selectAll, value: state.firstLoad ? [] : PEOPLE },
            { selector: usersFeature.selectLoading, value: state.loading ?? false },
            { selector: usersFeature.selectFirstLoad, value: state.firstLoad ?? false },
            { selector: usersFeature.selectError, value: state.error ?? null },
            { selector: usersFeature.selectAdding, value: false },
            { selector: usersFeature.selectAdded, value: null },
            { selector: usersFeature.selectAddRefusal, value: null },
          ],
        }),
      ],
    });
    const store = TestBed.inject(MockStore);
    const dispatched = spyOn(store, 'dispatch');
    const fixture = TestBed.createComponent(UserAdmin);
    await fixture.whenStable();
    return { fixture, store, dispatched, loader: TestbedHarnessEnvironment.loader(fixture) };
  }

  function roleOf(loader: HarnessLoader, username: string): Promise<MatSelectHarness> {
    return loader
      .getHarness(MatFormFieldHarness.with({ floatingLabelText: `Role of ${username}` }))
      .then((field) => field.getControl(MatSelectHarness) as Promise<MatSelectHarness>);
  }

  /** Username, status and action of each row; name and role are read through their fields. */
  function rows(fixture: { nativeElement: unknown }): string[][] {
    return [...(fixture.nativeElement as HTMLElement).querySelectorAll('tbody tr')].map((row) =>
      [...row.querySelectorAll('td')]
        .filter((_cell, index) => index !== 1 && index !== 2)
        .map((cell) => cell.textContent?.trim() ?? ''),
    );
  }

  async function nameOf(loader: HarnessLoader, username: string) {
    const field = await loader.getHarness(
      MatFormFieldHarness.with({ floatingLabelText: `Display name of ${username}` }),
    );
    return { field, input: (await field.getControl(MatInputHarness))! };
  }

  const input = (loader: HarnessLoader, name: string) =>
    loader.getHarness(MatInputHarness.with({ selector: `[formControlName="${name}"]` }));

  it('asks for the list when opened', async () => {
    const { dispatched } = await render();
    expect(dispatched).toHaveBeenCalledOnceWith(PeoplePageActions.opened());
  });

  it('lists everyone with role and status; an admin cannot demote or disable themself', async () => {
    const { fixture, loader } = await render();
    expect(rows(fixture)).toEqual([
      ['ada', 'Active', ''],
      ['casey', 'Active', 'Disable'],
      ['robin', 'Disabled', 'Enable'],
    ]);
    expect(await (await roleOf(loader, 'ada')).getValueText()).toBe('Admin');
    expect(await (await roleOf(loader, 'robin')).getValueText()).toBe('Fact-checker');
    expect(await (await roleOf(loader, 'ada')).isDisabled()).toBeTrue();
    expect(await (await roleOf(loader, 'casey')).isDisabled()).toBeFalse();
  });

  it('shows progress, not an empty table, while the list first loads', async () => {
    const { fixture, loader } = await render({ loading: true, firstLoad: true });
    expect(await loader.getAllHarnesses(MatProgressBarHarness)).toHaveSize(1);
    expect((fixture.nativeElement as HTMLElement).querySelector('table')).toBeNull();
  });

  it('says why the list cannot be shown instead of an empty table, and tries again', async () => {
    const { fixture, loader, dispatched } = await render({ error: 'The server answered 503.' });
    const root = fixture.nativeElement as HTMLElement;
    expect(root.querySelector('table')).toBeNull();
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('The server answered 503.');
    dispatched.calls.reset();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Try again' }))).click();
    expect(dispatched).toHaveBeenCalledOnceWith(PeoplePageActions.retryClicked());
  });

  it('changes a role', async () => {
    const { loader, dispatched } = await render();
    const role = await roleOf(loader, 'casey');
    await role.open();
    await role.clickOptions({ text: 'Editor' });
    expect(dispatched).toHaveBeenCalledWith(
      PeoplePageActions.accountChanged({ previous: PEOPLE[1], changes: { role: 'editor' } }),
    );
  });

  it('disables an active account once confirmed, naming the person, and enables a disabled one', async () => {
    const { fixture, store, loader, dispatched } = await render();
    const casey = { ...PEOPLE[1], displayName: 'Casey Brennan' };
    store.overrideSelector(usersFeature.selectAll, [PEOPLE[0], casey, PEOPLE[2]]);
    store.refreshState();
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    dispatched.calls.reset();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Disable' }))).click();
    expect(dispatched).not.toHaveBeenCalled();
    expect(
      root.querySelector('[role="group"][aria-label="Disable Casey Brennan"]')?.textContent,
    ).toContain('Casey Brennan will no longer be able to sign in.');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Cancel' }))).click();
    expect(dispatched).not.toHaveBeenCalled();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Disable' }))).click();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Yes, disable' }))).click();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Enable' }))).click();
    expect(dispatched.calls.allArgs()).toEqual([
      [PeoplePageActions.accountChanged({ previous: casey, changes: { disabled: true } })],
      [PeoplePageActions.accountChanged({ previous: PEOPLE[2], changes: { disabled: false } })],
    ]);
  });

  it('shows the server’s refusal of a username under the username field', async () => {
    const { fixture, store, loader } = await render();
    await (await input(loader, 'username')).setValue('ada');
    store.overrideSelector(usersFeature.selectAddRefusal, {
      field: 'username',
      message: 'The username ada is taken.',
    });
    store.refreshState();
    await fixture.whenStable();
    const username = await loader.getHarness(
      MatFormFieldHarness.with({ floatingLabelText: 'Username' }),
    );
    expect(await username.getTextErrors()).toEqual(['The username ada is taken.']);
    await (await input(loader, 'username')).setValue('ada2');
    expect(await username.getTextErrors()).toEqual([]);
  });

  it('explains an invalid new account instead of sending it', async () => {
    const { loader, dispatched } = await render();
    await (await input(loader, 'username')).setValue('Sam Smith');
    await (await input(loader, 'displayName')).setValue('Sam\tSmith');
    await (await input(loader, 'password')).setValue('too short');
    dispatched.calls.reset();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Add' }))).click();
    expect(dispatched).not.toHaveBeenCalled();
    const username = await loader.getHarness(
      MatFormFieldHarness.with({ floatingLabelText: 'Username' }),
    );
    const password = await loader.getHarness(
      MatFormFieldHarness.with({ floatingLabelText: 'Initial password' }),
    );
    const displayName = await loader.getHarness(
      MatFormFieldHarness.with({ floatingLabelText: 'Display name' }),
    );
    expect(await username.getTextErrors()).toEqual([
      '2-64 lower-case letters, digits, dot, dash or underscore',
    ]);
    expect(await displayName.getTextErrors()).toEqual([
      '1–100 characters, without line breaks or control characters',
    ]);
    expect(await password.getTextErrors()).toEqual(['At least 10 characters']);
  });

  it('shows each display name in a field of its own', async () => {
    const { loader } = await render();
    for (const person of PEOPLE) {
      expect(await (await nameOf(loader, person.username)).input.getValue()).toBe(
        person.displayName,
      );
    }
  });

  it('renames a person in place, on leaving the field or on Enter', async () => {
    const { loader, dispatched } = await render();
    const casey = (await nameOf(loader, 'casey')).input;
    await casey.setValue('  Casey Ng ');
    await casey.blur();
    expect(dispatched).toHaveBeenCalledWith(
      PeoplePageActions.accountChanged({
        previous: PEOPLE[1],
        changes: { displayName: 'Casey Ng' },
      }),
    );
    const ada = (await nameOf(loader, 'ada')).input;
    await ada.setValue('Ada Lindqvist');
    await (await ada.host()).sendKeys(TestKey.ENTER);
    expect(dispatched).toHaveBeenCalledWith(
      PeoplePageActions.accountChanged({
        previous: PEOPLE[0],
        changes: { displayName: 'Ada Lindqvist' },
      }),
    );
  });

  it('sends nothing for the same name, refuses one that cannot be, and goes back on Escape', async () => {
    const { loader, dispatched } = await render();
    dispatched.calls.reset();
    const { field, input: robin } = await nameOf(loader, 'robin');
    await robin.setValue(' robin ');
    await robin.blur();
    expect(await robin.getValue()).toBe('robin');
    await robin.setValue('   ');
    await robin.blur();
    expect(await field.getTextErrors()).toEqual([
      '1–100 characters, without line breaks or control characters',
    ]);
    await robin.setValue('Robin A');
    await (await robin.host()).sendKeys(TestKey.ESCAPE);
    expect(await robin.getValue()).toBe('robin');
    await robin.blur();
    expect(dispatched).not.toHaveBeenCalled();
  });

  it('shows a name as it now stands: saved, rolled back or changed by someone else', async () => {
    const { fixture, store, loader } = await render();
    store.overrideSelector(usersFeature.selectAll, [
      PEOPLE[0],
      { ...PEOPLE[1], displayName: 'Casey Ng' },
      PEOPLE[2],
    ]);
    store.refreshState();
    await fixture.whenStable();
    expect(await (await nameOf(loader, 'casey')).input.getValue()).toBe('Casey Ng');
  });

  it('adds a person with the chosen role, and clears the form once added', async () => {
    const { fixture, store, loader, dispatched } = await render();
    const username = await input(loader, 'username');
    const password = await input(loader, 'password');
    const role = await loader.getHarness(
      MatSelectHarness.with({ selector: '[formControlName="role"]' }),
    );
    expect(await role.getValueText()).toBe('Fact-checker');
    await username.setValue('sam');
    await (await input(loader, 'displayName')).setValue(' Sam Okafor ');
    await role.open();
    await role.clickOptions({ text: 'Editor' });
    await password.setValue('sam password 1');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Add' }))).click();
    expect(dispatched).toHaveBeenCalledWith(
      PeoplePageActions.personAdded({
        username: 'sam',
        role: 'editor',
        password: 'sam password 1',
        displayName: 'Sam Okafor',
      }),
    );
    // Until the server has the account, what was typed stays (a refusal keeps it).
    expect(await username.getValue()).toBe('sam');
    store.overrideSelector(usersFeature.selectAdded, 'sam');
    store.refreshState();
    await fixture.whenStable();
    expect(await username.getValue()).toBe('');
    expect(await (await input(loader, 'displayName')).getValue()).toBe('');
    expect(await password.getValue()).toBe('');
    expect(await role.getValueText()).toBe('Fact-checker');
    // Cleared as a form not yet sent: the emptied required fields are not shown as errors.
    expect((fixture.nativeElement as HTMLElement).querySelectorAll('mat-error').length).toBe(0);
  });

  it('lets the server name a person after the username when no name is given', async () => {
    const { loader, dispatched } = await render();
    await (await input(loader, 'username')).setValue('sam');
    await (await input(loader, 'password')).setValue('sam password 1');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Add' }))).click();
    expect(dispatched).toHaveBeenCalledWith(
      PeoplePageActions.personAdded({
        username: 'sam',
        role: 'fact_checker',
        password: 'sam password 1',
        displayName: null,
      }),
    );
  });
});

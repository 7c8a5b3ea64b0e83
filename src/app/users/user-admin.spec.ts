import { HttpErrorResponse } from '@angular/common/http';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { of, throwError } from 'rxjs';
import { Role } from '../../domain/workflow';
import { SessionUser } from '../session/session-api';
import { sessionFeature } from '../session/state/session.feature';
import { UserAdmin } from './user-admin';
import { UsersApi } from './users-api';

function person(username: string, role: Role, disabled = false): SessionUser {
  return { username, displayName: username, role, disabled, createdAt: '2026-11-01T09:00:00Z' };
}

const PEOPLE = [
  person('ada', 'admin'),
  person('casey', 'fact_checker'),
  person('robin', 'fact_checker', true),
];

describe('UserAdmin', () => {
  // Overridden selectors are module-level memoised functions: release them, or
  // the next spec file reads this file's values.
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  async function render() {
    const api = jasmine.createSpyObj<UsersApi>('UsersApi', {
      list: of(PEOPLE),
      add: of(person('sam', 'editor')),
      update: of(person('casey', 'editor')),
    });
    TestBed.configureTestingModule({
      providers: [
        { provide: UsersApi, useValue: api },
        provideMockStore({
          selectors: [{ selector: sessionFeature.selectUser, value: PEOPLE[0] }],
        }),
      ],
    });
    const fixture = TestBed.createComponent(UserAdmin);
    await fixture.whenStable();
    return {
      fixture,
      api,
      loader: TestbedHarnessEnvironment.loader(fixture),
      page: TestbedHarnessEnvironment.documentRootLoader(fixture),
    };
  }

  function roleOf(loader: HarnessLoader, username: string): Promise<MatSelectHarness> {
    return loader
      .getHarness(MatFormFieldHarness.with({ floatingLabelText: `Role of ${username}` }))
      .then((field) => field.getControl(MatSelectHarness) as Promise<MatSelectHarness>);
  }

  /** Username, status and action of each row; the role is read through its select. */
  function rows(fixture: { nativeElement: unknown }): string[][] {
    return [...(fixture.nativeElement as HTMLElement).querySelectorAll('tbody tr')].map((row) =>
      [...row.querySelectorAll('td')]
        .filter((_cell, index) => index !== 1)
        .map((cell) => cell.textContent?.trim() ?? ''),
    );
  }

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

  it('changes a role, says so, and reloads the list', async () => {
    const { loader, page, api } = await render();
    const role = await roleOf(loader, 'casey');
    await role.open();
    await role.clickOptions({ text: 'Editor' });
    expect(api.update).toHaveBeenCalledOnceWith('casey', { role: 'editor' });
    expect(await (await page.getHarness(MatSnackBarHarness)).getMessage()).toBe('Updated casey');
    expect(api.list).toHaveBeenCalledTimes(2);
  });

  it('disables an active account and enables a disabled one', async () => {
    const { loader, api } = await render();
    const [disable] = await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Disable' }));
    await disable.click();
    expect(api.update).toHaveBeenCalledWith('casey', { disabled: true });
    const [enable] = await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Enable' }));
    await enable.click();
    expect(api.update).toHaveBeenCalledWith('robin', { disabled: false });
  });

  it('explains an invalid new account instead of sending it', async () => {
    const { loader, api } = await render();
    await (
      await loader.getHarness(MatInputHarness.with({ selector: '[formControlName="username"]' }))
    ).setValue('Sam Smith');
    await (
      await loader.getHarness(MatInputHarness.with({ selector: '[formControlName="password"]' }))
    ).setValue('too short');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Add' }))).click();
    expect(api.add).not.toHaveBeenCalled();
    const username = await loader.getHarness(
      MatFormFieldHarness.with({ floatingLabelText: 'Username' }),
    );
    const password = await loader.getHarness(
      MatFormFieldHarness.with({ floatingLabelText: 'Initial password' }),
    );
    expect(await username.getTextErrors()).toEqual([
      '2-64 lower-case letters, digits, dot, dash or underscore',
    ]);
    expect(await password.getTextErrors()).toEqual(['At least 10 characters']);
  });

  it('adds a person with the chosen role, then clears the form', async () => {
    const { loader, page, api } = await render();
    const username = await loader.getHarness(
      MatInputHarness.with({ selector: '[formControlName="username"]' }),
    );
    const password = await loader.getHarness(
      MatInputHarness.with({ selector: '[formControlName="password"]' }),
    );
    const role = await loader.getHarness(
      MatSelectHarness.with({ selector: '[formControlName="role"]' }),
    );
    expect(await role.getValueText()).toBe('Fact-checker');
    await username.setValue('sam');
    await role.open();
    await role.clickOptions({ text: 'Editor' });
    await password.setValue('sam password 1');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Add' }))).click();

    expect(api.add).toHaveBeenCalledOnceWith('sam', 'editor', 'sam password 1');
    expect(await (await page.getHarness(MatSnackBarHarness)).getMessage()).toBe('Added sam');
    expect(await username.getValue()).toBe('');
    expect(await password.getValue()).toBe('');
    expect(await role.getValueText()).toBe('Fact-checker');
  });

  it('tells the admin why the server refused, and keeps what was typed', async () => {
    const { loader, page, api } = await render();
    api.add.and.returnValue(
      throwError(
        () =>
          new HttpErrorResponse({
            status: 409,
            statusText: 'Conflict',
            error: { title: 'Conflict', status: 409, detail: 'The username casey is taken.' },
          }),
      ),
    );
    const username = await loader.getHarness(
      MatInputHarness.with({ selector: '[formControlName="username"]' }),
    );
    await username.setValue('casey');
    await (
      await loader.getHarness(MatInputHarness.with({ selector: '[formControlName="password"]' }))
    ).setValue('casey password');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Add' }))).click();
    expect(await (await page.getHarness(MatSnackBarHarness)).getMessage()).toBe(
      'The username casey is taken.',
    );
    expect(await username.getValue()).toBe('casey');
  });
});

import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Setup } from './setup';
import { SessionPageActions } from './state/session.actions';
import { initialSessionState, SessionState } from './state/session.feature';

describe('Setup', () => {
  async function render(token: string, session: Partial<SessionState> = {}) {
    TestBed.configureTestingModule({
      providers: [
        provideMockStore({
          initialState: { session: { ...initialSessionState, status: 'signed_out', ...session } },
        }),
      ],
    });
    const store = TestBed.inject(MockStore);
    const dispatched = spyOn(store, 'dispatch');
    const fixture = TestBed.createComponent(Setup);
    fixture.componentRef.setInput('token', token);
    await fixture.whenStable();
    return { fixture, store, dispatched, loader: TestbedHarnessEnvironment.loader(fixture) };
  }

  it('without the one-time link, explains where to get it and offers no form', async () => {
    const { fixture, loader } = await render('');
    const host = fixture.nativeElement as HTMLElement;
    expect(host.querySelector('[role="alert"]')?.textContent).toContain(
      'needs the one-time link the server printed',
    );
    expect(await loader.getAllHarnesses(MatInputHarness)).toEqual([]);
    expect(await loader.getAllHarnesses(MatButtonHarness)).toEqual([]);
  });

  it('refuses a malformed username and a short password, saying why', async () => {
    const { loader, dispatched } = await render('tok-123');
    await (
      await loader.getHarness(MatInputHarness.with({ selector: '[autocomplete="username"]' }))
    ).setValue('Casey Doe');
    await (
      await loader.getHarness(MatInputHarness.with({ selector: '[type="password"]' }))
    ).setValue('short');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Create admin' }))).click();

    expect(dispatched).not.toHaveBeenCalled();
    const [username, , password] = await loader.getAllHarnesses(MatFormFieldHarness);
    expect(await username.getTextErrors()).toEqual([
      '2-64 lower-case letters, digits, dot, dash or underscore',
    ]);
    expect(await password.getTextErrors()).toEqual(['At least 10 characters']);
  });

  it('creates the first admin with the token from the link and the typed values', async () => {
    const { loader, dispatched } = await render('tok-123');
    await (
      await loader.getHarness(MatInputHarness.with({ selector: '[autocomplete="username"]' }))
    ).setValue('ada');
    await (
      await loader.getHarness(MatInputHarness.with({ selector: '[type="password"]' }))
    ).setValue('ten chars!');
    const [username, name, password] = await loader.getAllHarnesses(MatFormFieldHarness);
    expect(await name.getLabel()).toBe('Your name (as colleagues see it)');
    expect(await username.getTextErrors()).toEqual([]);
    expect(await password.getTextErrors()).toEqual([]);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Create admin' }))).click();
    expect(dispatched).toHaveBeenCalledOnceWith(
      SessionPageActions.setupSubmitted({
        token: 'tok-123',
        username: 'ada',
        password: 'ten chars!',
        displayName: null,
      }),
    );
  });

  it('takes the first admin’s name, trimmed, when given, and refuses one that cannot be', async () => {
    const { loader, dispatched } = await render('tok-123');
    const input = (selector: string) => loader.getHarness(MatInputHarness.with({ selector }));
    await (await input('[autocomplete="username"]')).setValue('ada');
    await (await input('[type="password"]')).setValue('ten chars!');
    const name = await input('[autocomplete="name"]');
    await name.setValue('x'.repeat(101));
    const create = await loader.getHarness(MatButtonHarness.with({ text: 'Create admin' }));
    await create.click();
    expect(dispatched).not.toHaveBeenCalled();
    const field = await loader.getHarness(
      MatFormFieldHarness.with({ floatingLabelText: 'Your name (as colleagues see it)' }),
    );
    expect(await field.getTextErrors()).toEqual([
      '1–100 characters, without line breaks or control characters',
    ]);
    await name.setValue('  Ada Lindqvist ');
    await create.click();
    expect(dispatched).toHaveBeenCalledOnceWith(
      SessionPageActions.setupSubmitted({
        token: 'tok-123',
        username: 'ada',
        password: 'ten chars!',
        displayName: 'Ada Lindqvist',
      }),
    );
  });

  it('shows a refused setup and disables the button while it is sent', async () => {
    const { fixture, store, loader } = await render('tok-123', {
      error: 'This setup link has already been used.',
    });
    const host = fixture.nativeElement as HTMLElement;
    expect(host.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'This setup link has already been used.',
    );
    const create = await loader.getHarness(MatButtonHarness.with({ text: 'Create admin' }));
    expect(await create.isDisabled()).toBeFalse();
    store.setState({ session: { ...initialSessionState, status: 'signing_in' } });
    await fixture.whenStable();
    expect(await create.isDisabled()).toBeTrue();
  });
});

import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { SessionPageActions } from './state/session.actions';
import { initialSessionState, SessionState } from './state/session.feature';
import { SignIn } from './sign-in';

describe('SignIn', () => {
  async function render(session: Partial<SessionState> = {}, returnUrl?: string) {
    TestBed.configureTestingModule({
      providers: [
        provideMockStore({
          initialState: { session: { ...initialSessionState, status: 'signed_out', ...session } },
        }),
      ],
    });
    const store = TestBed.inject(MockStore);
    const dispatched = spyOn(store, 'dispatch');
    const fixture = TestBed.createComponent(SignIn);
    if (returnUrl !== undefined) {
      fixture.componentRef.setInput('returnUrl', returnUrl);
    }
    await fixture.whenStable();
    const loader = TestbedHarnessEnvironment.loader(fixture);
    return {
      fixture,
      store,
      dispatched,
      username: await loader.getHarness(
        MatInputHarness.with({ selector: '[autocomplete="username"]' }),
      ),
      password: await loader.getHarness(MatInputHarness.with({ selector: '[type="password"]' })),
      submit: await loader.getHarness(MatButtonHarness.with({ text: 'Sign in' })),
      fields: await loader.getAllHarnesses(MatFormFieldHarness),
    };
  }

  it('signs in with the typed credentials, the username as the server stores it', async () => {
    const { username, password, submit, dispatched } = await render({}, '/articles/a1?claim=c7');
    await username.setValue('  Casey ');
    await password.setValue(' pass with spaces ');
    await submit.click();
    expect(dispatched).toHaveBeenCalledOnceWith(
      SessionPageActions.signInSubmitted({
        username: 'casey',
        // A password is taken exactly as typed.
        password: ' pass with spaces ',
        returnUrl: '/articles/a1?claim=c7',
      }),
    );
  });

  it('returns only to a path in the app, never to another site', async () => {
    const { username, password, submit, dispatched } = await render(
      {},
      'https://evil.example/phish',
    );
    await username.setValue('casey');
    await password.setValue('secret');
    await submit.click();
    expect(dispatched).toHaveBeenCalledOnceWith(
      SessionPageActions.signInSubmitted({ username: 'casey', password: 'secret', returnUrl: '/' }),
    );
  });

  it('says what is missing instead of sending an empty form', async () => {
    const { submit, fields, dispatched } = await render();
    await submit.click();
    expect(dispatched).not.toHaveBeenCalled();
    expect(await fields[0].getTextErrors()).toEqual(['Enter your username']);
    expect(await fields[1].getTextErrors()).toEqual(['Enter your password']);
  });

  it('shows why the server refused, and blocks a second submit while signing in', async () => {
    const { fixture, store, submit } = await render({ error: 'Wrong username or password.' });
    const host = fixture.nativeElement as HTMLElement;
    expect(host.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'Wrong username or password.',
    );
    expect(await submit.isDisabled()).toBeFalse();

    store.setState({ session: { ...initialSessionState, status: 'signing_in' } });
    await fixture.whenStable();
    expect(await submit.isDisabled()).toBeTrue();
    expect(host.querySelector('[role="alert"]')).toBeNull();
  });
});

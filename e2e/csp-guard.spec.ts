import { test } from './fixtures/test';

// The guard the other tests rely on: a screen that breaks the Content-Security-Policy
// fails its test, on the `page` fixture as on any context a test opens.
test('a Content-Security-Policy violation fails the test that saw it', async ({ page }) => {
  test.fail(true, 'the inline script below breaks the policy, so this test must fail');
  await page.goto('/sign-in');
  const reported = page.waitForEvent('console', (message) =>
    /Content[- ]Security[- ]Policy/i.test(message.text()),
  );
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.name = "inline"';
    document.head.append(script);
  });
  await reported;
});

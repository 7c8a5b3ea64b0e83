/** Lint refuses focused and skipped tests, so CI never runs less than it says. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function messagesFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('lint rules for tests', () => {
  const focused = [
    "fdescribe('a', () => undefined);",
    "fit('a', () => undefined);",
    "xdescribe('a', () => undefined);",
    "xit('a', () => undefined);",
    "it.only('a', () => undefined);",
    "describe.skip('a', () => undefined);",
    "test.only('a', async () => undefined);",
    "test.describe.only('a', () => undefined);",
    "test.describe.skip('a', () => undefined);",
  ];

  for (const code of focused) {
    it(`refuses ${code}`, async () => {
      assert.equal((await messagesFor(code, 'e2e/rule-check.spec.ts')).length, 1);
    });
  }

  it('accepts ordinary tests', async () => {
    assert.deepEqual(
      await messagesFor(
        "describe('a', () => { it('b', () => undefined); });",
        'e2e/rule-check.spec.ts',
      ),
      [],
    );
  });
});

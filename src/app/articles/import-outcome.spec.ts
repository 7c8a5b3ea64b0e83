import { ArticleImport } from './articles-api';
import { article } from './state/articles.feature.spec';
import { describeImport } from './import-outcome';

describe('describeImport', () => {
  const outcome = (overrides: Partial<ArticleImport> = {}): ArticleImport => ({
    mode: 'import',
    copyOf: null,
    claimsReset: 0,
    claimsRenamed: 0,
    suggestions: 0,
    ...overrides,
  });

  it('says a copy was stored beside its original and why its claims start again', () => {
    expect(
      describeImport(
        article({ id: 'pnk-copy' }),
        outcome({ copyOf: 'pnk', claimsReset: 12, claimsRenamed: 14 }),
      ),
    ).toBe(
      'Imported as a copy of pnk, under the id pnk-copy with new claim ids. ' +
        "12 claims start again as New: only an admin's import, not as a copy, keeps stages and approvals.",
    );
  });

  it("says an editor's import starts claims again, and which ids were taken", () => {
    expect(
      describeImport(
        article({ id: 'pnk' }),
        outcome({ claimsReset: 1, claimsRenamed: 2, suggestions: 3 }),
      ),
    ).toBe(
      'Imported pnk. ' +
        "1 claim starts again as New: only an admin's import keeps stages and approvals. " +
        '2 claims were given new ids: theirs were taken. It has 3 claim suggestions.',
    );
    expect(describeImport(article({ id: 'pnk' }), outcome({ claimsRenamed: 1 }))).toBe(
      'Imported pnk. 1 claim was given a new id: its own was taken.',
    );
  });

  it("says an admin's import restored the file as it is", () => {
    expect(
      describeImport(article({ id: 'pnk' }), outcome({ mode: 'restore', suggestions: 1 })),
    ).toBe(
      'Restored pnk from the file: stages, approvals and history as the file gives them. ' +
        'It has 1 claim suggestion.',
    );
  });
});

import { ArticleSummary } from '../../domain/claim';
import { ArticleImport } from './articles-api';

const claims = (count: number) => (count === 1 ? '1 claim' : `${count} claims`);

/**
 * What the import of a file did, in words: stored as a copy or under its own
 * id, restored as the file gives it or started again as New, and what else
 * changed on the way.
 */
export function describeImport(article: ArticleSummary, imported: ArticleImport): string {
  const sentences: string[] = [];
  if (imported.copyOf !== null) {
    sentences.push(
      `Imported as a copy of ${imported.copyOf}, under the id ${article.id} with new claim ids.`,
    );
  } else if (imported.mode === 'restore') {
    sentences.push(
      `Restored ${article.id} from the file: stages, approvals and history as the file gives them.`,
    );
  } else {
    sentences.push(`Imported ${article.id}.`);
  }
  if (imported.claimsReset > 0) {
    const starts = imported.claimsReset === 1 ? 'starts' : 'start';
    const who =
      imported.copyOf !== null
        ? "only an admin's import, not as a copy, keeps stages and approvals"
        : "only an admin's import keeps stages and approvals";
    sentences.push(`${claims(imported.claimsReset)} ${starts} again as New: ${who}.`);
  }
  if (imported.copyOf === null && imported.claimsRenamed > 0) {
    const got =
      imported.claimsRenamed === 1
        ? 'was given a new id: its own was'
        : 'were given new ids: theirs were';
    sentences.push(`${claims(imported.claimsRenamed)} ${got} taken.`);
  }
  if (imported.suggestions > 0) {
    sentences.push(
      imported.suggestions === 1
        ? 'It has 1 claim suggestion.'
        : `It has ${imported.suggestions} claim suggestions.`,
    );
  }
  return sentences.join(' ');
}

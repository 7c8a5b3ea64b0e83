/**
 * The article file format of `claims/` (schema: `claims/article.schema.json`):
 * an article with its claims. The server imports it; the data tests check it.
 */
import { ClaimKind, Heading, SourceType, Stance } from './claim';
import { Verdict } from './verdicts';
import { Stage } from './workflow';

export interface ArticleFileEvidence {
  readonly id: string;
  readonly url: string;
  readonly title: string;
  readonly publisher: string;
  readonly stance: Stance;
  readonly sourceType: SourceType;
  readonly quote?: string | null;
  readonly archivedUrl?: string | null;
  readonly accessedAt?: string | null;
}

export interface ArticleFileNote {
  readonly id: string;
  readonly author: string;
  readonly text: string;
  readonly createdAt: string;
}

export interface ArticleFileClaim {
  readonly id: string;
  readonly quote: string;
  readonly start: number;
  readonly end: number;
  readonly statement: string;
  readonly kind: ClaimKind;
  readonly stage: Stage;
  readonly verdict: Verdict | null;
  readonly rationale: string | null;
  readonly assignee: string | null;
  readonly evidence: readonly ArticleFileEvidence[];
  readonly notes: readonly ArticleFileNote[];
}

export interface ArticleFile {
  readonly $schema?: string;
  readonly formatVersion: 1;
  readonly article: {
    readonly id: string;
    readonly headline: string;
    readonly outlet: string | null;
    readonly url: string | null;
    readonly publishedAt: string | null;
    readonly language: string;
    readonly text: string;
    readonly headings: readonly Heading[];
  };
  readonly claims: readonly ArticleFileClaim[];
}

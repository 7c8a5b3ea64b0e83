/**
 * Migrations from 0009 on, one file each, so that features developed side by side
 * each add their own file. Append, never edit, a migration that has shipped.
 */
import type { Migration } from 'kysely';
import { migration as notifications } from './0009_notifications';
import { migration as webhooks } from './0010_webhooks';
import { migration as search } from './0011_search';
import { migration as claimMemory } from './0012_claim_memory';
import { migration as articleClaimCounts } from './0013_article_claim_counts';
import { migration as searchUnaccentPlpgsql } from './0014_search_unaccent_plpgsql';
import { migration as searchParity } from './0015_search_parity';
import { migration as searchLatinAccents } from './0016_search_latin_accents';

export const laterMigrations: Record<string, Migration> = {
  '0009_notifications': notifications,
  '0010_webhooks': webhooks,
  '0011_search': search,
  '0012_claim_memory': claimMemory,
  '0013_article_claim_counts': articleClaimCounts,
  '0014_search_unaccent_plpgsql': searchUnaccentPlpgsql,
  '0015_search_parity': searchParity,
  '0016_search_latin_accents': searchLatinAccents,
};

/** Migration 0010_webhooks: placeholder until its feature lands (filled in by that feature's change). */
import type { Kysely, Migration } from 'kysely';

export const migration: Migration = {
  async up(_db: Kysely<unknown>) {
    // Intentionally empty for now.
  },
};

/**
 * JSON Schemas of the suggestion routes (routes/suggestions.ts): a stored
 * suggestion, a scored sentence of `?minScore=`, the routes' parameters, and
 * the claimant fields a new claim's body shares with `POST /api/articles/:id/claims`.
 */
import { CLAIM_KINDS, CLAIMANT_MAX_LENGTH, CLAIMANT_TYPES } from '../../src/domain/claim';
import { SUGGESTION_STATUSES } from '../../src/domain/suggestion';
import { idParam, nullable, plainText } from './schemas';

/**
 * Who made a claim, in a new claim's body (here and `POST /api/articles/:id/claims`):
 * blank or null for nobody named, as `PATCH /api/claims/:id` takes it.
 */
export const claimantProperties = {
  claimant: nullable(plainText(CLAIMANT_MAX_LENGTH, false)),
  claimantType: { type: 'string', enum: [...CLAIMANT_TYPES] },
};

const suggestionProperties = {
  id: { type: 'string' },
  articleId: { type: 'string' },
  start: { type: 'integer' },
  end: { type: 'integer' },
  quote: { type: 'string' },
  score: { type: 'number', minimum: 0, maximum: 1 },
  reasons: { type: 'array', items: { type: 'string' } },
  suggestedKind: { type: 'string', enum: [...CLAIM_KINDS] },
  claimant: { type: ['string', 'null'] },
  claimantType: { type: 'string', enum: [...CLAIMANT_TYPES] },
  status: { type: 'string', enum: [...SUGGESTION_STATUSES] },
  claimId: { type: ['string', 'null'] },
  decidedBy: { type: ['string', 'null'] },
  decidedAt: { type: ['string', 'null'] },
  createdAt: { type: 'string' },
};

export const suggestionSchema = {
  type: 'object',
  properties: suggestionProperties,
  required: Object.keys(suggestionProperties),
  additionalProperties: false,
};

const scoredSentenceProperties = {
  id: { type: ['string', 'null'] },
  start: { type: 'integer' },
  end: { type: 'integer' },
  quote: { type: 'string' },
  score: { type: 'number', minimum: 0, maximum: 1 },
  suggested: { type: 'boolean' },
  reasons: { type: 'array', items: { type: 'string' } },
  suggestedKind: { type: 'string', enum: [...CLAIM_KINDS] },
  claimant: { type: ['string', 'null'] },
  claimantType: { type: 'string', enum: [...CLAIMANT_TYPES] },
  status: { type: ['string', 'null'], enum: [...SUGGESTION_STATUSES, null] },
};

export const scoredSentenceSchema = {
  type: 'object',
  properties: scoredSentenceProperties,
  required: Object.keys(scoredSentenceProperties),
  additionalProperties: false,
};

export interface ArticleParams {
  id: string;
}
export interface SuggestionParams extends ArticleParams {
  suggestionId: string;
}

export const suggestionParams = {
  type: 'object',
  properties: { id: idParam, suggestionId: idParam },
  required: ['id', 'suggestionId'],
  additionalProperties: false,
};

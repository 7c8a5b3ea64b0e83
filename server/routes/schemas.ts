/**
 * JSON Schemas shared by the routes: requests are validated, responses serialised, OpenAPI
 * generated. The problem document every refusal answers with lives here; the request rules
 * and the response shapes in their own files, re-exported so that a route imports from one
 * place.
 */
export * from './request-schemas';
export * from './response-schemas';

export const problemSchema = {
  $id: 'Problem',
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    field: { type: 'string' },
    code: { type: 'string' },
  },
  required: ['title', 'status'],
  // 412 carries `current`, the claim as it now stands.
  additionalProperties: true,
} as const;

export const problemRef = { $ref: 'Problem#' };
/** Error responses every authenticated route can give. */
export const errorResponses = {
  400: problemRef,
  401: problemRef,
  403: problemRef,
  404: problemRef,
};

/** Placeholder: filled in by the issue 5 work; registered in app.ts. */
import type { FastifyPluginAsync } from 'fastify';

const suggestions: FastifyPluginAsync = async () => {};

export default suggestions;

/** Placeholder: filled in by the issue 5 work; registered in app.ts. */
import type { FastifyPluginAsync } from 'fastify';

const reports: FastifyPluginAsync = async () => {};

export default reports;

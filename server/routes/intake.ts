/** Placeholder: filled in by the issue 5 work; registered in app.ts. */
import type { FastifyPluginAsync } from 'fastify';

const intake: FastifyPluginAsync = async () => {};

export default intake;

import fastify5, { type FastifyInstance } from "fastify";
import fastify4 from "fastify4";

// Fastify 4 is installed side by side as `fastify4@npm:fastify@4`; the part of its API the tests use matches Fastify 5's.
export const FASTIFY_MAJORS = [
  { name: "Fastify 5", fastify: fastify5 },
  { name: "Fastify 4", fastify: fastify4 as unknown as typeof fastify5 },
];

/** Listens on 127.0.0.1:0; resolves to the app's origin. */
export const serve = (app: FastifyInstance): Promise<string> => app.listen({ port: 0, host: "127.0.0.1" });

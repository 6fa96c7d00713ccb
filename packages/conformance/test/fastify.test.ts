import { runConformance } from "./support/conformance";
import { fastifyFactories } from "./support/fastify-apps";

runConformance(fastifyFactories);

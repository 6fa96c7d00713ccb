import { runConformance } from "./support/conformance";
import { koaFactories } from "./support/koa-apps";

runConformance(koaFactories);

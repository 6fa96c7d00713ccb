import { runConformance } from "./support/conformance";
import { fetchFactories } from "./support/fetch-apps";

runConformance(fetchFactories);

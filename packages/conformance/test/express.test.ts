import { runConformance } from "./support/conformance";
import { expressFactories } from "./support/express-apps";

runConformance(expressFactories);

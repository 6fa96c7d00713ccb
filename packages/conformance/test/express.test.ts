import { describe } from "vitest";
import { auditBehaviours } from "./behaviours/audit";
import { authorizationBehaviours } from "./behaviours/authorization";
import { clientBodyBehaviours } from "./behaviours/client-body";
import { originBehaviours } from "./behaviours/origins";
import { rateLimitBehaviours } from "./behaviours/rate-limit";
import { upstreamBehaviours } from "./behaviours/upstream";
import { expressFactories } from "./support/apps";
import { useTokenRouteSuite } from "./support/harness";

// Every behaviour, over real HTTP, against every Express major and mounting; the emulator plays Decart.
for (const factory of expressFactories) {
  describe(factory.name, () => {
    const suite = useTokenRouteSuite(factory);
    authorizationBehaviours(factory, suite);
    clientBodyBehaviours(factory, suite);
    originBehaviours(factory, suite);
    rateLimitBehaviours(factory, suite);
    upstreamBehaviours(factory, suite);
    auditBehaviours(factory, suite);
  });
}

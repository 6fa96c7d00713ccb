import { describe } from "vitest";
import { auditBehaviours } from "../behaviours/audit";
import { authorizationBehaviours } from "../behaviours/authorization";
import { bodyDeadlineBehaviours } from "../behaviours/body-deadline";
import { clientAddressBehaviours } from "../behaviours/client-address";
import { clientBodyBehaviours } from "../behaviours/client-body";
import { crossSiteBehaviours } from "../behaviours/cross-site";
import { failedSignInBehaviours } from "../behaviours/failed-sign-ins";
import { originBehaviours } from "../behaviours/origins";
import { rateLimitBehaviours } from "../behaviours/rate-limit";
import { sessionBehaviours } from "../behaviours/sessions";
import { upstreamBehaviours } from "../behaviours/upstream";
import { type AppFactory, factoryTitle } from "./apps";
import { useTokenRouteSuite } from "./harness";

/** Every behaviour of the token route, over real HTTP with the emulator as Decart, against each app. */
export function runConformance(factories: readonly AppFactory[]): void {
  for (const factory of factories) {
    describe(factoryTitle(factory), () => {
      const suite = useTokenRouteSuite(factory);
      authorizationBehaviours(factory, suite);
      clientBodyBehaviours(factory, suite);
      originBehaviours(factory, suite);
      rateLimitBehaviours(factory, suite);
      upstreamBehaviours(factory, suite);
      sessionBehaviours(factory, suite);
      auditBehaviours(factory, suite);
      crossSiteBehaviours(factory, suite);
      clientAddressBehaviours(factory, suite);
      failedSignInBehaviours(factory, suite);
      bodyDeadlineBehaviours(factory, suite);
    });
  }
}

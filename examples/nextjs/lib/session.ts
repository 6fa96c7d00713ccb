import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { type DemoUser, demoUser, SESSION_COOKIE } from "@examples/shared/demo";

// Signs the demo login cookie. A random secret per server start signs everyone out on restart. Kept on globalThis:
// Next bundles server actions apart from route handlers, and each bundle would otherwise draw its own secret.
const shared = globalThis as { demoSessionSecret?: string };
shared.demoSessionSecret ??= process.env.SESSION_SECRET || randomUUID();
const secret = shared.demoSessionSecret;

function sign(value: string): string {
  return createHmac("sha256", secret).update(value).digest("base64url");
}

/** The cookie value for a signed-in user: the name and its signature. */
export function sessionCookieValue(user: DemoUser): string {
  const name = encodeURIComponent(user.name);
  return `${name}.${sign(name)}`;
}

/** Your app's notion of "who is this": here, the signed cookie `/login` set, read from any request's headers. */
export function currentUser(cookieHeader: string | null): DemoUser | undefined {
  const raw = cookieHeader
    ?.split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${SESSION_COOKIE}=`))
    ?.slice(SESSION_COOKIE.length + 1);
  const [name, signature] = raw?.split(".") ?? [];
  if (!name || !signature) return undefined;
  const expected = Buffer.from(sign(name));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  return demoUser(decodeURIComponent(name));
}

export const SESSION_COOKIE_NAME = SESSION_COOKIE;

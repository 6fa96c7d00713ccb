import { SESSION_COOKIE } from "@examples/shared/demo";

export function POST(): Response {
  return new Response(null, {
    status: 204,
    headers: { "Set-Cookie": `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` },
  });
}

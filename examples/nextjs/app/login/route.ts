import { demoUser, SESSION_COOKIE } from "@examples/shared/demo";
import { sessionCookieValue } from "../../lib/session";

export async function POST(request: Request): Promise<Response> {
  const body = (await request.json().catch(() => ({}))) as { name?: unknown };
  const user = demoUser(body.name);
  if (!user) {
    return Response.json(
      { error: { code: "invalid_request", message: "Type a name to sign in.", retryable: false } },
      { status: 400 },
    );
  }
  const cookie = `${SESSION_COOKIE}=${sessionCookieValue(user)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=86400`;
  return Response.json({ user }, { headers: { "Set-Cookie": cookie } });
}

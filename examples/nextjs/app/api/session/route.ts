import { pageConfig } from "@examples/shared/demo";
import { realtimeBackend } from "../../../lib/backend";
import { currentUser } from "../../../lib/session";

export const dynamic = "force-dynamic";

export function GET(request: Request): Response {
  return Response.json(pageConfig(currentUser(request.headers.get("cookie")), realtimeBackend()), {
    headers: { "Cache-Control": "no-store" },
  });
}

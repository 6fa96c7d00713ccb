import { handle, type RuntimeEnv } from "./routes";

export default { fetch: (request: Request, env: RuntimeEnv) => handle(request, env) };

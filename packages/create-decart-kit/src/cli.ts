#!/usr/bin/env node
import { main } from "./main";
import { DEFAULT_TEMPLATES_DIR } from "./manifest";

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  templatesDir: DEFAULT_TEMPLATES_DIR,
  userAgent: process.env.npm_config_user_agent,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});

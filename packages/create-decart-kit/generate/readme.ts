// The app's README. `{{name}}`, `{{pm}}`, `{{run}}` and `{{test}}` are filled in when the app is created (src/scaffold.ts).

/** What the top-level folders of the examples hold; an entry the app does not have is not listed. */
const WHAT_IS_WHERE: Record<string, string> = {
  server: "the server: the token route and its policy (`app.ts`), the page through Vite or from `dist` (`server.ts`)",
  client: "the page's entry (`index.html`, `main.tsx`); the page itself is in `shared/ui`",
  app: "the App Router: the token route (`api/realtime-token/route.ts`), `/login`, `/logout`, `/api/session`, the page",
  lib: "server helpers: the demo login cookie, and where sessions run (Decart or the emulator)",
  "instrumentation.ts": "starts the local emulator in the server's process when `DECART_API_KEY` is unset",
  shared:
    "the page (`shared/ui`: `useDecartRealtime`, `<RealtimeVideo>`, a message for every error) and the server wiring",
  test: "`app.test.mjs`, the browser test `{{pm}} test` runs",
};

/** The example README's opening paragraph(s): what the app is, before pictures and repository-only sections. */
function introOf(exampleReadme: string): string {
  const lines = exampleReadme.split("\n");
  const start = lines.findIndex((line) => line.startsWith("# ")) + 1;
  const end = lines.findIndex((line, index) => index >= start && /^(##|<img|!\[)/.test(line));
  return lines
    .slice(start, end === -1 ? undefined : end)
    .join("\n")
    .trim()
    .replace(/\[([^\]]+)\]\(\.\.\/[^)]*\)/g, "$1"); // links to sibling examples lead nowhere in an app
}

export function appReadme(options: { name: string; title: string; exampleReadme: string; files: string[] }): string {
  const topLevel = new Set(options.files.map((file) => file.split(/[\\/]/)[0]!));
  const where = Object.entries(WHAT_IS_WHERE)
    .filter(([entry]) => topLevel.has(entry))
    .map(([entry, what]) => `| \`${entry}\` | ${what} |`);
  const envFile = topLevel.has("next.config.ts") ? ".env.local" : ".env";
  return `# {{name}}

\`\`\`sh
{{run}}   # run it: http://127.0.0.1:3000, on the local emulator until DECART_API_KEY is set
{{test}}   # test it: builds, starts the app, checks in Chromium that both videos play
\`\`\`

${introOf(options.exampleReadme)}

Created by \`create-decart-kit\` from decart-kit's \`${options.name}\` example (${options.title}).

## Configuration

Copy \`.env.example\` to \`${envFile}\`; every variable is explained there. Without \`DECART_API_KEY\` the app starts
\`@decart-kit/emulator\` in its own process: the token API, the realtime signaling and a media server that sends your
camera back unchanged, so everything works offline. The emulator's WebRTC runs on 127.0.0.1, which Chrome allows
when started with \`--allow-loopback-in-peer-connection\`. With a key, sessions run on Decart and no flag is needed.

\`{{pm}} run dev\` reloads as you edit; \`{{pm}} run build && {{pm}} start\` runs the production build.

## What is where

| path | what |
| ---- | ---- |
${where.join("\n")}

## The test

\`{{pm}} test\` builds the app, starts it on a free port as \`{{pm}} start\` does (always on the emulator, whatever
\`${envFile}\` says), opens the page in headless Chrome with a fake camera, signs in, starts a session and waits
until both videos play. It uses \`playwright-core\` with the browser you have: \`CHROMIUM_PATH\` if set, else
\`/usr/bin/chromium\`, \`/usr/bin/chromium-browser\` or \`/usr/bin/google-chrome\`, else an installed Google Chrome.
`;
}

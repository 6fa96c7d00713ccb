import { parseArgs } from "node:util";

export const USAGE = `Usage: npm create decart-kit@latest [folder] -- [options]

Creates a standalone app with Decart realtime video: a token route on your server, a React page with the camera
and the result side by side, and a browser test. It runs offline on the local emulator until you set a key.

Options:
  -t, --template <name>   the app to create (asked when not given)
      --pm <name>         npm, pnpm, yarn or bun: what the README and scripts use (default: the one running this)
  -y, --yes               ask nothing: the first template and the detected package manager unless given
  -f, --force             write into a folder that is not empty (files with the same names are replaced)
  -h, --help              this text
`;

export interface CommandLine {
  folder: string | undefined;
  template: string | undefined;
  pm: string | undefined;
  yes: boolean;
  force: boolean;
  help: boolean;
}

/** Reads the arguments; throws with a message for the user when they do not fit. */
export function parseCommandLine(argv: string[]): CommandLine {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      template: { type: "string", short: "t" },
      pm: { type: "string" },
      yes: { type: "boolean", short: "y", default: false },
      force: { type: "boolean", short: "f", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (positionals.length > 1) throw new Error(`One folder, please: got ${positionals.join(", ")}.`);
  return {
    folder: positionals[0],
    template: values.template,
    pm: values.pm,
    yes: values.yes,
    force: values.force,
    help: values.help,
  };
}

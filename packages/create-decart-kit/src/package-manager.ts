export const PACKAGE_MANAGERS = ["npm", "pnpm", "yarn", "bun"] as const;
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

export function isPackageManager(name: string): name is PackageManager {
  return (PACKAGE_MANAGERS as readonly string[]).includes(name);
}

/**
 * The package manager that ran us: `npm create`, `pnpm create`, `yarn create` and `bun create` each announce
 * themselves in `npm_config_user_agent` ("pnpm/10.1.0 npm/? node/v20…").
 */
export function detectPackageManager(userAgent: string | undefined): PackageManager {
  const name = userAgent?.split("/")[0] ?? "";
  return isPackageManager(name) ? name : "npm";
}

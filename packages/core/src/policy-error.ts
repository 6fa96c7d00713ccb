import type { z } from "zod";

/** One problem found in a policy: which option, what it should be, what it was. */
export interface PolicyIssue {
  /** Path of the option, e.g. `allowedOrigins[1]` or `rateLimit.points`. */
  option: string;
  expected: string;
  received: string;
}

/** Thrown when a token route is created with an invalid policy. Fix the named option. */
export class TokenPolicyError extends Error {
  override readonly name = "TokenPolicyError";
  /** Stable code for programmatic checks. */
  readonly code = "invalid_policy";
  /** The first problem's option path. */
  readonly option: string;
  readonly issues: readonly PolicyIssue[];

  constructor(issues: readonly PolicyIssue[]) {
    const lines = issues.map((issue) => `  - ${issue.option}: expected ${issue.expected}, got ${issue.received}`);
    super(`Invalid decart-kit token policy:\n${lines.join("\n")}`);
    this.issues = issues;
    this.option = issues[0]?.option ?? "";
  }
}

// Options whose value must never be echoed, even in a configuration error.
const SECRET_OPTIONS = new Set(["apiKey"]);

/** A short, secret-free description of what was passed. */
export function describeValue(value: unknown, secret = false): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "function") return "a function";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (secret) return `a ${typeof value}`;
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === "object") return `an object with keys [${Object.keys(value).slice(0, 8).join(", ")}]`;
  return String(value);
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => (typeof part === "number" ? `[${part}]` : `${index === 0 ? "" : "."}${String(part)}`))
    .join("");
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const part of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

/**
 * Turns zod issues into option/expected/received triples. A "value or function" union reports its value branch
 * (the last one): a user who passed a wrong value wants to hear what the value should be.
 */
export function policyIssuesFrom(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  prefix: readonly PropertyKey[] = [],
): PolicyIssue[] {
  return issues.flatMap((issue): PolicyIssue[] => {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      return policyIssuesFrom(issue.errors[issue.errors.length - 1] ?? [], input, path);
    }
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        option: formatPath([...path, key]),
        expected: "a known option (check the spelling)",
        received: describeValue(valueAt(input, [...path, key]), true),
      }));
    }
    const secret = SECRET_OPTIONS.has(String(path[0]));
    return [
      { option: formatPath(path), expected: issue.message, received: describeValue(valueAt(input, path), secret) },
    ];
  });
}

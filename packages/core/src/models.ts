/**
 * Model names `@decartai/sdk` 0.1.20 knows (realtime, video and image), for type checking only: core never loads
 * the SDK. Update with the SDK.
 */
export type KnownModelName =
  | "lucy-2.1"
  | "lucy-2.5"
  | "lucy-vton-2"
  | "lucy-vton-3"
  | "lucy-vton-3.5"
  | "lucy-restyle-2"
  | "lucy-latest"
  | "lucy-vton-latest"
  | "lucy-restyle-latest"
  | "lucy-2.1-vton-2"
  | "lucy-clip"
  | "lucy-clip-latest"
  | "lucy-pro-v2v"
  | "lucy-restyle-v2v"
  | "lucy-image-2"
  | "lucy-image-latest"
  | "lucy-pro-i2i";

/**
 * A model name as `allowedModels` accepts it: a known name, or a custom one outside Decart's `lucy` family. A
 * `lucy…` name the SDK does not know is a type error (a typo such as `"lucy-2.l"`); for a newer Decart model than
 * this list, widen it: `"lucy-3" as string`.
 */
export type CheckedModelName<Name extends string> = Name extends KnownModelName
  ? Name
  : Name extends `lucy${string}`
    ? KnownModelName
    : Name;

/** Any model name, with the known ones offered by editors' completion. */
export type ModelName = KnownModelName | (string & {});

/** The element type of `allowedModels`: `Name` itself when it passes `CheckedModelName`, otherwise an error. */
export type AllowedModelName<Name extends string> = Name & CheckedModelName<Name>;

/**
 * The envelope every config document shares (OpenSLO v1 and xops.dev/v1 alike).
 * `spec` is kind-specific; the schemas in `config/openslo/` and `config/xops/` type it.
 */
export interface ConfigObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ConfigMetadata;
  readonly spec: Readonly<Record<string, unknown>>;
}

export interface ConfigMetadata {
  readonly name: string;
  readonly displayName?: string;
  readonly labels?: Readonly<Record<string, string | readonly string[]>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** One problem found in a config document; `path` is the field path inside that document. */
export interface ConfigProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Where a problem is in the user's files, as the CLI prints it: `file:line:column  field.path  message`. */
export interface LocatedConfigProblem extends ConfigProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

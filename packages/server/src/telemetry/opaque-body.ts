/**
 * A binary request body, kept whole until the handler decodes it. The bytes sit in a private
 * field, so the JSON input guard (`installInputGuard`), which walks every own property of a
 * parsed body, has nothing to walk: the handler checks the decoded text itself.
 */
export class OpaqueBody {
  readonly #bytes: Buffer;

  constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }

  get bytes(): Buffer {
    return this.#bytes;
  }
}

/**
 * Polls `probe` every `everyMs` until it gives a value (anything but `undefined`), and returns it;
 * after `timeoutMs`, fails naming `what`, with the tail of `logs` (a peer's output) when given.
 *
 * @example const lease = await waitFor('a replica to take the lease', 15_000, () => store.getLease(LEASE));
 */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined> | T | undefined,
  options: { readonly logs?: () => string; readonly everyMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const said = options.logs === undefined ? '' : `; the peers said:\n${options.logs().slice(-4000)}`;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${said}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.everyMs ?? 200));
  }
}

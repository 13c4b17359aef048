/** One panel's data, or why it could not be loaded: one failing endpoint does not blank the page. */
export type Part<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/** Settles `promise` into a `Part`, never rejecting. */
export async function part<T>(promise: Promise<T>): Promise<Part<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

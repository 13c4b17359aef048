const KEY = 'xops.token';

/**
 * The API token of this tab, kept in session storage (issue 6): it survives reloads and is gone
 * when the tab closes. Storage that refuses (privacy modes) leaves the user signed in until reload.
 */
export const tokenStorage = {
  read(): string | null {
    try {
      return window.sessionStorage.getItem(KEY);
    } catch {
      return null;
    }
  },
  write(token: string): void {
    try {
      window.sessionStorage.setItem(KEY, token);
    } catch {
      // Nothing to do: the token lives in memory for this page.
    }
  },
  clear(): void {
    try {
      window.sessionStorage.removeItem(KEY);
    } catch {
      // Nothing stored, nothing to clear.
    }
  },
};

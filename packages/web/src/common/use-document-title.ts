import { useEffect } from 'react';

/** Sets the tab's title to `text · xops` while the calling page is shown. */
export function useDocumentTitle(text: string): void {
  useEffect(() => {
    document.title = `${text} · xops`;
  }, [text]);
}

import type { LabelSet } from '@xops/core';
import { parseTextMap } from './alerts';

/** Parses a `labels` column once per transaction; `put` gives the column of labels already in hand, remembering them. */
export interface LabelReader {
  (text: string): LabelSet;
  put(labels: LabelSet): string;
}

export function labelReader(): LabelReader {
  const known = new Map<string, LabelSet>();
  const read = (text: string): LabelSet => {
    let labels = known.get(text);
    if (labels === undefined) known.set(text, labels = parseTextMap(text));
    return labels;
  };
  return Object.assign(read, {
    put(labels: LabelSet): string {
      const text = JSON.stringify(labels);
      if (!known.has(text)) known.set(text, labels);
      return text;
    },
  });
}

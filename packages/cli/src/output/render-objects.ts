import type { StoredObject } from '@xops/contracts';
import { stringify } from 'yaml';
import { formatTable } from './format-table';
import { columnsFor, rowFor } from './object-columns';
import type { OutputFormat } from './output-format';

/**
 * Renders objects for `xops get`. JSON and YAML print the documents exactly as applied, so the
 * output can be applied again unchanged; YAML as a multi-document stream, JSON as an array
 * (or one object when a single name was asked for).
 */
export function renderObjects(kind: string, objects: readonly StoredObject[], format: OutputFormat, single: boolean): string {
  const documents = objects.map((stored) => stored.object);
  switch (format) {
    case 'json':
      return JSON.stringify(single ? documents[0] : documents, null, 2) + '\n';
    case 'yaml':
      return documents.map((document) => stringify(document)).join('---\n');
    case 'table':
      return formatObjectTable(kind, objects);
  }
}

function formatObjectTable(kind: string, objects: readonly StoredObject[]): string {
  const headers = columnsFor(kind).map((column) => column.header);
  return formatTable(headers, objects.map(rowFor));
}

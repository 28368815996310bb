/** Builds and reads the reader page's query: `?fact=<id>`, `?entity=<id>` or nothing. */
import type { OpenReaderRequest } from '@/src/messaging/protocol';

export type ReaderSelection = { kind: 'fact'; id: string } | { kind: 'entity'; id: string } | { kind: 'none' };

export function readerSearch(request: OpenReaderRequest): string {
  if (request.factId) return `?fact=${encodeURIComponent(request.factId)}`;
  if (request.entityId) return `?entity=${encodeURIComponent(request.entityId)}`;
  return '';
}

/** The reader page's path within the extension for a request, for `runtime.getURL`. */
export function readerPath(request: OpenReaderRequest): `/reader.html${string}` {
  return `/reader.html${readerSearch(request)}`;
}

export function parseReaderSearch(search: string): ReaderSelection {
  const params = new URLSearchParams(search);
  const factId = params.get('fact');
  if (factId) return { kind: 'fact', id: factId };
  const entityId = params.get('entity');
  if (entityId) return { kind: 'entity', id: entityId };
  return { kind: 'none' };
}

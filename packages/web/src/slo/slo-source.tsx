import type { StoredObject } from '@xops/contracts';
import { formatInstant } from '../format/time-text';

/** The SLO's document as it was applied, comments included (`GET /api/v1/slos/{name}`). */
export function SloSource({ object }: { readonly object: StoredObject }) {
  return (
    <section aria-labelledby="source-heading" data-testid="slo-source">
      <h2 id="source-heading">As applied</h2>
      <p className="muted">
        Revision {object.revision}, applied by {object.appliedBy} at {formatInstant(object.updatedAt)}
        {object.sourceFile !== null && <> from <code>{object.sourceFile}</code></>}.
      </p>
      <pre className="source" tabIndex={0} aria-label={`YAML of ${object.name}`}><code>{object.sourceText}</code></pre>
    </section>
  );
}

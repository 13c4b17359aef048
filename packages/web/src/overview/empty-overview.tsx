/** What an overview without SLOs shows: the two commands that give it some. */
export function EmptyOverview() {
  return (
    <section className="empty" aria-labelledby="empty-heading" data-testid="empty-overview">
      <h2 id="empty-heading">No SLOs yet</h2>
      <p>Start the demo, a server with a simulated fleet and its SLOs applied:</p>
      <pre tabIndex={0}><code>npx xops demo</code></pre>
      <p>or apply the examples (or your own directory of OpenSLO files) to this server:</p>
      <pre tabIndex={0}><code>npx xops apply -f examples/</code></pre>
      <p>This page refreshes by itself: SLOs appear here within seconds.</p>
    </section>
  );
}

/** No script and no style: the page shows under the strictest policy. */
export const MISSING_BUILD_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * What `/` answers when the dashboard has not been built: how to build it, and what works
 * without it. It names no path of the server's disk: the page is public.
 */
export const MISSING_BUILD_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>xops: the dashboard is not built</title></head>
<body>
<main>
<h1>The xops dashboard is not built</h1>
<p>The server found no <code>packages/web/dist/index.html</code>. The dashboard is built by
<code>npm install</code> at the root of the repository; to build it again, run there:</p>
<pre><code>npm run build -w @xops/web</code></pre>
<p>then reload this page; the server need not restart. The API and the public status page
(<a href="/status">/status</a>) work without it.</p>
</main>
</body>
</html>
`;

"""The single-page application: its index.html answers every route the SPA owns."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

SPA_NOT_BUILT = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>MyBookConnect: the web app is not built</title></head>
<body>
<h1>The web app is not built yet</h1>
<p>The API is up (<a href="/api/v1/docs/">/api/v1/docs/</a>),
but the SPA's <code>index.html</code> is missing.</p>
<p>Build it with <code>make run</code>,
or <code>cd frontend &amp;&amp; npm ci &amp;&amp; npm run build</code>,
or point the <code>SPA_DIST_DIR</code> environment variable at a built copy.</p>
</body>
</html>
"""


@require_safe
def spa_index(request: HttpRequest) -> HttpResponse:
    """Serve the SPA's ``index.html`` so client-side routes survive a reload; 503 if it is not built.

    ``no-cache`` makes browsers revalidate the page on each visit, so a deploy reaches readers at once;
    the hashed assets it references are cached forever by WhiteNoise.
    """
    index = Path(settings.SPA_DIST_DIR) / "index.html"
    try:
        content = index.read_bytes()
    except FileNotFoundError:
        response = HttpResponse(SPA_NOT_BUILT, status=503)
        response["Retry-After"] = "60"
    else:
        response = HttpResponse(content)
    response["Content-Type"] = "text/html; charset=utf-8"
    patch_cache_control(response, no_cache=True)
    return response

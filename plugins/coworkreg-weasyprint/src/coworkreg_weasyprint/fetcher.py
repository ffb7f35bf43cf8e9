"""The only way a document may load anything: the pack's assets and the shipped fonts.

WeasyPrint fetches images, style sheets and fonts through a URL fetcher. This
one answers two schemes: ``coworkreg-asset:NAME`` (a file under the town
pack's ``templates/assets/``, looked up along the ``extends`` chain) and
``coworkreg-font:NAME`` (a font of this plugin). ``file:``, ``http(s):``,
``data:`` and everything else are refused and stop the rendering, so a
template cannot read the server's disk or call out to the network.

Imported only while rendering: it needs WeasyPrint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from weasyprint.urls import URLFetcher, URLFetcherResponse

from coworkreg_core.render import TownTemplates, safe_relative_name
from coworkreg_weasyprint.fonts import FONT_SCHEME, font_file

ASSET_SCHEME = "coworkreg-asset"

_MEDIA_TYPES = {
    "css": "text/css",
    "svg": "image/svg+xml",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "woff": "font/woff",
    "woff2": "font/woff2",
    "ttf": "font/ttf",
}

Audit = Callable[[str, bool], None]
"""Called with each URL asked for and whether it was served."""


class URLRefused(ValueError):
    """The document asked for a URL outside the sandbox."""


class PackFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint is untyped
    """Serve pack assets and shipped fonts; refuse everything else."""

    def __init__(self, templates: TownTemplates, audit: Audit | None = None) -> None:
        # fail_on_errors: a refused or missing resource stops the rendering
        # instead of leaving a gap in an official document.
        super().__init__(allowed_protocols=(), fail_on_errors=True)
        self.templates = templates
        self.refused: list[str] = []
        self._audit = audit

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        """The resource at ``url``, or :class:`URLRefused`."""
        scheme, _, name = url.partition(":")
        body: bytes | None = None
        if safe_relative_name(name) is not None:
            if scheme == ASSET_SCHEME:
                body = self.templates.asset(name)
            elif scheme == FONT_SCHEME:
                found = font_file(name)
                body = found.read_bytes() if found is not None else None
        if self._audit is not None:
            self._audit(url, body is not None)
        if body is None:
            self.refused.append(url)
            raise URLRefused(f"{url!r} is neither a pack asset nor a shipped font")
        suffix = name.rsplit(".", 1)[-1].lower()
        media_type = _MEDIA_TYPES.get(suffix, "application/octet-stream")
        return URLFetcherResponse(url, body=body, headers={"Content-Type": media_type})

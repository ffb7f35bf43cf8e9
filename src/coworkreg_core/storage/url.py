"""Storage URLs: ``sqlite:///relative.db``, ``sqlite:////absolute.db``, ``postgresql://...``.

As in SQLAlchemy, what follows ``sqlite:///`` is the path, so a fourth slash
makes it absolute; ``sqlite://`` alone, or ``sqlite:///:memory:``, is a
private in-memory database. Query parameters carry back-end options, such as
``?synchronous=normal``.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit, urlunsplit

from coworkreg_core.errors import UnsupportedStorageURL

MEMORY = ":memory:"


def scheme_of(url: str) -> str:
    """The URL's scheme, lower case (``sqlite``, ``postgresql``), or ``""``."""
    return urlsplit(url).scheme.lower()


def options_of(url: str) -> dict[str, str]:
    """The query parameters, as back-end options."""
    return dict(parse_qsl(urlsplit(url).query))


def without_options(url: str) -> str:
    """The URL without its query parameters."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", parts.fragment))


def sqlite_path(url: str) -> str:
    """The database file a ``sqlite:`` URL names, or ``:memory:``."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "sqlite" or parts.netloc:
        raise UnsupportedStorageURL(url, [])
    path = parts.path[1:] if parts.path.startswith("/") else parts.path
    return path or MEMORY


def redacted(url: str) -> str:
    """The URL with any password replaced by ``***``, fit for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))

"""The register inside a small web application, with nothing but the standard library.

Two pages an embedding town needs first:

- ``/`` shows the public list: the example providers that Seregno's rules
  find eligible, minimised for publication, with ``/elenco-coworking.csv``,
  ``.json`` and ``dcat.jsonld`` beside it;
- ``/check`` takes a provider document and answers with its validation
  problems or, when it is valid, the verdict rule by rule. A JSON body gets
  JSON back; the HTML form gets a page. ``?lang=en`` switches to English.

Run ``python examples/webapp/app.py`` and open http://127.0.0.1:8000/.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import make_server

from coworkreg_core import Towns, evaluate, get_plugin_manager, load_ruleset
from coworkreg_core.i18n import Lang
from coworkreg_core.publication import HTML_NAME, Publication, public_entry
from coworkreg_core.rules import RuleSet
from coworkreg_core.validation import provider_validator

StartResponse = Callable[[str, list[tuple[str, str]]], object]
Environ = dict[str, Any]

PROVIDERS = Path(__file__).resolve().parents[1] / "providers" / "valid"
MAX_BODY = 1_000_000  # bytes; a provider document is a few kilobytes
VALIDITY = dt.timedelta(days=3 * 365)
BASE_URL = "https://www.comune.seregno.mb.it/opendata/coworking/"

FORM = """<!doctype html><html lang="{lang}"><meta charset="utf-8">
<title>{title}</title><h1>{title}</h1>
<form method="post" action="/check?lang={lang}">
<textarea name="provider" rows="20" cols="100" required></textarea>
<p><button>{button}</button></p></form></html>"""


# [publication]
def build_publication(town: str, ruleset: RuleSet, on: dt.date) -> Publication:
    """The public list on ``on``: every example provider the rules find eligible."""
    pack = Towns.from_plugins(get_plugin_manager()).get(town)
    entries: list[dict[str, Any]] = []
    for path in sorted(PROVIDERS.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        if evaluate(ruleset, document, on=on).eligible:
            number = f"{town.upper()}-{on.year}-{len(entries) + 1:04d}"
            entries.append(
                public_entry(
                    document, registration_number=number, listed_on=on, valid_until=on + VALIDITY
                )
            )
    return Publication(
        town_name=pack.name, ipa_code=pack.ipa_code or pack.id, as_of=on, entries=tuple(entries)
    )


# [publication-end]


class RegisterApp:
    """A WSGI application over one town's rules and public list."""

    def __init__(self, town: str = "seregno", on: dt.date | None = None) -> None:
        self.on = on or dt.date.today()
        self.ruleset = load_ruleset(town)
        publication = build_publication(town, self.ruleset, self.on)
        self.files = publication.files(base_url=BASE_URL)

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "/")
        method = environ.get("REQUEST_METHOD", "GET")
        query = parse_qs(environ.get("QUERY_STRING", ""))
        lang: Lang = "en" if query.get("lang") == ["en"] else "it"
        if path == "/" and method == "GET":
            return _reply(start_response, "200 OK", "text/html", self.files[HTML_NAME])
        if path.lstrip("/") in self.files and method == "GET":
            name = path.lstrip("/")
            return _reply(start_response, "200 OK", _media_type(name), self.files[name])
        if path == "/check" and method == "GET":
            title = "Verifica di una domanda" if lang == "it" else "Check an application"
            button = "Verifica" if lang == "it" else "Check"
            page = FORM.format(lang=lang, title=title, button=button)
            return _reply(start_response, "200 OK", "text/html", page.encode())
        if path == "/check" and method == "POST":
            return self.check(environ, start_response, lang)
        return _reply(start_response, "404 Not Found", "text/plain", b"not found\n")

    # [check]
    def check(self, environ: Environ, start_response: StartResponse, lang: Lang) -> list[bytes]:
        """Validate the posted provider, then evaluate it; JSON in, JSON out, or a page."""
        length = int(environ.get("CONTENT_LENGTH") or 0)
        if length > MAX_BODY:
            return _reply(start_response, "413 Content Too Large", "text/plain", b"too large\n")
        body = environ["wsgi.input"].read(length)
        as_json = environ.get("CONTENT_TYPE", "").startswith("application/json")
        if not as_json:
            body = parse_qs(body.decode("utf-8")).get("provider", [""])[0].encode("utf-8")
        document, problems = provider_validator().load_json(body, source="request")
        if problems:
            answer: dict[str, Any] = {"problems": [p.as_dict(lang) for p in problems]}
            status = "422 Unprocessable Content"
        else:
            answer = evaluate(self.ruleset, document, on=self.on).as_dict(lang)
            status = "200 OK"
        if as_json:
            data = json.dumps(answer, ensure_ascii=False, indent=2).encode("utf-8")
            return _reply(start_response, status, "application/json", data)
        return _reply(start_response, status, "text/html", _answer_page(answer, lang))

    # [check-end]


def _media_type(name: str) -> str:
    suffix = name.rsplit(".", 1)[-1]
    return {"csv": "text/csv", "json": "application/json", "jsonld": "application/ld+json"}.get(
        suffix, "application/octet-stream"
    )


def _reply(start_response: StartResponse, status: str, media: str, data: bytes) -> list[bytes]:
    headers = [("Content-Type", f"{media}; charset=utf-8"), ("Content-Length", str(len(data)))]
    start_response(status, headers)
    return [data]


def _answer_page(answer: dict[str, Any], lang: Lang) -> bytes:
    if "problems" in answer:
        rows = [(p["pointer"] or "/", p["message"]) for p in answer["problems"]]
        heading = "Il documento non è valido" if lang == "it" else "The document is not valid"
    else:
        rows = [
            (
                f"{r['id']}" + (f" ({r['space']})" if r["space"] else ""),
                f"{r['outcome']}: {r['message']}",
            )
            for r in answer["rules"]
        ]
        heading = f"{answer['town']}: {answer['verdict']}"
    cells = "".join(f"<tr><td>{html.escape(a)}</td><td>{html.escape(b)}</td></tr>" for a, b in rows)
    head = f'<!doctype html><html lang="{lang}"><meta charset="utf-8">'
    return f"{head}<h1>{html.escape(heading)}</h1><table>{cells}</table></html>".encode()


def main(argv: list[str]) -> None:
    """Serve on 127.0.0.1 (port from the first argument, 8000 by default)."""
    port = int(argv[1]) if len(argv) > 1 else 8000
    with make_server("127.0.0.1", port, RegisterApp()) as server:
        print(f"http://127.0.0.1:{port}/  (Ctrl-C to stop)")
        server.serve_forever()


if __name__ == "__main__":
    main(sys.argv)

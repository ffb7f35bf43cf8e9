"""The example web application, driven through WSGI calls."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import json
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROVIDERS = ROOT / "examples" / "providers"


def _load_app() -> ModuleType:
    spec = importlib.util.spec_from_file_location("example_webapp", ROOT / "examples/webapp/app.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def app() -> Any:
    return _load_app().RegisterApp("seregno", on=dt.date(2026, 11, 25))


def call(app: Any, path: str, *, method: str = "GET", body: bytes = b"", media: str = "") -> Any:
    environ: dict[str, Any] = {}
    setup_testing_defaults(environ)
    path, _, query = path.partition("?")
    environ.update(
        PATH_INFO=path,
        QUERY_STRING=query,
        REQUEST_METHOD=method,
        CONTENT_TYPE=media,
        CONTENT_LENGTH=str(len(body)),
    )
    environ["wsgi.input"] = io.BytesIO(body)
    seen: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        seen["status"], seen["headers"] = status, dict(headers)

    seen["body"] = b"".join(app(environ, start_response))
    return seen


class TestPublicList:
    def test_home_page_lists_the_eligible_providers(self, app):
        """The page shows the providers Seregno's rules accept and no one else."""
        reply = call(app, "/")
        page = reply["body"].decode("utf-8")
        assert reply["status"] == "200 OK"
        assert reply["headers"]["Content-Type"].startswith("text/html")
        assert "Nuvola Lab" in page
        assert "Officina Meda" not in page  # not eligible: 3 workstations

    def test_no_personal_data_is_served(self, app):
        """The legal representative's name and tax code never reach the public list."""
        provider = json.loads(
            (PROVIDERS / "valid/03-nuvola-lab-innovative-startup.json").read_text()
        )
        representative = provider["legal_representative"]
        for name in ("/", "/elenco-coworking.json", "/elenco-coworking.csv"):
            body = call(app, name)["body"].decode("utf-8")
            assert representative["tax_code"] not in body
            assert f"{representative['given_name']} {representative['family_name']}" not in body

    def test_open_data_files_are_served(self, app):
        """The JSON file holds one entry per listed provider, numbered in order."""
        reply = call(app, "/elenco-coworking.json")
        data = json.loads(reply["body"])
        entries = data["entries"] if isinstance(data, dict) else data
        assert [e["registration_number"] for e in entries] == [
            "SEREGNO-2026-0001",
            "SEREGNO-2026-0002",
            "SEREGNO-2026-0003",
        ]
        assert call(app, "/dcat.jsonld")["headers"]["Content-Type"].startswith(
            "application/ld+json"
        )


class TestCheck:
    def test_valid_provider_gets_a_verdict(self, app):
        """A valid document posted as JSON gets the verdict rule by rule, in English on request."""
        body = (PROVIDERS / "valid/04-officina-meda-small-firm.json").read_bytes()
        reply = call(app, "/check?lang=en", method="POST", body=body, media="application/json")
        answer = json.loads(reply["body"])
        assert reply["status"] == "200 OK"
        assert answer["verdict"] == "not_eligible"
        failed = {r["id"] for r in answer["rules"] if r["outcome"] == "fail"}
        assert "min_workstations" in failed

    def test_invalid_provider_gets_its_problems(self, app):
        """An invalid document gets 422 and the pointer of each problem."""
        body = (PROVIDERS / "invalid/bad-vat-check-digit.json").read_bytes()
        reply = call(app, "/check", method="POST", body=body, media="application/json")
        assert reply["status"].startswith("422")
        pointers = [p["pointer"] for p in json.loads(reply["body"])["problems"]]
        assert pointers == ["/organisation/vat_number"]

    def test_form_post_gets_a_page(self, app):
        """The HTML form's post is answered with a page naming the verdict."""
        document = (PROVIDERS / "valid/01-studio-brianza-freelancer.json").read_text()
        body = urlencode({"provider": document}).encode()
        reply = call(
            app, "/check", method="POST", body=body, media="application/x-www-form-urlencoded"
        )
        assert reply["status"] == "200 OK"
        assert "seregno: eligible" in reply["body"].decode("utf-8")

    def test_form_page_in_english(self, app):
        """``GET /check?lang=en`` shows the form in English."""
        assert b"Check an application" in call(app, "/check?lang=en")["body"]

    def test_oversized_body_is_refused_unread(self, app):
        """A body over the limit is refused with 413 before it is parsed."""
        big = b" " * (_load_app().MAX_BODY + 1)
        assert call(app, "/check", method="POST", body=big)["status"].startswith("413")

    def test_unknown_path(self, app):
        """Anything else is 404."""
        assert call(app, "/admin")["status"] == "404 Not Found"

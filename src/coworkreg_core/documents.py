"""The official documents, and the context each one's template expects.

This is the one place that says what a template may rely on: every
:class:`DocumentSpec` lists its fields with a description and an example, the
examples together render every document (the tests and the demo use them),
and :func:`render_document` refuses a context that lacks a required field
before any template runs. The renderer adds ``town``, ``lang``, ``kind`` and
``title`` itself.

Dates are ISO 8601 strings or ``date`` objects; texts a reader sees in either
language are :class:`~coworkreg_core.i18n.Text` or ``{"it": ..., "en": ...}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from coworkreg_core.errors import DocumentInvalid
from coworkreg_core.i18n import DEFAULT_LANG, Lang, Text
from coworkreg_core.problems import Problem, Problems
from coworkreg_core.render import Renderer, TownTemplates

if TYPE_CHECKING:
    from coworkreg_core.towns import Towns


@frozen
class ContextField:
    """One value a document template expects, with an example of its shape."""

    name: str
    description: str
    example: Any = field(repr=False)
    required: bool = True


@frozen
class DocumentSpec:
    """An official document: its template, its title and the context it expects."""

    kind: str
    title: Text
    fields: tuple[ContextField, ...]

    @property
    def template(self) -> str:
        """The template's name under the pack's ``templates/``."""
        return f"documents/{self.kind}.html"

    def check(self, context: Mapping[str, Any]) -> Problems:
        """A problem for each required field missing from ``context``."""
        return Problems(
            tuple(
                Problem(
                    pointer=f"/{f.name}",
                    code="context.missing",
                    message=Text(
                        it=f"manca «{f.name}»: {f.description}",
                        en=f"missing {f.name!r}: {f.description}",
                    ),
                    params={"field": f.name, "document": self.kind},
                )
                for f in self.fields
                if f.required and f.name not in context
            )
        )

    def example_context(self) -> dict[str, Any]:
        """A complete context built from the fields' examples."""
        return {f.name: f.example for f in self.fields}


_ISSUED = ContextField(
    "issued_at",
    "date and time of issue, ISO 8601; also the PDF's creation date",
    "2026-03-02T09:30:00+01:00",
)
_PROTOCOL = ContextField(
    "protocol",
    "{number, date}: the protocol number given to this document, and its date",
    {"number": "0012345/2026", "date": "2026-03-02"},
)
_PROVIDER = ContextField(
    "provider",
    "{name, vat_number?, address?, pec?}: the addressee",
    {
        "name": "Spazio Comune S.r.l.",
        "vat_number": "01234567897",
        "address": "Via Umberto I 12, 20831 Seregno (MB)",
        "pec": "spaziocomune@pec.example.it",
    },
)
_APPLICATION = ContextField(
    "application",
    "{id, protocol_number, filed_on}: the application the document is about",
    {"id": "app-1", "protocol_number": "0011111/2026", "filed_on": "2026-02-20"},
)
_SIGNER = ContextField(
    "signer",
    "{name, role}: who signs for the office",
    {"name": "Dott.ssa Maria Rossi", "role": "La responsabile del procedimento"},
    required=False,
)
_LISTING = ContextField(
    "listing",
    "{registration_number, valid_from, valid_until}",
    {
        "registration_number": "COW-2026-0007",
        "valid_from": "2026-04-01",
        "valid_until": "2029-03-31",
    },
)
_GROUNDS = ContextField(
    "grounds",
    "[{rule, message {it, en}, reference}]: the failing rules with their legal references",
    [
        {
            "rule": "connectivity.min_bandwidth",
            "message": {
                "it": "La connessione dichiarata (20 Mbit/s) è inferiore a 100 Mbit/s.",
                "en": "The declared connection (20 Mbit/s) is below 100 Mbit/s.",
            },
            "reference": "Avviso pubblico, art. 3 c. 2 lett. a",
        }
    ],
)
_REASON = ContextField(
    "reason",
    "{it, en}: why the office acts",
    {"it": "Requisiti non più posseduti.", "en": "Requirements no longer met."},
)
_COMMON = (_ISSUED, _PROTOCOL, _PROVIDER, _APPLICATION, _SIGNER)

DOCUMENTS: Mapping[str, DocumentSpec] = {
    spec.kind: spec
    for spec in (
        DocumentSpec(
            "receipt",
            Text("Ricevuta di presentazione della domanda", "Receipt of the application"),
            (
                *_COMMON,
                ContextField(
                    "filed",
                    "[{name, kind}]: what was filed",
                    [
                        {"name": "Domanda di iscrizione", "kind": "application"},
                        {"name": "Planimetria dei locali", "kind": "attachment"},
                    ],
                ),
            ),
        ),
        DocumentSpec(
            "integration_request",
            Text("Richiesta di integrazione documentale", "Integration request"),
            (
                *_COMMON,
                ContextField(
                    "requested",
                    "[{name, reason {it, en}}]: the documents asked for",
                    [{"name": "Certificato di agibilità", "reason": {"it": "mancante"}}],
                ),
                ContextField("deadline", "the date by which to answer", "2026-03-17"),
            ),
        ),
        DocumentSpec(
            "refusal_notice",
            Text(
                "Comunicazione dei motivi ostativi all'accoglimento della domanda "
                "(art. 10-bis L. 241/1990)",
                "Notice of the grounds for refusal (art. 10-bis L. 241/1990)",
            ),
            (
                *_COMMON,
                _GROUNDS,
                ContextField("reply_days", "days to send observations (10 by law)", 10),
                ContextField("reply_by", "the last day for observations", "2026-03-12"),
            ),
        ),
        DocumentSpec(
            "listing_certificate",
            Text("Attestazione di iscrizione nell'elenco", "Certificate of listing"),
            (*_COMMON, _LISTING),
        ),
        DocumentSpec(
            "refusal",
            Text("Provvedimento di rigetto della domanda", "Refusal of the application"),
            (
                *_COMMON,
                _GROUNDS,
                ContextField(
                    "observations",
                    "{it, en}: summary of the applicant's observations, if any",
                    "",
                    required=False,
                ),
            ),
        ),
        DocumentSpec(
            "suspension",
            Text("Provvedimento di sospensione dell'iscrizione", "Suspension of the listing"),
            (
                *_COMMON,
                _LISTING,
                _REASON,
                ContextField("until", "end of the suspension, if known", "2026-06-30", False),
            ),
        ),
        DocumentSpec(
            "cancellation",
            Text("Provvedimento di cancellazione dall'elenco", "Cancellation of the listing"),
            (*_COMMON, _LISTING, _REASON),
        ),
        DocumentSpec(
            "public_list",
            Text(
                "Elenco pubblico dei fornitori di spazi e servizi di coworking",
                "Public list of coworking providers",
            ),
            (
                _ISSUED,
                ContextField(
                    "entries",
                    "[{registration_number, name, address, services, valid_until}]: "
                    "public data only, never a person's tax code",
                    [
                        {
                            "registration_number": f"COW-2026-{n:04d}",
                            "name": f"Coworking {n}",
                            "address": f"Via Roma {n}, 20831 Seregno (MB)",
                            "services": ["connectivity", "reception", "cleaning"],
                            "valid_until": "2029-03-31",
                        }
                        for n in range(1, 4)
                    ],
                ),
            ),
        ),
    )
}
"""Every official document by kind; its ``fields`` document the template's context."""


def document_spec(kind: str) -> DocumentSpec:
    """The spec of document ``kind``; an unknown kind raises ``KeyError`` naming the known."""
    try:
        return DOCUMENTS[kind]
    except KeyError:
        raise KeyError(f"no document kind {kind!r}; known: {', '.join(DOCUMENTS)}") from None


def checked_context(kind: str, context: Mapping[str, Any]) -> dict[str, Any]:
    """``context`` plus the document's ``kind`` and ``title``, or ``DocumentInvalid``."""
    spec = document_spec(kind)
    problems = spec.check(context)
    if problems:
        raise DocumentInvalid(problems, what=f"context of {kind}")
    return {**context, "kind": kind, "title": spec.title}


@frozen
class DocumentRequest:
    """A document to produce: which, for which town, from what, in which language."""

    kind: str
    town: str
    context: Mapping[str, Any]
    lang: Lang = DEFAULT_LANG


def render_document(renderer: Renderer, request: DocumentRequest, towns: Towns) -> bytes:
    """Check ``request``'s context against its :class:`DocumentSpec`, then render it."""
    spec = document_spec(request.kind)
    return renderer.render(
        spec.template,
        checked_context(request.kind, request.context),
        templates=TownTemplates(towns, request.town),
        lang=request.lang,
    )

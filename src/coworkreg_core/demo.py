"""The Seregno demo: the whole procedure on the example providers, with real outputs.

On fixed dates, so the same run gives the same register: seven providers file;
three are listed straight away or after an integration request, one is refused
after the notice of grounds, one withdraws, one is suspended after the sample
check, one waits on the reviewer's worklist, and one listing is renewed before
it expires. Then the outbox is delivered (PDF/A documents, mails in a Maildir,
the archive) and the list is published in every format.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

from attrs import frozen

from coworkreg_core.registry import Registry
from coworkreg_core.storage.records import Application
from coworkreg_core.workflow import Actor

REVIEWER = Actor("istruttore.rossi", roles={"reviewer"})
MANAGER = Actor("responsabile.bianchi", roles={"manager"})
SENDER = "protocollo.coworking@comune.seregno.invalid"
PUBLISHED_ON = date(2029, 2, 10)

Step = Callable[[str], None]


@frozen
class DemoReport:
    """What the demo did and where its outputs are."""

    out: Path
    db_url: str
    applications: dict[str, str]
    """Each provider's name and the state its last application reached."""
    published: tuple[str, ...]
    """The registration numbers on the public list."""
    sample: tuple[str, ...]
    delivered: int
    undelivered: int
    files: tuple[Path, ...]


def examples_dir() -> Path:
    """The example providers: beside the source tree, or shipped with the docs."""
    here = Path(str(files("coworkreg_core"))).resolve()
    for parent in here.parents:
        candidate = parent / "examples" / "providers" / "valid"
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the example providers (examples/providers/valid) are not found")


def _at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00").replace(tzinfo=UTC)


def _load(stem: str) -> dict[str, Any]:
    (path,) = examples_dir().glob(f"{stem}-*.json")
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


def _applicant(provider: dict[str, Any]) -> Actor:
    return Actor(provider["organisation"]["pec"])


def run_demo(out: Path, *, db_url: str | None = None, step: Step | None = None) -> DemoReport:
    """Run the procedure into ``out``; ``step`` hears each stage as it starts."""
    say = step or (lambda _message: None)
    out.mkdir(parents=True, exist_ok=True)
    if db_url is None:
        database = out / "register.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        db_url = f"sqlite:///{database}"
    config = {
        "sender": SENDER,
        "maildir": {"path": str(out / "mail"), "name": "pec"},
        "signer": {"name": "Dott.ssa Anna Colombo", "role": "La responsabile del procedimento"},
        "mail_domain": "seregno.coworkreg.invalid",
    }
    with Registry.open(db_url, "seregno", config=config) as registry:
        if registry.storage.protocol_entries(2026):
            raise ValueError(f"the demo needs an empty database, and {db_url} is not")
        say("procedimento / procedure")
        apps = _procedure(registry)
        say("consegna della posta e archivio / mail and archive")
        delivered = registry.deliver(limit=1000, now=_at(PUBLISHED_ON.isoformat()))
        say("pubblicazione / publication")
        written = registry.publish(PUBLISHED_ON, out / "elenco")
        sample = registry.sample_checks(
            on=PUBLISHED_ON, seed="demo-2029", actor=MANAGER, now=_at(PUBLISHED_ON.isoformat())
        )
        say("documenti e storia / documents and history")
        written += _write_documents(registry, out / "documenti")
        written += _write_histories(registry, out / "storia")
        states = {
            registry.application(app_id).provider["organisation"]["name"]: registry.application(
                app_id
            ).state
            for app_id in apps.values()
        }
        published = tuple(
            e["registration_number"] for e in registry.publication(PUBLISHED_ON).entries
        )
        pending = [o for o in delivered if o.status != "sent"]
    return DemoReport(
        out=out,
        db_url=db_url,
        applications=states,
        published=published,
        sample=sample.chosen,
        delivered=len(delivered) - len(pending),
        undelivered=len(pending),
        files=tuple(written),
    )


def _procedure(registry: Registry) -> dict[str, str]:
    """The story, in date order; returns each provider's last application id."""
    apps: dict[str, str] = {}

    def file(stem: str, day: str) -> Application:
        provider = _load(stem)
        app = registry.file(provider, _applicant(provider), now=_at(day))
        registry.transition(app.id, "take_in_charge", REVIEWER, now=_at(day, 15))
        apps[stem] = app.id
        return app

    # Listed at once.
    studio = file("01", "2026-03-02")
    registry.approve(studio.id, MANAGER, now=_at("2026-03-10"))
    ponte = file("06", "2026-03-03")
    registry.approve(ponte.id, MANAGER, now=_at("2026-03-12"))

    # Listed after an integration request: the floor plan was missing.
    nuvola = file("03", "2026-03-02")
    registry.request_integration(
        nuvola.id,
        REVIEWER,
        "Manca la planimetria dei locali con le postazioni.",
        ["Planimetria dei locali"],
        now=_at("2026-03-05"),
    )
    corrected = _load("03")
    corrected.setdefault("attachments", []).append(
        {
            "kind": "floor_plan",
            "name": "planimetria-nuvola-lab.pdf",
            "media_type": "application/pdf",
            "size_bytes": 214_733,
            "sha256": "3f" * 32,
        }
    )
    registry.provide_integration(nuvola.id, _applicant(corrected), corrected, now=_at("2026-03-12"))
    registry.approve(nuvola.id, MANAGER, now=_at("2026-03-16"))

    # Refused after the notice of grounds (art. 10-bis) and the observations.
    officina = file("04", "2026-03-04")
    registry.send_refusal_notice(officina.id, MANAGER, now=_at("2026-03-09"))
    registry.transition(
        officina.id,
        "submit_observations",
        _applicant(_load("04")),
        {"observations": "Entro l'estate amplieremo la sala a otto postazioni."},
        now=_at("2026-03-16"),
    )
    registry.refuse(
        officina.id,
        MANAGER,
        observations_assessment="L'ampliamento annunciato non è in corso: "
        "i requisiti mancano oggi.",
        now=_at("2026-03-23"),
    )

    # Listed after integrating the missing declaration, then suspended.
    digitale = file("07", "2026-03-05")
    registry.request_integration(
        digitale.id,
        REVIEWER,
        "Manca la dichiarazione sul rispetto delle norme di sicurezza.",
        ["Dichiarazione sostitutiva sicurezza (D.Lgs. 81/2008)"],
        now=_at("2026-03-06"),
    )
    with_declaration = copy.deepcopy(_load("07"))
    with_declaration["declarations"].append(
        {
            "id": "workplace_safety",
            "article": "47",
            "text_version": "2025.1",
            "accepted": True,
            "date": "2026-03-09",
        }
    )
    registry.provide_integration(
        digitale.id, _applicant(with_declaration), with_declaration, now=_at("2026-03-09")
    )
    registry.approve(digitale.id, MANAGER, now=_at("2026-03-13"))
    registry.transition(
        digitale.id,
        "suspend",
        MANAGER,
        {
            "reasons": "Dal controllo a campione risulta irregolare la posizione contributiva.",
            "legal_basis": "art. 71 DPR 445/2000; art. 9 dell'avviso pubblico",
        },
        now=_at("2026-06-15"),
    )

    # Withdrawn by the applicant: its only space is outside Seregno.
    corte = file("02", "2026-03-06")
    registry.transition(
        corte.id,
        "withdraw",
        _applicant(_load("02")),
        {"comment": "Lo spazio è a Desio: presenteremo domanda a quel Comune."},
        now=_at("2026-03-11"),
    )

    # Still on the reviewer's desk.
    bottega = _load("05")
    apps["05"] = registry.file(bottega, _applicant(bottega), now=_at("2029-02-02")).id

    # Renewed before expiry: the same number, three more years.
    renewed = _load("01")
    renewed["insurance"]["valid_until"] = "2032-06-30"  # the policy renewed meanwhile
    renewal = registry.renew(
        "SEREGNO-2026-0001", renewed, _applicant(renewed), now=_at("2029-01-15")
    )
    registry.transition(renewal.id, "take_in_charge", REVIEWER, now=_at("2029-01-16"))
    registry.approve(renewal.id, MANAGER, now=_at("2029-01-22"))
    apps["01"] = renewal.id
    return apps


def _write_documents(registry: Registry, folder: Path) -> list[Path]:
    """Every archived document as a file named after its outgoing message."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for item in registry.storage.list_outbox(status="sent", limit=10_000):
        if item.channel != "archive" or not item.reply:
            continue
        for token in str(item.reply["server_reply"]).split():
            if token.startswith("sha256:"):
                stored = registry.storage.get_document(token.removeprefix("sha256:"))
                kind = item.payload["document"]["kind"]
                number = item.payload["document"]["context"]["protocol"]["number"]
                path = folder / f"{number.replace('/', '-')}-{kind}.pdf"
                path.write_bytes(stored.content)
                written.append(path)
    return written


def _write_histories(registry: Registry, folder: Path) -> list[Path]:
    """Every application's review history, hash chain checked, as JSON."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    every_state = list(registry.definition.states)
    ids = {a.id for a in registry.storage.worklist(every_state, town=registry.town, limit=10_000)}
    for app_id in sorted(ids):
        application = registry.application(app_id)
        entries = [entry.to_json() for entry in registry.history(app_id)]
        path = folder / f"{application.protocol_number}.json"
        document = {
            "application": app_id,
            "provider": application.provider["organisation"]["name"],
            "state": application.state,
            "history": entries,
        }
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written

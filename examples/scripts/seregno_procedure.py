"""Seregno end to end with the pure core: check, review, integration, listing, publication.

Nothing is stored here: each step returns values and the script carries them
along, as the ``Registry`` service does with a database in between. The clock
shows the term of L. 241/1990 stopping while the applicant is asked for a
document. Run: ``python examples/scripts/seregno_procedure.py``.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from coworkreg_core import Towns, evaluate, get_plugin_manager, load_ruleset, validate_provider
from coworkreg_core.publication import Publication, public_entry
from coworkreg_core.workflow import (
    Actor,
    calendar_for_town,
    fire,
    new_instance,
    workflow_for_town,
    worklist,
)

PROVIDER = (
    Path(__file__).resolve().parents[1] / "providers/valid/03-nuvola-lab-innovative-startup.json"
)


def main() -> dict[str, Any]:
    """Run the procedure; return what the checks below look at."""
    # [check]
    document = json.loads(PROVIDER.read_text(encoding="utf-8"))
    assert not validate_provider(document)
    verdict = evaluate(load_ruleset("seregno"), document, on=date(2026, 3, 2))
    print("verdict:", verdict.decision)
    # [check-end]

    # [procedure]
    towns = Towns.from_plugins(get_plugin_manager())
    definition = workflow_for_town(towns, "seregno")
    calendar = calendar_for_town(towns, "seregno")
    applicant = Actor("nuvola-lab")
    reviewer = Actor("rossi", roles={"reviewer"})
    manager = Actor("bianchi", roles={"manager"})
    instance = new_instance(definition, datetime(2026, 3, 2, 9, tzinfo=UTC), owner="nuvola-lab")
    effects: list[str] = []
    steps = [
        ("02/03", "submit", applicant, {"protocol_number": "0000042"}),
        ("03/03", "take_in_charge", reviewer, {}),
        ("05/03", "request_integration", reviewer, {"reason": "Manca la planimetria dei locali."}),
        ("16/03", "provide_integration", applicant, {}),
        (
            "20/03",
            "approve",
            manager,
            {"registration_number": "SEREGNO-2026-0007", "valid_until": "2029-03-19"},
        ),
    ]
    deadlines = {}
    snapshots = {}
    for day, transition, actor, payload in steps:
        now = datetime.strptime(f"{day}/2026 10:00 +0000", "%d/%m/%Y %H:%M %z")
        outcome = fire(definition, instance, transition, actor, payload, now=now)
        instance = snapshots[transition] = outcome.instance
        effects.extend(effect.kind for effect in outcome.effects)
        status = instance.clock.status(calendar, now.date())
        deadlines[transition] = status.deadline
        print(
            f"{day} {transition:20} -> {instance.state:22}"
            f" used {status.elapsed:2} of {status.term_days} days, deadline {status.deadline}"
        )
    # [procedure-end]

    # [worklist]
    # What the reviewer's list showed on the day the application came in.
    submitted = [("0000042", snapshots["submit"])]
    counts = {}
    for name in ("to_take_in_charge", "under_review"):
        items = worklist(
            definition, name, submitted, reviewer, calendar=calendar, today=date(2026, 3, 2)
        )
        counts[name] = len(items)
        print(f"worklist {name}: {len(items)} item(s)")
    # [worklist-end]

    # [publish]
    entry = public_entry(
        document,
        registration_number=instance.variables["registration_number"],
        listed_on=date(2026, 3, 20),
        valid_until=date(2029, 3, 19),
    )
    publication = Publication(
        town_name="Comune di Seregno", ipa_code="c_i625", as_of=date(2026, 3, 20), entries=(entry,)
    )
    files = publication.files(base_url="https://www.comune.seregno.mb.it/opendata/coworking/")
    print("published:", ", ".join(sorted(files)))
    print("legal representative in the public list:", "legal_representative" in json.dumps(entry))
    # [publish-end]
    return {
        "worklists": counts,
        "state": instance.state,
        "deadlines": deadlines,
        "effects": effects,
        "entry": entry,
    }


if __name__ == "__main__":
    result = main()
    assert result["state"] == "listed"
    assert result["worklists"] == {"to_take_in_charge": 1, "under_review": 0}
    # The 11 days waiting for the floor plan do not count against the 30-day term.
    before, after = (
        result["deadlines"]["take_in_charge"],
        result["deadlines"]["provide_integration"],
    )
    assert before is not None
    assert after is not None
    assert (after - before).days >= 11
    assert "publish" in result["effects"]
    assert "tax_code" not in json.dumps(result["entry"])

"""What approving an application needs: an eligible verdict, a number, a validity.

The workflow says who may approve and when; these two functions add what the
register itself must guarantee, inside the transaction that lists.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from coworkreg_core.errors import TransitionForbidden
from coworkreg_core.registry.contexts import add_months
from coworkreg_core.registry.numbers import next_registration_number
from coworkreg_core.registry.recording import filed_on
from coworkreg_core.rules import RuleSet, evaluate
from coworkreg_core.storage.base import Transaction
from coworkreg_core.storage.records import Application


def require_eligible(rules: RuleSet, application: Application) -> None:
    """Raise unless the rules find the application eligible; the way to refuse is art. 10-bis.

    A failing or undecidable blocking rule forbids listing, and the error names it.
    """
    verdict = evaluate(rules, application.provider, on=filed_on(application), kind=application.kind)
    if verdict.decision == "eligible":
        return
    detail = "; ".join(
        f"{r.rule_id}{f' ({r.space})' if r.space else ''}: {r.outcome}"
        for r in verdict.results
        if r.severity == "blocking" and r.outcome in ("fail", "undecidable")
    )
    raise TransitionForbidden("approve", "eligibility", f"{verdict.decision}: {detail}")


def approval_payload(
    tx: Transaction,
    rules: RuleSet,
    town: str,
    application: Application,
    given: dict[str, Any],
    now: datetime,
) -> dict[str, Any]:
    """What the office does not type: the registration number and the validity.

    A new listing takes the next number and lasts the town's
    ``listing_validity_months``; a renewal keeps the number and extends the
    validity from the old end; a variation keeps both.
    """
    today = now.date()
    months = int(rules.parameter("listing_validity_months", today).value)
    if application.listing_id is None:
        given.setdefault("registration_number", next_registration_number(tx, town, now.year))
        until = add_months(today, months) - timedelta(days=1)
    else:
        previous = tx.get_listing(application.listing_id)
        given.setdefault("registration_number", previous.registration_number)
        if application.kind == "renewal" and previous.valid_until is not None:
            until = add_months(previous.valid_until + timedelta(days=1), months)
            until -= timedelta(days=1)
        else:
            until = previous.valid_until or add_months(today, months) - timedelta(days=1)
    given.setdefault("valid_until", until.isoformat())
    return given

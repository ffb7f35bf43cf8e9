"""Recording one transition inside one transaction.

Given the engine's outcome, :class:`Recorder` stores the new instance, appends
the history entries, creates or updates the listing, registers the outgoing
documents in the protocol register and queues every effect in the outbox.
Nothing here decides anything: the workflow and the rules already have.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from attrs import evolve, frozen

from coworkreg_core.documents import document_spec
from coworkreg_core.errors import RecordNotFound
from coworkreg_core.hookspecs import TransitionEvent
from coworkreg_core.publication import public_entry
from coworkreg_core.registry import effects as planner
from coworkreg_core.registry.contexts import document_context
from coworkreg_core.rules import RuleSet, evaluate
from coworkreg_core.storage.base import Transaction
from coworkreg_core.storage.records import Application, Listing, ListingState, ProtocolEntry
from coworkreg_core.workflow import Actor, Instance, Outcome, WorkflowDefinition, fire
from coworkreg_core.workflow.calendar import WorkingCalendar
from coworkreg_core.workflow.guards import Functions

LISTING_STATES: Mapping[str, ListingState] = {
    "listed": "listed",
    "suspended": "suspended",
    "cancelled": "cancelled",
    "expired": "expired",
    "withdrawn": "withdrawn",
}
"""The listing's state when its application reaches one of these states."""

SUPERSEDE = "supersede"
"""The transition that retires an application whose listing a later one now carries."""

_GROUNDS_DOCUMENTS = frozenset({"refusal_notice", "refusal"})


def canonical(document: Mapping[str, Any]) -> bytes:
    """A JSON document as canonical bytes (sorted keys, no spaces): what its digest seals."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def filed_on(application: Application) -> date:
    """The day the application was filed: the day its term started."""
    instance = Instance.from_json(application.instance)
    return instance.clock.started or instance.entered_at.date()


@frozen
class Recorder:
    """What a town's registry needs to record transitions."""

    town: str
    town_name: str
    definition: WorkflowDefinition
    calendar: WorkingCalendar
    rules: RuleSet
    functions: Functions
    sender: str
    channel_for: Mapping[str, str]
    signer: Mapping[str, str] | None

    def record(
        self,
        tx: Transaction,
        application: Application,
        outcome: Outcome,
        transition: str,
        payload: Mapping[str, Any],
        now: datetime,
        actor: Actor,
        *,
        filed: ProtocolEntry | None = None,
    ) -> tuple[Application, TransitionEvent]:
        """Store ``outcome`` of ``transition`` on ``application`` within ``tx``."""
        instance = outcome.instance
        saved = tx.save_application(
            evolve(
                application,
                state=instance.state,
                instance=instance.to_json(),
                deadline=instance.clock.deadline(self.calendar, now.date()),
            )
        )
        stored_entries = [
            tx.append_history(application.id, e.to_json(), hash=e.hash, previous_hash=e.prev)
            for e in outcome.entries
        ]
        listing = self._listing(tx, saved, outcome, now, actor)
        self._enqueue(tx, saved, outcome, payload, now, listing, filed, stored_entries[0].seq)
        event = TransitionEvent(
            application=saved,
            entry=stored_entries[0],
            transition=transition,
            previous_state=application.state,
        )
        return saved, event

    # -- the listing ---------------------------------------------------------------------

    def _listing(
        self,
        tx: Transaction,
        application: Application,
        outcome: Outcome,
        now: datetime,
        actor: Actor,
    ) -> Listing | None:
        variables = outcome.instance.variables
        number = variables.get("registration_number") or application.listing_id
        asked = {e.kind for e in outcome.effects} & planner.LISTING_EFFECTS
        if "publish" in asked and outcome.instance.state == "listed":
            return self._publish(tx, application, str(number), variables, now, actor)
        if not number:
            return None
        listing = tx.get_listing(str(number))
        if "unpublish" not in asked or listing.application_id != application.id:
            return listing
        state = LISTING_STATES.get(outcome.instance.state, listing.state)
        return tx.save_listing(evolve(listing, state=state))

    def _publish(
        self,
        tx: Transaction,
        application: Application,
        number: str,
        variables: Mapping[str, Any],
        now: datetime,
        actor: Actor,
    ) -> Listing:
        until = date.fromisoformat(str(variables["valid_until"]))
        try:
            existing: Listing | None = tx.get_listing(number)
        except RecordNotFound:
            existing = None
        since = existing.valid_from if existing is not None else now.date()
        public = public_entry(
            application.provider, registration_number=number, listed_on=since, valid_until=until
        )
        if existing is None:
            return tx.add_listing(
                Listing(
                    registration_number=number,
                    application_id=application.id,
                    town=self.town,
                    public_data=public,
                    valid_from=since,
                    valid_until=until,
                )
            )
        if existing.application_id != application.id:
            self._supersede(tx, existing.application_id, application, now, actor)
        return tx.save_listing(
            evolve(
                existing,
                application_id=application.id,
                public_data=public,
                valid_until=until,
                state="listed",
            )
        )

    def _supersede(
        self,
        tx: Transaction,
        old_id: str,
        successor: Application,
        now: datetime,
        actor: Actor,
    ) -> None:
        """Retire the application that carried the listing until ``successor`` was approved."""
        old = tx.get_application(old_id)
        payload = {"successor": successor.id, "kind": successor.kind}
        outcome = fire(
            self.definition,
            Instance.from_json(old.instance),
            SUPERSEDE,
            actor,
            payload,
            now=now,
            functions=self.functions,
        )
        tx.save_application(
            evolve(old, state=outcome.instance.state, instance=outcome.instance.to_json())
        )
        for entry in outcome.entries:
            tx.append_history(old.id, entry.to_json(), hash=entry.hash, previous_hash=entry.prev)

    # -- documents and mail ----------------------------------------------------------------

    def _enqueue(
        self,
        tx: Transaction,
        application: Application,
        outcome: Outcome,
        payload: Mapping[str, Any],
        now: datetime,
        listing: Listing | None,
        filed: ProtocolEntry | None,
        seq: int,
    ) -> None:
        if not any(e.kind not in planner.LISTING_EFFECTS for e in outcome.effects):
            return
        filed = filed or self._filed_entry(tx, application)
        kinds = planner.documents_asked(outcome.effects)
        failing = (
            evaluate(
                self.rules, application.provider, on=filed_on(application), kind=application.kind
            ).grounds()
            if _GROUNDS_DOCUMENTS & set(kinds)
            else ()
        )
        organisation = application.provider["organisation"]["name"]
        contexts = {}
        for kind in kinds:
            protocol = (
                filed
                if kind == "receipt"
                else tx.register_protocol(
                    direction="out",
                    correspondent=organisation,
                    subject=document_spec(kind).title.it,
                    application_id=application.id,
                )
            )
            contexts[kind] = document_context(
                kind,
                application=application,
                filed=filed,
                protocol=protocol,
                now=now,
                payload=payload,
                failing=failing,
                listing=listing,
                signer=self.signer,
            )
        items = planner.plan(
            outcome.effects,
            key_prefix=f"{application.id}/{seq}",
            town=self.town,
            sender=self.sender,
            recipients=[application.provider["organisation"]["pec"]],
            contexts=contexts,
            channel_for=self.channel_for,
            words={
                "protocol": f"{filed.formatted}/{filed.year}",
                "registration": listing.registration_number if listing else "",
            },
        )
        for item in items:
            tx.enqueue(item.channel, item.payload, key=item.key, application_id=application.id)

    @staticmethod
    def _filed_entry(tx: Transaction, application: Application) -> ProtocolEntry:
        """The incoming protocol entry of the application itself."""
        if application.protocol_number is None:
            raise RecordNotFound("protocol entry of application", application.id)
        year, number = application.protocol_number.split("-")
        return tx.get_protocol_entry(int(year), int(number))

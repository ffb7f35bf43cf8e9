"""The Registry: the one service that ties the pure core to storage and plugins.

It loads a town's procedure, calendar and rules from its pack, asks the pure
engine what a transition does, then stores the new state, the history
entries, the listing and the effects **in one transaction**. Effects are
delivered after the commit from the outbox (:meth:`Registry.deliver`), and
plugins hear of each committed transition through ``coworkreg_after_transition``.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Self

import pluggy
from attrs import evolve, frozen

from coworkreg_core.documents import DocumentRequest, render_document
from coworkreg_core.errors import (
    ConflictError,
    RecordNotFound,
    TransitionForbidden,
    WorkflowError,
)
from coworkreg_core.hookspecs import TransitionEvent
from coworkreg_core.notify import channels_from_plugins
from coworkreg_core.outbox import MessageComposer, Outbox
from coworkreg_core.outbox import Outcome as Delivery
from coworkreg_core.plugins import get_plugin_manager
from coworkreg_core.publication import Publication
from coworkreg_core.registry.approval import approval_payload, require_eligible
from coworkreg_core.registry.archive import ArchiveChannel
from coworkreg_core.registry.clock import TransactionClock
from coworkreg_core.registry.contexts import cite, public_list_context
from coworkreg_core.registry.recording import Recorder, canonical, filed_on
from coworkreg_core.registry.sampling import SampleDraw, draw_sample
from coworkreg_core.render import renderers_from_plugins
from coworkreg_core.rules import RuleSet, Verdict, evaluate, load_ruleset, rule_functions
from coworkreg_core.storage import open_storage
from coworkreg_core.storage.base import Storage, Transaction
from coworkreg_core.storage.records import Application, Listing
from coworkreg_core.towns import Towns
from coworkreg_core.validation import provider_validator
from coworkreg_core.workflow import (
    SYSTEM,
    Actor,
    ClockStatus,
    HistoryEntry,
    Instance,
    available,
    calendar_for_town,
    due,
    fire,
    new_instance,
    verify_chain,
    why_not,
    workflow_for_town,
)
from coworkreg_core.workflow import worklist as workflow_worklist
from coworkreg_core.workflow.guards import GuardFailure

log = logging.getLogger(__name__)
PDF = "application/pdf"


def _utc_now() -> datetime:
    return datetime.now(UTC)


@frozen
class WorkItem:
    """One application on a reviewer's worklist, with where its term stands."""

    worklist: str
    application: Application
    status: ClockStatus

    @property
    def days_left(self) -> int:
        """Days to the deadline (negative when overdue), or of the term while suspended."""
        return self.status.remaining


class Registry:
    """A town's register: file, review, decide, list, publish, renew.

    Build one with :meth:`open` from a storage URL, or pass an open storage.
    Every method that changes data takes ``now`` (an aware datetime), so the
    procedure can be replayed on fixed dates; it defaults to the clock.
    """

    def __init__(
        self,
        *,
        town: str,
        storage: Storage,
        pm: pluggy.PluginManager | None = None,
        towns: Towns | None = None,
        config: Mapping[str, Any] | None = None,
        clock: Callable[[], datetime] = _utc_now,
        storage_clock: TransactionClock | None = None,
    ) -> None:
        """Use an open ``storage``; pass the ``storage_clock`` it was opened with, if any,
        so that stored times follow the ``now`` given to each call."""
        self.pm = pm if pm is not None else get_plugin_manager()
        self.storage = storage
        self.towns = towns if towns is not None else Towns.from_plugins(self.pm)
        self.pack = self.towns.get(town)
        self.town = self.pack.id
        self.definition = workflow_for_town(self.towns, town)
        self.calendar = calendar_for_town(self.towns, town)
        self.functions = rule_functions(self.pm)
        self.rules: RuleSet = load_ruleset(town, towns=self.towns, functions=self.functions)
        self.config: dict[str, Any] = dict(config or {})
        self._clock = clock
        self._storage_clock = storage_clock
        self.sender: str = self.config.get("sender") or self.pack.pec or f"{self.town}@invalid"
        self.recorder = Recorder(
            town=self.town,
            town_name=self.pack.name,
            definition=self.definition,
            calendar=self.calendar,
            rules=self.rules,
            functions=self.functions,
            sender=self.sender,
            channel_for=dict(self.config.get("channel_for", {})),
            signer=self.config.get("signer"),
        )

    @classmethod
    def open(
        cls,
        url: str,
        town: str,
        *,
        pm: pluggy.PluginManager | None = None,
        config: Mapping[str, Any] | None = None,
        clock: Callable[[], datetime] = _utc_now,
    ) -> Registry:
        """Open the storage at ``url`` and the pack of ``town``."""
        pm = pm if pm is not None else get_plugin_manager()
        storage_clock = TransactionClock(clock)
        storage = open_storage(url, pm=pm, config={**(config or {}), "clock": storage_clock})
        try:
            return cls(
                town=town,
                storage=storage,
                pm=pm,
                config=config,
                clock=clock,
                storage_clock=storage_clock,
            )
        except BaseException:
            storage.close()
            raise

    def close(self) -> None:
        """Close the storage."""
        self.storage.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- filing -----------------------------------------------------------------

    def file(
        self,
        provider: Mapping[str, Any],
        applicant: Actor,
        *,
        kind: str = "new",
        listing: str | None = None,
        now: datetime | None = None,
    ) -> Application:
        """File an application: validate, take a protocol number, store, send the receipt.

        :raise DocumentInvalid: the provider document breaks the schema (nothing is stored).
        :raise RecordNotFound: a renewal or variation names a listing that does not exist.
        """
        now = self._now(now)
        document = json.loads(json.dumps(provider))
        provider_validator().check(document, what="application")
        if kind != "new":
            if listing is None:
                raise ValueError(f"a {kind} application must name the listing it is about")
            self._own_listing(listing)
        app_id = str(uuid.uuid4())
        instance = new_instance(self.definition, now, owner=applicant.id, variables={"kind": kind})
        draft = Application(
            id=app_id,
            town=self.town,
            kind=kind,  # type: ignore[arg-type]  # checked by the storage and the rules
            provider=document,
            workflow_id=self.definition.id,
            workflow_version=str(self.definition.version),
            state=instance.state,
            instance=instance.to_json(),
            listing_id=listing,
        )
        with self._unit_of_work(now) as tx:
            stored = tx.add_application(draft)
            digest = tx.put_document(canonical(document), "application/json")
            filed = tx.register_protocol(
                direction="in",
                correspondent=document["organisation"]["name"],
                subject=f"Domanda di iscrizione all'elenco dei fornitori di coworking ({kind})",
                document_sha256=digest,
                application_id=app_id,
            )
            stored = evolve(stored, protocol_number=filed.reference)
            outcome = fire(
                self.definition,
                instance,
                "submit",
                applicant,
                {"protocol_number": filed.formatted},
                now=now,
                functions=self.functions,
            )
            stored, event = self.recorder.record(
                tx, stored, outcome, "submit", {}, now, applicant, filed=filed
            )
        self._after(event)
        return stored

    def renew(
        self,
        registration_number: str,
        provider: Mapping[str, Any],
        applicant: Actor,
        *,
        now: datetime | None = None,
    ) -> Application:
        """File a renewal of a listing before it expires."""
        return self.file(provider, applicant, kind="renewal", listing=registration_number, now=now)

    def vary(
        self,
        registration_number: str,
        provider: Mapping[str, Any],
        applicant: Actor,
        *,
        now: datetime | None = None,
    ) -> Application:
        """File a variation of a listing's data; it is evaluated again like a new application."""
        return self.file(
            provider, applicant, kind="variation", listing=registration_number, now=now
        )

    # -- review and decisions -------------------------------------------------------------

    def transition(
        self,
        application_id: str,
        transition: str,
        actor: Actor,
        payload: Mapping[str, Any] | None = None,
        *,
        now: datetime | None = None,
        expected_version: int | None = None,
    ) -> Application:
        """Fire ``transition`` on an application; it happens whole or not at all.

        The engine decides inside the same transaction that stores the result,
        so a number taken for the decision (a registration number) is never lost.

        :param expected_version: the version the caller showed to the clerk;
            if the application changed since, ``ConflictError`` and nothing happens.
        :raise TransitionForbidden, NoSuchTransition, InvalidPayload: nothing changed.
        :raise ConflictError: someone else changed the application meanwhile.
        """
        now = self._now(now)
        with self._unit_of_work(now) as tx:
            application = self._own_application(tx, application_id)
            if expected_version is not None and application.version != expected_version:
                raise ConflictError(
                    "application", application_id, expected_version, application.version
                )
            given = dict(payload or {})
            if transition == "approve":
                require_eligible(self.rules, application)
                given = approval_payload(tx, self.rules, self.town, application, given, now)
            outcome = fire(
                self.definition,
                Instance.from_json(application.instance),
                transition,
                actor,
                given,
                now=now,
                functions=self.functions,
            )
            stored, event = self.recorder.record(
                tx, application, outcome, transition, given, now, actor
            )
        self._after(event)
        return stored

    def request_integration(
        self,
        application_id: str,
        actor: Actor,
        reason: str,
        documents: Sequence[str] = (),
        *,
        now: datetime | None = None,
    ) -> Application:
        """Ask the applicant for documents; the term stops until they answer."""
        payload: dict[str, Any] = {"reason": reason}
        if documents:
            payload["documents"] = list(documents)
        return self.transition(application_id, "request_integration", actor, payload, now=now)

    def send_refusal_notice(
        self, application_id: str, actor: Actor, *, now: datetime | None = None
    ) -> Application:
        """Send the notice of grounds for refusal (art. 10-bis) with the failing rules as grounds.

        :raise WorkflowError: no blocking rule fails, so there are no grounds to state.
        """
        grounds = self.verdict(application_id).grounds()
        if not grounds:
            raise WorkflowError("no blocking rule fails: there are no grounds to notify")
        payload = {
            "reasons": "; ".join(g.message.it for g in grounds),
            "legal_basis": "; ".join(sorted({cite(g.reference.as_dict("it")) for g in grounds})),
        }
        return self.transition(application_id, "send_refusal_notice", actor, payload, now=now)

    def refuse(
        self,
        application_id: str,
        actor: Actor,
        *,
        observations_assessment: str | None = None,
        now: datetime | None = None,
    ) -> Application:
        """Refuse, on the grounds that still fail, after the refusal notice."""
        grounds = self.verdict(application_id).grounds()
        payload: dict[str, Any] = {
            "reasons": "; ".join(g.message.it for g in grounds) or "Requisiti non soddisfatti.",
            "legal_basis": "; ".join(sorted({cite(g.reference.as_dict("it")) for g in grounds}))
            or "art. 10-bis L. 241/1990",
        }
        if observations_assessment:
            payload["observations_assessment"] = observations_assessment
        return self.transition(application_id, "refuse", actor, payload, now=now)

    def approve(
        self, application_id: str, actor: Actor, *, now: datetime | None = None
    ) -> Application:
        """List the provider: a registration number and a validity from the town's rules."""
        return self.transition(application_id, "approve", actor, {}, now=now)

    # -- timers and the outbox --------------------------------------------------------------

    def run_timers(self, *, now: datetime | None = None) -> list[Application]:
        """Fire every timer transition that has come due (no answer, validity over)."""
        now = self._now(now)
        timed = sorted(
            {
                state
                for state in self.definition.states
                for t in self.definition.exits(state)
                if t.trigger == "timer"
            }
        )
        fired = []
        for application in self.storage.worklist(timed, town=self.town, limit=100_000):
            instance = Instance.from_json(application.instance)
            for timer in due(self.definition, instance, now):
                fired.append(self.transition(application.id, timer.transition, SYSTEM, now=now))
                break
        return fired

    def outbox(self, *, clock: Callable[[], datetime] | None = None) -> Outbox:
        """The outbox with this registry's channels, renderers and archive."""
        channels = dict(channels_from_plugins(self.pm, self.config))
        channels.setdefault("archive", ArchiveChannel(self.storage))
        composer = MessageComposer(
            towns=self.towns,
            renderers=renderers_from_plugins(self.pm, self.config),
            domain=self.config.get("mail_domain", f"{self.town}.coworkreg.invalid"),
        )
        return Outbox(self.storage, channels, composer.compose, clock=clock or self._clock)

    def deliver(self, *, limit: int = 100, now: datetime | None = None) -> list[Delivery]:
        """Deliver what is due in the outbox at ``now``; failures stay there to be retried."""
        moment = self._now(now)
        outbox = self.outbox(clock=lambda: moment)
        if self._storage_clock is None:
            return outbox.deliver_due(limit=limit)
        with self._storage_clock.at(moment):
            return outbox.deliver_due(limit=limit)

    # -- queries ---------------------------------------------------------------------------

    def application(self, application_id: str) -> Application:
        """The stored application of this town; ``RecordNotFound`` otherwise."""
        application = self.storage.get_application(application_id)
        if application.town != self.town:
            raise RecordNotFound("application", application_id)
        return application

    def verdict(self, application_id: str, *, on: date | None = None) -> Verdict:
        """The rules' verdict on an application, on the day it was filed unless ``on``."""
        application = self.application(application_id)
        day = on if on is not None else filed_on(application)
        return evaluate(self.rules, application.provider, on=day, kind=application.kind)

    def history(self, application_id: str) -> list[HistoryEntry]:
        """The review history, oldest first, after checking its hash chain.

        :raise WorkflowError: the chain is broken: an entry was changed.
        """
        entries = [
            HistoryEntry.from_json(stored.entry) for stored in self.storage.history(application_id)
        ]
        broken = verify_chain(entries)
        if broken is not None:
            raise WorkflowError(f"history of {application_id} is broken: {broken}")
        return entries

    def status(self, application_id: str, *, today: date | None = None) -> ClockStatus:
        """Where the legal term of an application stands."""
        instance = Instance.from_json(self.application(application_id).instance)
        return instance.clock.status(self.calendar, today or self._now(None).date())

    def actions(
        self, application_id: str, actor: Actor
    ) -> tuple[list[str], dict[str, GuardFailure]]:
        """What ``actor`` may do now, and for each other exit why not."""
        instance = Instance.from_json(self.application(application_id).instance)
        now = self._now(None)
        return (
            available(self.definition, instance, actor, functions=self.functions, now=now),
            why_not(self.definition, instance, actor, functions=self.functions, now=now),
        )

    def worklist(self, actor: Actor, *, today: date | None = None) -> list[WorkItem]:
        """Everything ``actor`` must do, across the town's worklists, nearest deadline first."""
        day = today or self._now(None).date()
        states = sorted({s for w in self.definition.worklists.values() for s in w.states})
        applications = {
            a.id: a for a in self.storage.worklist(states, town=self.town, limit=100_000)
        }
        pairs = [(a.id, Instance.from_json(a.instance)) for a in applications.values()]
        items: dict[str, WorkItem] = {}
        for name in self.definition.worklists:
            for item in workflow_worklist(
                self.definition,
                name,
                pairs,
                actor,
                calendar=self.calendar,
                today=day,
                functions=self.functions,
            ):
                key = str(item.key)
                items.setdefault(key, WorkItem(name, applications[key], item.status))
        return sorted(items.values(), key=_urgency)

    # -- publication and checks --------------------------------------------------------------

    def publication(self, on: date) -> Publication:
        """The public list as on ``on``: listings in force, minimised."""
        listings = self.storage.public_list(self.town, on)
        return Publication(
            town_name=self.pack.name,
            ipa_code=self.pack.ipa_code or self.town,
            as_of=on,
            entries=tuple(dict(listing.public_data) for listing in listings),
        )

    def publish(
        self, on: date, directory: Path, *, base_url: str | None = None, pdf: bool = True
    ) -> list[Path]:
        """Write the public list in every format into ``directory``."""
        publication = self.publication(on)
        rendered = self._public_list_pdf(publication) if pdf else None
        return publication.write(
            directory, base_url=base_url or directory.resolve().as_uri() + "/", pdf=rendered
        )

    def sample_checks(
        self, *, on: date, seed: str, actor: Actor, now: datetime | None = None
    ) -> SampleDraw:
        """Draw the art. 71 sample of listed providers and record the draw.

        The share is the town's ``sample_check_share`` parameter on ``on``.

        :raise TransitionForbidden: ``actor`` holds no role that may manage
            listings (``manage_listing`` in any state of the procedure).
        """
        now = self._now(now)
        managers = frozenset().union(
            *(state.roles_with("manage_listing") for state in self.definition.states.values())
        )
        if not actor.roles & managers:
            raise TransitionForbidden(
                "sample_checks", "role", f"needs one of: {', '.join(sorted(managers))}"
            )
        share = float(self.rules.parameter("sample_check_share", on).value)
        numbers = [
            listing.registration_number for listing in self.storage.public_list(self.town, on)
        ]
        draw = draw_sample(self.town, on, numbers, share=share, seed=seed)
        with self._unit_of_work(now) as tx:
            tx.put_document(draw.canonical_bytes(), "application/json")
            tx.register_protocol(
                direction="out",
                correspondent=f"{self.pack.name} ({actor.id})",
                subject=f"Controlli a campione art. 71 DPR 445/2000: {len(draw.chosen)} "
                f"di {len(draw.population)} iscritti, seme {seed!r}",
                document_sha256=draw.sha256,
            )
        return draw

    def provide_integration(
        self,
        application_id: str,
        applicant: Actor,
        provider: Mapping[str, Any] | None = None,
        *,
        comment: str | None = None,
        now: datetime | None = None,
    ) -> Application:
        """Answer an integration request, with the corrected application if there is one.

        The corrected document is validated first; it replaces the filed one in
        the same transaction as the answer, and the term resumes.
        """
        document = None
        if provider is not None:
            document = json.loads(json.dumps(provider))
            provider_validator().check(document, what="application")
        payload = {"comment": comment} if comment else {}
        now = self._now(now)
        with self._unit_of_work(now) as tx:
            application = self._own_application(tx, application_id)
            outcome = fire(
                self.definition,
                Instance.from_json(application.instance),
                "provide_integration",
                applicant,
                payload,
                now=now,
                functions=self.functions,
            )
            if document is not None:
                application = tx.save_application(evolve(application, provider=document))
                tx.put_document(canonical(document), "application/json")
            stored, event = self.recorder.record(
                tx, application, outcome, "provide_integration", payload, now, applicant
            )
        self._after(event)
        return stored

    # -- internals ---------------------------------------------------------------------------

    @contextmanager
    def _unit_of_work(self, now: datetime) -> Iterator[Transaction]:
        """A storage transaction whose stored times and protocol year are ``now``'s."""
        if self._storage_clock is None:
            with self.storage.transaction() as tx:
                yield tx
            return
        with self._storage_clock.at(now), self.storage.transaction() as tx:
            yield tx

    def _now(self, now: datetime | None) -> datetime:
        value = now if now is not None else self._clock()
        if value.tzinfo is None:
            raise ValueError("times must be aware datetimes")
        return value

    def _own_application(self, tx: Transaction, application_id: str) -> Application:
        application = tx.get_application(application_id)
        if application.town != self.town:
            raise RecordNotFound("application", application_id)
        return application

    def _own_listing(self, registration_number: str) -> Listing:
        listing = self.storage.get_listing(registration_number)
        if listing.town != self.town:
            raise RecordNotFound("listing", registration_number)
        return listing

    def _after(self, event: TransitionEvent) -> None:
        """Tell the plugins; their failure is logged, never a reason to undo."""
        try:
            self.pm.hook.coworkreg_after_transition(event=event)
        except Exception:  # a plugin's fault must not look like the transition failed
            log.exception("a coworkreg_after_transition hook failed for %s", event.transition)

    def _public_list_pdf(self, publication: Publication) -> bytes | None:
        renderer = renderers_from_plugins(self.pm, self.config).get(PDF)
        if renderer is None:
            return None
        request = DocumentRequest("public_list", self.town, public_list_context(publication))
        return render_document(renderer, request, self.towns)


def _urgency(item: WorkItem) -> tuple[int, date, str]:
    deadline = item.status.deadline
    return (0, deadline, item.application.id) if deadline else (1, date.max, item.application.id)

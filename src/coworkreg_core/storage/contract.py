"""The storage contract as tests: what every back end must do, whatever its database.

A back end's test module subclasses :class:`StorageContract` and provides a
``storage`` fixture that opens an empty store with ``config={"clock": clock}``,
using the contract's ``clock`` fixture, and closes it afterwards::

    class TestMyBackEnd(StorageContract):
        @pytest.fixture
        def storage(self, clock):
            with open_storage(URL, config={"clock": clock}) as storage:
                yield storage

Importing this module needs pytest; the library never imports it.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta
from typing import Any

import attrs
import pytest

from coworkreg_core.errors import ConflictError, DuplicateRecord, RecordNotFound
from coworkreg_core.storage.base import Storage
from coworkreg_core.storage.records import Application, Listing

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        """Move forward by ``timedelta(**delta)``."""
        self.now += timedelta(**delta)


class Boom(Exception):
    """Raised by tests to abandon a transaction."""


def make_application(app_id: str = "app-1", **changes: Any) -> Application:
    """An unsaved application with plausible data; ``changes`` override fields."""
    base = Application(
        id=app_id,
        town="seregno",
        kind="new",
        provider={"name": "Spazio Comune s.r.l.", "services": ["connectivity", "cleaning"]},
        workflow_id="seregno-listing",
        workflow_version="1",
        state="submitted",
        instance={"state": "submitted", "clock": {"started": "2026-03-02"}},
    )
    return attrs.evolve(base, **changes)


def make_listing(number: str, application_id: str, **changes: Any) -> Listing:
    """An unsaved listing of ``application_id``; ``changes`` override fields."""
    base = Listing(
        registration_number=number,
        application_id=application_id,
        town="seregno",
        public_data={"name": f"Provider {number}"},
        valid_from=date(2026, 1, 1),
        valid_until=date(2026, 12, 31),
    )
    return attrs.evolve(base, **changes)


def add(storage: Storage, *applications: Application) -> list[Application]:
    """Store ``applications`` in one transaction; return them as stored."""
    with storage.transaction() as tx:
        return [tx.add_application(app) for app in applications]


class StorageContract:
    """Everything a storage back end promises. Subclass it with a ``storage`` fixture."""

    @pytest.fixture
    def clock(self) -> FakeClock:
        """The time the storage under test reads."""
        return FakeClock()


class TestApplicationsContract(StorageContract):
    """Applications: stored whole, versioned, and never silently overwritten."""

    def test_added_application_reads_back_equal_with_version_one(
        self, storage: Storage, clock: FakeClock
    ) -> None:
        """What is added is what is read, with version 1 and the storage's time."""
        [stored] = add(storage, make_application(deadline=date(2026, 4, 1), reviewer="rossi"))
        read = storage.get_application("app-1")
        assert read == stored
        assert read.version == 1
        assert read.created_at == read.updated_at == clock.now
        assert read.deadline == date(2026, 4, 1)
        assert read.reviewer == "rossi"

    def test_json_documents_round_trip(self, storage: Storage) -> None:
        """Nested objects, lists, numbers, booleans, null and Italian text survive intact."""
        provider = {
            "name": "Società Cooperativa «Lavoro Agile»",
            "spaces": [{"workstations": 12, "mbps": 1000.5, "childcare": False, "note": None}],
        }
        add(storage, make_application(provider=provider, instance={"a": {"b": [1, "2", True]}}))
        read = storage.get_application("app-1")
        assert read.provider == provider
        assert read.instance == {"a": {"b": [1, "2", True]}}

    def test_save_with_the_version_read_increments_it(
        self, storage: Storage, clock: FakeClock
    ) -> None:
        """A save based on the current version succeeds and bumps the version."""
        [stored] = add(storage, make_application())
        clock.advance(minutes=5)
        with storage.transaction() as tx:
            saved = tx.save_application(attrs.evolve(stored, state="under_review"))
        assert saved.version == 2
        read = storage.get_application("app-1")
        assert (read.state, read.version) == ("under_review", 2)
        assert read.updated_at == clock.now
        assert read.created_at == stored.created_at

    def test_stale_save_is_a_conflict_and_changes_nothing(self, storage: Storage) -> None:
        """A save based on an old version raises ConflictError and leaves the winner's data."""
        [stored] = add(storage, make_application())
        with storage.transaction() as tx:
            tx.save_application(attrs.evolve(stored, state="under_review"))
        with pytest.raises(ConflictError) as caught, storage.transaction() as tx:
            tx.save_application(attrs.evolve(stored, state="withdrawn"))
        assert (caught.value.expected, caught.value.found) == (1, 2)
        assert storage.get_application("app-1").state == "under_review"

    def test_saving_an_unknown_application_is_not_found(self, storage: Storage) -> None:
        """Saving an id that was never added raises RecordNotFound, not a conflict."""
        with pytest.raises(RecordNotFound), storage.transaction() as tx:
            tx.save_application(make_application("ghost", version=1))

    def test_reading_an_unknown_application_is_not_found(self, storage: Storage) -> None:
        """Reading an id that was never added raises RecordNotFound naming it."""
        with pytest.raises(RecordNotFound, match="ghost"):
            storage.get_application("ghost")

    def test_adding_an_existing_id_is_refused(self, storage: Storage) -> None:
        """Two applications cannot share an id."""
        add(storage, make_application())
        with pytest.raises(DuplicateRecord):
            add(storage, make_application(state="draft"))
        assert storage.get_application("app-1").state == "submitted"


class TestTransactionsContract(StorageContract):
    """A unit of work commits whole or not at all."""

    def test_an_error_rolls_back_every_write(self, storage: Storage) -> None:
        """Application, history, protocol number, outbox item and document all vanish."""
        content = b"%PDF-1.7 receipt"

        def write_everything_then_fail() -> None:
            with storage.transaction() as tx:
                tx.add_application(make_application())
                tx.append_history("app-1", {"to": "submitted"}, hash="h1", previous_hash=None)
                tx.register_protocol(direction="in", correspondent="A", subject="domanda")
                tx.enqueue("pec", {"to": "a@pec.it"}, key="receipt-app-1", application_id="app-1")
                tx.put_document(content, "application/pdf")
                raise Boom

        with pytest.raises(Boom):
            write_everything_then_fail()
        digest = hashlib.sha256(content).hexdigest()
        with pytest.raises(RecordNotFound):
            storage.get_application("app-1")
        assert storage.history("app-1") == []
        assert storage.protocol_entries(2026) == []
        assert storage.list_outbox() == []
        with pytest.raises(RecordNotFound):
            storage.get_document(digest)

    def test_a_conflict_rolls_back_the_writes_before_it(self, storage: Storage) -> None:
        """History appended before a stale save is undone with it."""
        [stored] = add(storage, make_application())
        with storage.transaction() as tx:
            tx.save_application(attrs.evolve(stored, state="under_review"))

        def append_then_save_stale() -> None:
            with storage.transaction() as tx:
                tx.append_history("app-1", {"to": "withdrawn"}, hash="h9", previous_hash=None)
                tx.save_application(attrs.evolve(stored, state="withdrawn"))

        with pytest.raises(ConflictError):
            append_then_save_stale()
        assert storage.history("app-1") == []

    def test_reads_inside_a_transaction_see_its_writes(self, storage: Storage) -> None:
        """Within the unit of work, what was written is already visible."""
        with storage.transaction() as tx:
            tx.add_application(make_application())
            tx.append_history("app-1", {"to": "submitted"}, hash="h1", previous_hash=None)
            assert tx.get_application("app-1").state == "submitted"
            assert [e.seq for e in tx.history("app-1")] == [1]


class TestHistoryContract(StorageContract):
    """History is kept in order, as given."""

    def test_entries_come_back_in_order_with_their_hashes(
        self, storage: Storage, clock: FakeClock
    ) -> None:
        """Sequence numbers count from 1; entry, hash and previous hash are kept."""
        add(storage, make_application(), make_application("app-2"))
        previous = None
        for n in range(1, 4):
            with storage.transaction() as tx:
                tx.append_history("app-1", {"n": n}, hash=f"h{n}", previous_hash=previous)
                tx.append_history("app-2", {"other": n}, hash=f"x{n}", previous_hash=None)
            previous = f"h{n}"
            clock.advance(seconds=1)
        entries = storage.history("app-1")
        assert [(e.seq, e.entry, e.hash, e.previous_hash) for e in entries] == [
            (1, {"n": 1}, "h1", None),
            (2, {"n": 2}, "h2", "h1"),
            (3, {"n": 3}, "h3", "h2"),
        ]
        assert entries[0].recorded_at == START
        assert entries[2].recorded_at == START + timedelta(seconds=2)


class TestProtocolRegisterContract(StorageContract):
    """DPR 445/2000 art. 53 and 57: progressive, gap-free, yearly, at least seven digits."""

    def _take(self, storage: Storage, subject: str = "domanda") -> str:
        with storage.transaction() as tx:
            return tx.register_protocol(
                direction="in", correspondent="Spazio Comune", subject=subject
            ).reference

    def test_numbers_are_progressive_with_seven_digits(self, storage: Storage) -> None:
        """The first three numbers of the year are 0000001, 0000002, 0000003."""
        assert [self._take(storage) for _ in range(3)] == [
            "2026-0000001",
            "2026-0000002",
            "2026-0000003",
        ]

    def test_a_rolled_back_number_is_given_again(self, storage: Storage) -> None:
        """A transaction that fails returns its number: the register has no gap."""
        self._take(storage)

        def take_then_fail() -> None:
            with storage.transaction() as tx:
                tx.register_protocol(direction="out", correspondent="B", subject="ricevuta")
                raise Boom

        with pytest.raises(Boom):
            take_then_fail()
        assert self._take(storage) == "2026-0000002"
        assert [e.number for e in storage.protocol_entries(2026)] == [1, 2]

    def test_numbering_restarts_with_the_italian_calendar_year(
        self, storage: Storage, clock: FakeClock
    ) -> None:
        """31 December 23:30 UTC is already 1 January in Italy: number 1 of the new year."""
        self._take(storage)
        clock.now = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
        assert self._take(storage) == "2027-0000001"
        assert self._take(storage) == "2027-0000002"
        assert [e.number for e in storage.protocol_entries(2026)] == [1]

    def test_the_entry_keeps_the_article_53_fields(
        self, storage: Storage, clock: FakeClock
    ) -> None:
        """Date, direction, correspondent, subject, digest and the sender's reference are kept."""
        add(storage, make_application())
        digest = hashlib.sha256(b"domanda").hexdigest()
        with storage.transaction() as tx:
            entry = tx.register_protocol(
                direction="in",
                correspondent="Spazio Comune s.r.l.",
                subject="Domanda di iscrizione all'elenco",
                document_sha256=digest,
                external_reference="prot. 12 del 2026-02-27",
                application_id="app-1",
            )
        assert storage.protocol_entries(2026) == [entry]
        assert storage.get_protocol_entry(2026, 1) == entry
        assert entry.registered_at == clock.now
        assert entry.formatted == "0000001"

    def test_an_unknown_entry_is_not_found(self, storage: Storage) -> None:
        """Asking for a number never given raises RecordNotFound naming it."""
        with pytest.raises(RecordNotFound, match="2026-0000007"):
            storage.get_protocol_entry(2026, 7)

    def test_a_direction_other_than_in_or_out_is_refused(self, storage: Storage) -> None:
        """Only received (in) and sent (out) documents are registered."""
        with pytest.raises(ValueError, match="direction"), storage.transaction() as tx:
            tx.register_protocol(direction="sideways", correspondent="A", subject="s")  # type: ignore[arg-type]


class TestCountersContract(StorageContract):
    """Named series (registration numbers): progressive, gap-free, independent."""

    def test_each_series_counts_from_one(self, storage: Storage) -> None:
        """Two series do not share numbers."""
        with storage.transaction() as tx:
            taken = [tx.next_number("listing/seregno/2026") for _ in range(3)]
            taken.append(tx.next_number("listing/desio/2026"))
        with storage.transaction() as tx:
            taken.append(tx.next_number("listing/seregno/2026"))
        assert taken == [1, 2, 3, 1, 4]

    def test_a_rolled_back_number_is_given_again(self, storage: Storage) -> None:
        """A number taken in a failed transaction is the next one handed out."""

        def take_then_fail() -> None:
            with storage.transaction() as tx:
                tx.next_number("listing/seregno/2026")
                raise Boom

        with pytest.raises(Boom):
            take_then_fail()
        with storage.transaction() as tx:
            assert tx.next_number("listing/seregno/2026") == 1


class TestOutboxContract(StorageContract):
    """Effects wait in the outbox until delivered, retried, or declared dead."""

    def test_the_same_key_is_queued_once(self, storage: Storage) -> None:
        """Enqueuing a key again returns the first item and adds nothing."""
        with storage.transaction() as tx:
            first = tx.enqueue("pec", {"n": 1}, key="k")
        with storage.transaction() as tx:
            again = tx.enqueue("pec", {"n": 2}, key="k")
        assert again == first
        assert [item.payload for item in storage.list_outbox()] == [{"n": 1}]

    def test_claim_leases_due_items_and_counts_an_attempt(
        self, storage: Storage, clock: FakeClock
    ) -> None:
        """Due items are leased once; a future item waits; a lapsed lease makes it due again."""
        with storage.transaction() as tx:
            tx.enqueue("pec", {"n": 1}, key="now")
            tx.enqueue("pec", {"n": 2}, key="later", not_before=clock.now + timedelta(hours=1))
        claimed = storage.claim_outbox(limit=10, lease_seconds=60)
        assert [(item.key, item.attempts) for item in claimed] == [("now", 1)]
        assert storage.claim_outbox() == []
        clock.advance(seconds=61)
        assert [item.key for item in storage.claim_outbox()] == ["now"]
        clock.advance(hours=1)
        assert [item.key for item in storage.claim_outbox()] == ["now", "later"]

    def test_claim_respects_the_limit_oldest_first(self, storage: Storage) -> None:
        """With more due items than the limit, the oldest are leased."""
        with storage.transaction() as tx:
            for n in range(5):
                tx.enqueue("maildir", {"n": n}, key=f"k{n}")
        assert [item.key for item in storage.claim_outbox(limit=2)] == ["k0", "k1"]

    def test_a_sent_item_keeps_the_reply_and_is_not_claimed_again(
        self, storage: Storage, clock: FakeClock
    ) -> None:
        """mark_sent records the server's answer and the time."""
        with storage.transaction() as tx:
            tx.enqueue("pec", {"n": 1}, key="k")
        [item] = storage.claim_outbox()
        sent = storage.mark_sent(item.id, {"server_reply": "250 2.0.0 Ok: queued"})
        assert (sent.status, sent.reply, sent.sent_at) == (
            "sent",
            {"server_reply": "250 2.0.0 Ok: queued"},
            clock.now,
        )
        clock.advance(days=1)
        assert storage.claim_outbox() == []
        assert storage.list_outbox(status="sent") == [sent]

    def test_failures_retry_then_die_then_can_be_revived(
        self, storage: Storage, clock: FakeClock
    ) -> None:
        """A failed item waits for its next attempt; after the last one it is dead until retried."""
        with storage.transaction() as tx:
            tx.enqueue("pec", {"n": 1}, key="k")
        for attempt in (1, 2, 3):
            [item] = storage.claim_outbox()
            assert item.attempts == attempt
            failed = storage.mark_failed(
                item.id, f"421 try {attempt}", next_attempt_at=clock.now, max_attempts=3
            )
        assert (failed.status, failed.last_error) == ("dead", "421 try 3")
        assert storage.claim_outbox() == []
        assert [item.key for item in storage.list_outbox(status="dead")] == ["k"]
        assert storage.retry_dead() == 1
        [revived] = storage.claim_outbox()
        assert (revived.status, revived.attempts) == ("pending", 1)

    def test_a_failure_waits_until_the_next_attempt_time(
        self, storage: Storage, clock: FakeClock
    ) -> None:
        """A rescheduled item is not due before the time given."""
        with storage.transaction() as tx:
            tx.enqueue("pec", {"n": 1}, key="k")
        [item] = storage.claim_outbox(lease_seconds=1)
        storage.mark_failed(
            item.id, "timeout", next_attempt_at=clock.now + timedelta(minutes=10), max_attempts=5
        )
        clock.advance(minutes=9)
        assert storage.claim_outbox() == []
        clock.advance(minutes=1)
        assert [i.key for i in storage.claim_outbox()] == ["k"]

    def test_retry_dead_can_name_items(self, storage: Storage) -> None:
        """Only the dead items named are revived."""
        with storage.transaction() as tx:
            tx.enqueue("pec", {}, key="a")
            tx.enqueue("pec", {}, key="b")
        for item in storage.claim_outbox():
            storage.mark_failed(item.id, "550", next_attempt_at=START, max_attempts=1)
        dead = storage.list_outbox(status="dead")
        assert storage.retry_dead([dead[0].id]) == 1
        assert [item.key for item in storage.list_outbox(status="dead")] == ["b"]

    def test_marking_an_unknown_item_is_not_found(self, storage: Storage) -> None:
        """An id the outbox never had raises RecordNotFound."""
        with pytest.raises(RecordNotFound):
            storage.mark_sent(424242)


class TestDocumentsContract(StorageContract):
    """Documents are stored once, by their SHA-256."""

    def test_put_returns_the_digest_and_get_returns_the_bytes(self, storage: Storage) -> None:
        """The key is the SHA-256 of the content; the content comes back byte for byte."""
        content = bytes(range(256)) * 40
        with storage.transaction() as tx:
            digest = tx.put_document(content, "application/pdf")
        assert digest == hashlib.sha256(content).hexdigest()
        stored = storage.get_document(digest)
        assert (stored.content, stored.media_type) == (content, "application/pdf")

    def test_putting_the_same_content_twice_is_harmless(self, storage: Storage) -> None:
        """The second put returns the same digest and keeps one copy."""
        with storage.transaction() as tx:
            first = tx.put_document(b"same", "text/plain")
            second = tx.put_document(b"same", "text/plain")
        assert first == second

    def test_an_unknown_digest_is_not_found(self, storage: Storage) -> None:
        """Asking for content never stored raises RecordNotFound."""
        with pytest.raises(RecordNotFound):
            storage.get_document("0" * 64)


class TestQueriesContract(StorageContract):
    """Worklists and the public list."""

    def test_worklist_filters_by_state_and_sorts_by_deadline(self, storage: Storage) -> None:
        """Nearest deadline first, applications without one last, other states left out."""
        add(
            storage,
            make_application("late", deadline=date(2026, 5, 1)),
            make_application("none", deadline=None),
            make_application("soon", state="under_review", deadline=date(2026, 3, 10)),
            make_application("draft", state="draft", deadline=date(2026, 3, 1)),
            make_application("desio", town="desio", deadline=date(2026, 3, 5)),
        )
        found = storage.worklist(["submitted", "under_review"])
        assert [a.id for a in found] == ["desio", "soon", "late", "none"]
        assert [a.id for a in storage.worklist(["submitted"], town="seregno")] == ["late", "none"]
        assert [a.id for a in storage.worklist(["submitted", "under_review"], limit=2)] == [
            "desio",
            "soon",
        ]
        assert storage.worklist([]) == []

    def test_public_list_holds_listings_in_force_on_the_day(self, storage: Storage) -> None:
        """Listed and within validity: in; suspended, expired, future or other town: out."""
        apps = [make_application(f"a{n}") for n in range(6)]
        add(storage, *apps)
        with storage.transaction() as tx:
            tx.add_listing(make_listing("SER-0001", "a0"))
            tx.add_listing(make_listing("SER-0002", "a1", state="suspended"))
            tx.add_listing(make_listing("SER-0003", "a2", valid_until=date(2026, 2, 28)))
            tx.add_listing(make_listing("SER-0004", "a3", valid_from=date(2026, 6, 1)))
            tx.add_listing(make_listing("DES-0001", "a4", town="desio"))
            tx.add_listing(make_listing("SER-0005", "a5", valid_until=None))
        on = date(2026, 3, 15)
        public = storage.public_list("seregno", on)
        assert [entry.registration_number for entry in public] == ["SER-0001", "SER-0005"]
        assert all(entry.valid_on(on) for entry in public)
        edge = storage.public_list("seregno", date(2026, 12, 31))
        assert [entry.registration_number for entry in edge] == ["SER-0001", "SER-0004", "SER-0005"]


class TestListingsContract(StorageContract):
    """Listings are versioned like applications."""

    def test_listing_saves_check_the_version(self, storage: Storage) -> None:
        """A suspension based on the current version wins; a stale one is a conflict."""
        add(storage, make_application())
        with storage.transaction() as tx:
            listed = tx.add_listing(make_listing("SER-0001", "app-1"))
        assert listed.version == 1
        assert storage.get_listing("SER-0001") == listed
        with storage.transaction() as tx:
            suspended = tx.save_listing(attrs.evolve(listed, state="suspended"))
        assert suspended.version == 2
        with pytest.raises(ConflictError), storage.transaction() as tx:
            tx.save_listing(attrs.evolve(listed, state="cancelled"))
        assert storage.get_listing("SER-0001").state == "suspended"

    def test_a_renewal_refers_to_its_listing(self, storage: Storage) -> None:
        """A renewal application carries the registration number it renews."""
        add(storage, make_application())
        with storage.transaction() as tx:
            tx.add_listing(make_listing("SER-0001", "app-1"))
            tx.add_application(make_application("app-2", kind="renewal", listing_id="SER-0001"))
        renewal = storage.get_application("app-2")
        assert (renewal.kind, renewal.listing_id) == ("renewal", "SER-0001")

    def test_an_unknown_listing_is_not_found(self, storage: Storage) -> None:
        """Reading a registration number never given raises RecordNotFound."""
        with pytest.raises(RecordNotFound):
            storage.get_listing("SER-9999")

# ruff: noqa: S608 - statements interpolate only this module's column lists and placeholders
"""The storage contract in SQL, shared by the SQLite and PostgreSQL back ends.

Both speak the same statements (``ON CONFLICT``, ``RETURNING``); a
:class:`Dialect` covers the rest: placeholders, how JSON, times and dates
travel, and row locks. A back end supplies connections and a dialect;
:class:`SQLTransaction` does the reading and writing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any, Protocol, cast
from zoneinfo import ZoneInfo

import attrs

from coworkreg_core.errors import ConflictError, DuplicateRecord, RecordNotFound
from coworkreg_core.storage.records import (
    Application,
    ApplicationKind,
    Direction,
    HistoryEntry,
    JSONDocument,
    Listing,
    ListingState,
    OutboxItem,
    OutboxStatus,
    ProtocolEntry,
    StoredDocument,
)

PROTOCOL_TIMEZONE = ZoneInfo("Europe/Rome")
"""The calendar year of the protocol register is the Italian one (art. 57)."""

Clock = Callable[[], datetime]

_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
"""Compact UTF-8 JSON; one encoder for every call, which saves building one each time."""


def utc_now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


class Cursor(Protocol):
    """The part of a DB-API cursor the statements need."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Connection(Protocol):
    """A connection that executes one statement with parameters (sqlite3 and psycopg both do)."""

    def execute(self, sql: Any, params: Any = ..., /) -> Any: ...


class Dialect:
    """How values and statements travel to the database; the defaults suit SQLite."""

    lock_for_update = ""
    """Appended to the outbox claim query to lock the rows it picks."""

    integrity_errors: tuple[type[Exception], ...] = ()
    """The driver's errors for a broken key or constraint."""

    def statement(self, sql: str) -> str:
        """The statement with this driver's placeholders (written with ``?``)."""
        return sql

    def json(self, doc: JSONDocument | None) -> object:
        """A JSON document as a parameter."""
        return None if doc is None else _ENCODE(doc)

    def time(self, moment: datetime) -> object:
        """An aware datetime as a parameter: ISO text in UTC, fixed width so it sorts."""
        return moment.astimezone(UTC).isoformat(timespec="microseconds")

    def day(self, day: date | None) -> object:
        """A date as a parameter."""
        return None if day is None else day.isoformat()


def _doc(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def _time(value: Any) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment.astimezone(UTC)


def _day(value: Any) -> date | None:
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    return date.fromisoformat(value)


APPLICATION_COLUMNS = (
    "id, town, kind, provider, workflow_id, workflow_version, state, instance, listing_id,"
    " deadline, reviewer, protocol_number, version, created_at, updated_at"
)
LISTING_COLUMNS = (
    "registration_number, application_id, town, public_data, valid_from, valid_until, state,"
    " version, created_at, updated_at"
)
HISTORY_COLUMNS = "application_id, seq, entry, hash, previous_hash, recorded_at"
PROTOCOL_COLUMNS = (
    "year, number, registered_at, direction, correspondent, subject, document_sha256,"
    " external_reference, application_id"
)
OUTBOX_COLUMNS = (
    "id, key, channel, payload, status, attempts, next_attempt_at, created_at, application_id,"
    " last_error, reply, sent_at"
)


def _application(row: Sequence[Any]) -> Application:
    return Application(
        id=row[0],
        town=row[1],
        kind=cast("ApplicationKind", row[2]),
        provider=_doc(row[3]),
        workflow_id=row[4],
        workflow_version=row[5],
        state=row[6],
        instance=_doc(row[7]),
        listing_id=row[8],
        deadline=_day(row[9]),
        reviewer=row[10],
        protocol_number=row[11],
        version=row[12],
        created_at=_time(row[13]),
        updated_at=_time(row[14]),
    )


def _listing(row: Sequence[Any]) -> Listing:
    valid_from = _day(row[4])
    if valid_from is None:  # the column is NOT NULL; this narrows the type
        raise ValueError("listing without valid_from")
    return Listing(
        registration_number=row[0],
        application_id=row[1],
        town=row[2],
        public_data=_doc(row[3]),
        valid_from=valid_from,
        valid_until=_day(row[5]),
        state=cast("ListingState", row[6]),
        version=row[7],
        created_at=_time(row[8]),
        updated_at=_time(row[9]),
    )


def _history(row: Sequence[Any]) -> HistoryEntry:
    return HistoryEntry(
        application_id=row[0],
        seq=row[1],
        entry=_doc(row[2]),
        hash=row[3],
        previous_hash=row[4],
        recorded_at=_time(row[5]),
    )


def _protocol(row: Sequence[Any]) -> ProtocolEntry:
    return ProtocolEntry(
        year=row[0],
        number=row[1],
        registered_at=_time(row[2]),
        direction=cast("Direction", row[3]),
        correspondent=row[4],
        subject=row[5],
        document_sha256=row[6],
        external_reference=row[7],
        application_id=row[8],
    )


def _outbox(row: Sequence[Any]) -> OutboxItem:
    return OutboxItem(
        id=row[0],
        key=row[1],
        channel=row[2],
        payload=_doc(row[3]),
        status=cast("OutboxStatus", row[4]),
        attempts=row[5],
        next_attempt_at=_time(row[6]),
        created_at=_time(row[7]),
        application_id=row[8],
        last_error=row[9],
        reply=_doc(row[10]),
        sent_at=None if row[11] is None else _time(row[11]),
    )


class SQLTransaction:
    """The contract's reads and writes over one connection inside one transaction."""

    def __init__(self, connection: Connection, dialect: Dialect, clock: Clock) -> None:
        self._connection = connection
        self._dialect = dialect
        self._clock = clock
        self._moment: datetime | None = None

    def _run(self, sql: str, *params: object) -> Cursor:
        return cast("Cursor", self._connection.execute(self._dialect.statement(sql), params))

    def _now(self) -> datetime:
        # One time per transaction, read on first use: every row a unit of
        # work writes carries the same moment, as PostgreSQL's now() would.
        if self._moment is None:
            self._moment = self._clock().astimezone(UTC)
        return self._moment

    # -- applications -------------------------------------------------------

    def get_application(self, application_id: str) -> Application:
        """See :meth:`coworkreg_core.storage.base.Reader.get_application`."""
        row = self._run(
            f"SELECT {APPLICATION_COLUMNS} FROM application WHERE id = ?", application_id
        ).fetchone()
        if row is None:
            raise RecordNotFound("application", application_id)
        return _application(row)

    def worklist(
        self, states: Iterable[str], *, town: str | None = None, limit: int = 100
    ) -> list[Application]:
        """See :meth:`coworkreg_core.storage.base.Reader.worklist`."""
        wanted = list(states)
        if not wanted:
            return []
        marks = ", ".join("?" for _ in wanted)
        where = f"state IN ({marks})"
        params: list[object] = list(wanted)
        if town is not None:
            where += " AND town = ?"
            params.append(town)
        rows = self._run(
            f"SELECT {APPLICATION_COLUMNS} FROM application WHERE {where}"
            " ORDER BY deadline IS NULL, deadline, created_at, id LIMIT ?",
            *params,
            limit,
        ).fetchall()
        return [_application(row) for row in rows]

    def add_application(self, application: Application) -> Application:
        """See :meth:`coworkreg_core.storage.base.Transaction.add_application`."""
        now = self._now()
        d = self._dialect
        self._insert(
            "application",
            application.id,
            f"INSERT INTO application ({APPLICATION_COLUMNS})"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
            application.id,
            application.town,
            application.kind,
            d.json(application.provider),
            application.workflow_id,
            application.workflow_version,
            application.state,
            d.json(application.instance),
            application.listing_id,
            d.day(application.deadline),
            application.reviewer,
            application.protocol_number,
            d.time(now),
            d.time(now),
        )
        return attrs.evolve(application, version=1, created_at=now, updated_at=now)

    def save_application(self, application: Application) -> Application:
        """See :meth:`coworkreg_core.storage.base.Transaction.save_application`."""
        now = self._now()
        d = self._dialect
        cursor = self._run(
            "UPDATE application SET town = ?, kind = ?, provider = ?, workflow_id = ?,"
            " workflow_version = ?, state = ?, instance = ?, listing_id = ?, deadline = ?,"
            " reviewer = ?, protocol_number = ?, version = version + 1, updated_at = ?"
            " WHERE id = ? AND version = ?",
            application.town,
            application.kind,
            d.json(application.provider),
            application.workflow_id,
            application.workflow_version,
            application.state,
            d.json(application.instance),
            application.listing_id,
            d.day(application.deadline),
            application.reviewer,
            application.protocol_number,
            d.time(now),
            application.id,
            application.version,
        )
        if cursor.rowcount != 1:
            self._conflict("application", application.id, application.version)
        return attrs.evolve(application, version=application.version + 1, updated_at=now)

    def _insert(self, kind: str, record_id: str, sql: str, *params: object) -> None:
        try:
            self._run(sql, *params)
        except self._dialect.integrity_errors as exc:
            raise DuplicateRecord(kind, record_id, str(exc)) from exc

    def _conflict(self, kind: str, record_id: str, expected: int) -> None:
        table, key = {
            "application": ("application", "id"),
            "listing": ("listing", "registration_number"),
        }[kind]
        row = self._run(
            f"SELECT version FROM {table} WHERE {key} = ?",
            record_id,
        ).fetchone()
        if row is None:
            raise RecordNotFound(kind, record_id)
        raise ConflictError(kind, record_id, expected, row[0])

    # -- history ------------------------------------------------------------

    def history(self, application_id: str) -> list[HistoryEntry]:
        """See :meth:`coworkreg_core.storage.base.Reader.history`."""
        rows = self._run(
            f"SELECT {HISTORY_COLUMNS} FROM history WHERE application_id = ? ORDER BY seq",
            application_id,
        ).fetchall()
        return [_history(row) for row in rows]

    def append_history(
        self,
        application_id: str,
        entry: JSONDocument,
        *,
        hash: str,  # noqa: A002 - the history entry's own name for it
        previous_hash: str | None,
    ) -> HistoryEntry:
        """See :meth:`coworkreg_core.storage.base.Transaction.append_history`."""
        now = self._now()
        d = self._dialect
        row = self._run(
            f"INSERT INTO history ({HISTORY_COLUMNS})"
            " SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ? FROM history"
            " WHERE application_id = ? RETURNING seq",
            application_id,
            d.json(entry),
            hash,
            previous_hash,
            d.time(now),
            application_id,
        ).fetchone()
        return HistoryEntry(application_id, row[0], entry, hash, previous_hash, now)

    # -- listings -----------------------------------------------------------

    def get_listing(self, registration_number: str) -> Listing:
        """See :meth:`coworkreg_core.storage.base.Reader.get_listing`."""
        row = self._run(
            f"SELECT {LISTING_COLUMNS} FROM listing WHERE registration_number = ?",
            registration_number,
        ).fetchone()
        if row is None:
            raise RecordNotFound("listing", registration_number)
        return _listing(row)

    def public_list(self, town: str, on: date) -> list[Listing]:
        """See :meth:`coworkreg_core.storage.base.Reader.public_list`."""
        day = self._dialect.day(on)
        rows = self._run(
            f"SELECT {LISTING_COLUMNS} FROM listing WHERE town = ? AND state = 'listed'"
            " AND valid_from <= ? AND (valid_until IS NULL OR valid_until >= ?)"
            " ORDER BY registration_number",
            town,
            day,
            day,
        ).fetchall()
        return [_listing(row) for row in rows]

    def add_listing(self, listing: Listing) -> Listing:
        """See :meth:`coworkreg_core.storage.base.Transaction.add_listing`."""
        now = self._now()
        d = self._dialect
        self._insert(
            "listing",
            listing.registration_number,
            f"INSERT INTO listing ({LISTING_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
            listing.registration_number,
            listing.application_id,
            listing.town,
            d.json(listing.public_data),
            d.day(listing.valid_from),
            d.day(listing.valid_until),
            listing.state,
            d.time(now),
            d.time(now),
        )
        return attrs.evolve(listing, version=1, created_at=now, updated_at=now)

    def save_listing(self, listing: Listing) -> Listing:
        """See :meth:`coworkreg_core.storage.base.Transaction.save_listing`."""
        now = self._now()
        d = self._dialect
        cursor = self._run(
            "UPDATE listing SET application_id = ?, town = ?, public_data = ?, valid_from = ?,"
            " valid_until = ?, state = ?, version = version + 1, updated_at = ?"
            " WHERE registration_number = ? AND version = ?",
            listing.application_id,
            listing.town,
            d.json(listing.public_data),
            d.day(listing.valid_from),
            d.day(listing.valid_until),
            listing.state,
            d.time(now),
            listing.registration_number,
            listing.version,
        )
        if cursor.rowcount != 1:
            self._conflict("listing", listing.registration_number, listing.version)
        return attrs.evolve(listing, version=listing.version + 1, updated_at=now)

    # -- protocol register --------------------------------------------------

    def register_protocol(
        self,
        *,
        direction: Direction,
        correspondent: str,
        subject: str,
        document_sha256: str | None = None,
        external_reference: str | None = None,
        application_id: str | None = None,
    ) -> ProtocolEntry:
        """See :meth:`coworkreg_core.storage.base.Transaction.register_protocol`."""
        if direction not in ("in", "out"):
            raise ValueError(f"direction must be 'in' or 'out', not {direction!r}")
        now = self._now()
        year = now.astimezone(PROTOCOL_TIMEZONE).year
        # The counter row is locked until commit, so numbers are handed out one
        # transaction at a time and a rollback gives its number back.
        number = self._run(
            "INSERT INTO protocol_counter (year, last_number) VALUES (?, 1)"
            " ON CONFLICT (year) DO UPDATE SET last_number = protocol_counter.last_number + 1"
            " RETURNING last_number",
            year,
        ).fetchone()[0]
        entry = ProtocolEntry(
            year=year,
            number=number,
            registered_at=now,
            direction=direction,
            correspondent=correspondent,
            subject=subject,
            document_sha256=document_sha256,
            external_reference=external_reference,
            application_id=application_id,
        )
        self._run(
            f"INSERT INTO protocol_register ({PROTOCOL_COLUMNS})"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            year,
            number,
            self._dialect.time(now),
            direction,
            correspondent,
            subject,
            document_sha256,
            external_reference,
            application_id,
        )
        return entry

    def get_protocol_entry(self, year: int, number: int) -> ProtocolEntry:
        """See :meth:`coworkreg_core.storage.base.Reader.get_protocol_entry`."""
        row = self._run(
            f"SELECT {PROTOCOL_COLUMNS} FROM protocol_register WHERE year = ? AND number = ?",
            year,
            number,
        ).fetchone()
        if row is None:
            raise RecordNotFound("protocol entry", f"{year}-{number:07d}")
        return _protocol(row)

    def next_number(self, series: str) -> int:
        """See :meth:`coworkreg_core.storage.base.Transaction.next_number`."""
        number: int = self._run(
            "INSERT INTO counter (series, last_number) VALUES (?, 1)"
            " ON CONFLICT (series) DO UPDATE SET last_number = counter.last_number + 1"
            " RETURNING last_number",
            series,
        ).fetchone()[0]
        return number

    def protocol_entries(self, year: int) -> list[ProtocolEntry]:
        """See :meth:`coworkreg_core.storage.base.Reader.protocol_entries`."""
        rows = self._run(
            f"SELECT {PROTOCOL_COLUMNS} FROM protocol_register WHERE year = ? ORDER BY number",
            year,
        ).fetchall()
        return [_protocol(row) for row in rows]

    # -- outbox -------------------------------------------------------------

    def enqueue(
        self,
        channel: str,
        payload: JSONDocument,
        *,
        key: str,
        application_id: str | None = None,
        not_before: datetime | None = None,
    ) -> OutboxItem:
        """See :meth:`coworkreg_core.storage.base.Transaction.enqueue`."""
        now = self._now()
        d = self._dialect
        due = not_before or now
        row = self._run(
            "INSERT INTO outbox (key, channel, payload, status, attempts, next_attempt_at,"
            " created_at, application_id) VALUES (?, ?, ?, 'pending', 0, ?, ?, ?)"
            " ON CONFLICT (key) DO NOTHING RETURNING id",
            key,
            channel,
            d.json(payload),
            d.time(due),
            d.time(now),
            application_id,
        ).fetchone()
        if row is None:  # already queued under this key: keep the first
            row = self._run(f"SELECT {OUTBOX_COLUMNS} FROM outbox WHERE key = ?", key).fetchone()
            return _outbox(row)
        return OutboxItem(
            id=row[0],
            key=key,
            channel=channel,
            payload=payload,
            status="pending",
            attempts=0,
            next_attempt_at=due.astimezone(UTC),
            created_at=now,
            application_id=application_id,
        )

    def list_outbox(
        self, *, status: OutboxStatus | None = None, limit: int = 100
    ) -> list[OutboxItem]:
        """See :meth:`coworkreg_core.storage.base.Reader.list_outbox`."""
        if status is None:
            cursor = self._run(f"SELECT {OUTBOX_COLUMNS} FROM outbox ORDER BY id LIMIT ?", limit)
        else:
            cursor = self._run(
                f"SELECT {OUTBOX_COLUMNS} FROM outbox WHERE status = ? ORDER BY id LIMIT ?",
                status,
                limit,
            )
        return [_outbox(row) for row in cursor.fetchall()]

    def claim_outbox(self, *, limit: int, lease_until: datetime) -> list[OutboxItem]:
        """Lease due pending items until ``lease_until``, counting an attempt each."""
        d = self._dialect
        due = self._run(
            "SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?"
            f" ORDER BY next_attempt_at, id LIMIT ?{d.lock_for_update}",
            d.time(self._now()),
            limit,
        ).fetchall()
        ids = [row[0] for row in due]
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        rows = self._run(
            "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?"
            f" WHERE id IN ({marks}) RETURNING {OUTBOX_COLUMNS}",
            d.time(lease_until),
            *ids,
        ).fetchall()
        return sorted((_outbox(row) for row in rows), key=lambda item: item.id)

    def mark_sent(self, item_id: int, reply: JSONDocument | None) -> OutboxItem:
        """Record a delivery and the server's reply."""
        d = self._dialect
        row = self._run(
            "UPDATE outbox SET status = 'sent', reply = ?, sent_at = ?, last_error = NULL"
            f" WHERE id = ? RETURNING {OUTBOX_COLUMNS}",
            d.json(reply),
            d.time(self._now()),
            item_id,
        ).fetchone()
        if row is None:
            raise RecordNotFound("outbox item", str(item_id))
        return _outbox(row)

    def mark_failed(
        self, item_id: int, error: str, *, next_attempt_at: datetime, max_attempts: int
    ) -> OutboxItem:
        """Record a failed attempt; dead once ``max_attempts`` are used up."""
        row = self._run(
            "UPDATE outbox SET last_error = ?, next_attempt_at = ?,"
            " status = CASE WHEN attempts >= ? THEN 'dead' ELSE 'pending' END"
            f" WHERE id = ? RETURNING {OUTBOX_COLUMNS}",
            error,
            self._dialect.time(next_attempt_at),
            max_attempts,
            item_id,
        ).fetchone()
        if row is None:
            raise RecordNotFound("outbox item", str(item_id))
        return _outbox(row)

    def retry_dead(self, item_ids: Sequence[int] | None) -> int:
        """Make dead items pending and due now; return how many."""
        sql = "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?"
        sql += " WHERE status = 'dead'"
        params: list[object] = [self._dialect.time(self._now())]
        if item_ids is not None:
            if not item_ids:
                return 0
            sql += f" AND id IN ({', '.join('?' for _ in item_ids)})"
            params.extend(item_ids)
        return self._run(sql, *params).rowcount

    # -- documents ----------------------------------------------------------

    def put_document(self, content: bytes, media_type: str) -> str:
        """See :meth:`coworkreg_core.storage.base.Transaction.put_document`."""
        digest = hashlib.sha256(content).hexdigest()
        self._run(
            "INSERT INTO document (sha256, media_type, size, content, created_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
            digest,
            media_type,
            len(content),
            content,
            self._dialect.time(self._now()),
        )
        return digest

    def get_document(self, sha256: str) -> StoredDocument:
        """See :meth:`coworkreg_core.storage.base.Reader.get_document`."""
        row = self._run(
            "SELECT sha256, media_type, content FROM document WHERE sha256 = ?", sha256
        ).fetchone()
        if row is None:
            raise RecordNotFound("document", sha256)
        return StoredDocument(row[0], row[1], bytes(row[2]))

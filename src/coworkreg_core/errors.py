"""Every error the library raises, under one base class.

Each error keeps its data on attributes so the CLI and web layers can localise
or render it without parsing strings. Where a caller already catches a builtin
(``ValueError``, ``LookupError``, ``PermissionError``), the error subclasses it.

::

    CoworkregError
    ├── DocumentInvalid (ValueError)           a document broke its schema: .problems
    ├── DefinitionError (ValueError)           a data file is broken: .source, .line, .reason
    │   ├── WorkflowDefinitionError
    │   ├── RulesetError
    │   └── TownPackError
    ├── NotFoundError (LookupError)
    │   ├── SchemaNotFound                     no schema by that name
    │   ├── TownNotFound                       no town pack by that id
    │   ├── TemplateNotFound                   no template by that name along a town's chain
    │   └── RecordNotFound                     no application, listing or document by that id
    ├── WorkflowError
    │   ├── TransitionForbidden (PermissionError)  a guard failed: .failed (which part)
    │   ├── NoSuchTransition (LookupError)
    │   ├── InvalidPayload (ValueError)        .problems
    │   ├── WorkflowVersionMismatch (ValueError)  instance and definition versions differ
    │   └── AutomaticTransitionLoop            automatic transitions chain without end
    ├── StorageError
    │   ├── UnsupportedStorageURL (ValueError)
    │   ├── StorageUnavailable (ConnectionError)
    │   ├── StorageTooNew                      the database was made by a newer version
    │   ├── ConflictError                      a record changed since it was read
    │   └── DuplicateRecord (ValueError)       a record with that id already exists
    ├── PluginError                            a plugin is missing, broken or blocked
    ├── RenderError                            a document could not be rendered: .template, .reason
    ├── UnsafeHeaderValue (ValueError)         a mail header would carry a line break: .header
    └── DeliveryError                          a channel could not deliver: .reason, .retryable
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coworkreg_core.problems import Problems


class CoworkregError(Exception):
    """The base of every error raised by coworkreg."""


class DocumentInvalid(CoworkregError, ValueError):
    """A document does not satisfy its schema; ``problems`` lists every reason."""

    def __init__(self, problems: Problems, what: str = "document") -> None:
        self.problems = problems
        self.what = what
        super().__init__(f"{what} has {len(problems)} problem(s):\n{problems.describe('en')}")


class DefinitionError(CoworkregError, ValueError):
    """A data file (workflow, rule set, town pack) is broken.

    ``source`` is the file, ``line`` the 1-based line where known, ``reason``
    what rule it breaks.
    """

    def __init__(self, reason: str, *, source: str | None = None, line: int | None = None) -> None:
        self.reason = reason
        self.source = source
        self.line = line
        where = source or "<data>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {reason}")


class WorkflowDefinitionError(DefinitionError):
    """A workflow definition is broken or fails a load-time lint."""


class RulesetError(DefinitionError):
    """A rule set is broken: bad YAML, unknown keys, bad expression, cycle, missing value."""


class TownPackError(DefinitionError):
    """A town pack is incomplete or malformed."""


class NotFoundError(CoworkregError, LookupError):
    """Something asked for by name or id does not exist."""


class SchemaNotFound(NotFoundError):
    """No JSON Schema ships under that name."""

    def __init__(self, name: str, available: list[str]) -> None:
        self.name = name
        self.available = available
        super().__init__(f"no schema named {name!r}; available: {', '.join(available)}")


class TownNotFound(NotFoundError):
    """No town pack with that id is installed."""

    def __init__(self, town: str, available: list[str]) -> None:
        self.town = town
        self.available = available
        known = ", ".join(available) or "none"
        super().__init__(f"no town pack {town!r}; installed: {known}")


class TemplateNotFound(NotFoundError):
    """No pack along the town's ``extends`` chain has the template."""

    def __init__(self, name: str, town: str, searched: list[str]) -> None:
        self.name = name
        self.town = town
        self.searched = searched
        super().__init__(
            f"no template {name!r} for town {town!r}; searched packs: {', '.join(searched)}"
        )


class RecordNotFound(NotFoundError):
    """No stored record of that kind with that id."""

    def __init__(self, kind: str, record_id: str) -> None:
        self.kind = kind
        self.record_id = record_id
        super().__init__(f"no {kind} with id {record_id!r}")


class WorkflowError(CoworkregError):
    """A transition could not be fired."""


class TransitionForbidden(WorkflowError, PermissionError):
    """The actor may not fire this transition now; ``failed`` names the guard part."""

    def __init__(self, transition: str, failed: str, detail: str) -> None:
        self.transition = transition
        self.failed = failed
        self.detail = detail
        super().__init__(f"transition {transition!r} forbidden: {failed}: {detail}")


class NoSuchTransition(WorkflowError, LookupError):
    """The transition does not exist, or is not an exit of the current state."""

    def __init__(self, transition: str, state: str, available: list[str]) -> None:
        self.transition = transition
        self.state = state
        self.available = available
        super().__init__(
            f"no transition {transition!r} from state {state!r}; "
            f"exits: {', '.join(available) or 'none'}"
        )


class InvalidPayload(WorkflowError, ValueError):
    """The payload of a transition is missing fields or has wrong ones."""

    def __init__(self, transition: str, problems: Problems) -> None:
        self.transition = transition
        self.problems = problems
        super().__init__(f"invalid payload for {transition!r}:\n{problems.describe('en')}")


class WorkflowVersionMismatch(WorkflowError, ValueError):
    """An instance is fired against a definition other than the one it started with."""

    def __init__(self, workflow: str, version: int, found_workflow: str, found: int) -> None:
        self.workflow = workflow
        self.version = version
        self.found_workflow = found_workflow
        self.found = found
        super().__init__(
            f"instance belongs to {found_workflow!r} version {found}, "
            f"not {workflow!r} version {version}"
        )


class AutomaticTransitionLoop(WorkflowError):
    """Automatic transitions kept firing one another: the definition has a cycle."""

    def __init__(self, transition: str, state: str) -> None:
        self.transition = transition
        self.state = state
        super().__init__(
            f"automatic transitions loop in state {state!r} (at {transition or 'step limit'})"
        )


class StorageError(CoworkregError):
    """A storage back end failed."""


class UnsupportedStorageURL(StorageError, ValueError):
    """No installed back end understands the storage URL."""

    def __init__(self, url: str, plugins: list[str]) -> None:
        self.url = url
        self.plugins = plugins
        super().__init__(
            f"no storage back end for {url!r}; plugins registered: {', '.join(plugins)}"
        )


class StorageUnavailable(StorageError, ConnectionError):
    """The storage could not be reached or opened."""


class StorageTooNew(StorageError):
    """The database was written by a newer version of the library."""

    def __init__(self, found: int, supported: int) -> None:
        self.found = found
        self.supported = supported
        super().__init__(
            f"database schema version {found} is newer than this library supports ({supported})"
        )


class ConflictError(StorageError):
    """A record changed since it was read (optimistic concurrency)."""

    def __init__(self, kind: str, record_id: str, expected: int, found: int | None) -> None:
        self.kind = kind
        self.record_id = record_id
        self.expected = expected
        self.found = found
        super().__init__(
            f"{kind} {record_id!r} changed since it was read "
            f"(expected version {expected}, found {found})"
        )


class DuplicateRecord(StorageError, ValueError):
    """A new record's id (application id, registration number) is already taken."""

    def __init__(self, kind: str, record_id: str, detail: str = "") -> None:
        self.kind = kind
        self.record_id = record_id
        super().__init__(
            f"a {kind} with id {record_id!r} already exists" + (f": {detail}" if detail else "")
        )


class PluginError(CoworkregError):
    """A plugin is missing, broken or misdeclared."""


class RenderError(CoworkregError):
    """A template failed to render: a syntax error, a missing value, a refused URL."""

    def __init__(self, template: str, reason: str) -> None:
        self.template = template
        self.reason = reason
        super().__init__(f"cannot render {template!r}: {reason}")


class UnsafeHeaderValue(CoworkregError, ValueError):
    """A mail header value holds a line break, which could inject headers."""

    def __init__(self, header: str, value: str) -> None:
        self.header = header
        self.value = value
        super().__init__(f"the {header} header may not contain line breaks: {value!r}")


class DeliveryError(CoworkregError):
    """A notification channel could not deliver a message."""

    def __init__(self, reason: str, *, retryable: bool = True) -> None:
        self.reason = reason
        self.retryable = retryable
        super().__init__(reason)

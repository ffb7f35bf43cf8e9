"""The ``format`` keywords the provider schema uses, checked the same way everywhere.

Each check answers with ``None`` when the value is fine and with the reason
(a :class:`~coworkreg_core.i18n.Text`) when it is not, so the fast validator
asks only "is it fine?" while a problem message can say exactly what is wrong.
Values that are not strings are left to the ``type`` keyword, as JSON Schema
asks.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from urllib.parse import urlsplit

from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidLength, ValidationError
from stdnum.it import codicefiscale, iva

from coworkreg_core.i18n import Text

FormatCheck = Callable[[str], Text | None]

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
# Deliberately plain: a dot-atom local part and a dotted domain with a TLD.
# Mailboxes a town writes to (PEC included) never need quoted local parts.
_EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}",
    re.ASCII,
)
_URI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")

_BAD_CHECK_DIGIT = Text(it="la cifra di controllo non torna", en="the check digit does not match")
_BAD_LENGTH = Text(it="la lunghezza è sbagliata", en="the length is wrong")
_BAD_CHARACTERS = Text(it="contiene caratteri non ammessi", en="it contains characters not allowed")
_BAD_PART = Text(
    it="una parte del codice non è valida (data, comune o ufficio)",
    en="a part of the code is not valid (date, municipality or office)",
)


def _stdnum_reason(exc: ValidationError) -> Text:
    if isinstance(exc, InvalidChecksum):
        return _BAD_CHECK_DIGIT
    if isinstance(exc, InvalidLength):
        return _BAD_LENGTH
    if isinstance(exc, InvalidComponent):
        return _BAD_PART
    return _BAD_CHARACTERS


def _exact(value: str, compacted: str) -> bool:
    # stdnum forgives spaces and lower case; a register stores the canonical form.
    return value == compacted


def check_tax_code(value: str) -> Text | None:
    """A codice fiscale: 16 characters for a person, 11 digits for an organisation."""
    try:
        compacted = codicefiscale.validate(value)
    except ValidationError as exc:
        return _stdnum_reason(exc)
    if not _exact(value, compacted):
        return Text(
            it="va scritto in maiuscolo e senza spazi", en="write it in capitals, without spaces"
        )
    return None


def check_vat_number(value: str) -> Text | None:
    """A partita IVA: 11 digits, the last a Luhn check digit."""
    try:
        compacted = iva.validate(value)
    except ValidationError as exc:
        return _stdnum_reason(exc)
    if not _exact(value, compacted):
        return Text(it="va scritta senza spazi né prefisso IT", en="write it without spaces or IT")
    return None


def check_date(value: str) -> Text | None:
    """A real calendar date written ``YYYY-MM-DD`` (RFC 3339 ``full-date``)."""
    if not _DATE.fullmatch(value):
        return Text(it="va scritta come AAAA-MM-GG", en="write it as YYYY-MM-DD")
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return Text(it="non esiste nel calendario", en="it is not a day of the calendar")
    return None


def check_email(value: str) -> Text | None:
    """An ordinary mailbox address such as ``ufficio@pec.comune.seregno.mb.it``."""
    if len(value) > 254 or not _EMAIL.fullmatch(value):
        return Text(
            it="non è un indirizzo e-mail (nome@dominio.it)",
            en="it is not an e-mail address (name@domain.it)",
        )
    return None


def check_uri(value: str) -> Text | None:
    """An absolute URI with a scheme and, for web addresses, a host."""
    scheme, separator, _ = value.partition(":")
    if not separator or not _URI_SCHEME.fullmatch(scheme) or any(c.isspace() for c in value):
        return Text(
            it="non è un indirizzo web completo (https://...)",
            en="it is not a full web address (https://...)",
        )
    try:
        host = urlsplit(value).hostname
    except ValueError:
        host = None
    if scheme.lower() in {"http", "https"} and not host:
        return Text(it="manca il nome del sito", en="the host name is missing")
    return None


FORMAT_CHECKS: Mapping[str, FormatCheck] = {
    "it-tax-code": check_tax_code,
    "it-vat-number": check_vat_number,
    "date": check_date,
    "email": check_email,
    "uri": check_uri,
}
"""Every format the schemas use, by name."""


def format_reason(name: str, value: object) -> Text | None:
    """Why ``value`` breaks format ``name``; ``None`` if it does not (or is no string)."""
    check = FORMAT_CHECKS.get(name)
    if check is None or not isinstance(value, str):
        return None
    return check(value)


def format_predicates() -> dict[str, Callable[[object], bool]]:
    """The checks as yes/no predicates, the shape validators want."""
    return {name: _predicate(check) for name, check in FORMAT_CHECKS.items()}


def _predicate(check: FormatCheck) -> Callable[[object], bool]:
    def is_valid(value: object) -> bool:
        return not isinstance(value, str) or check(value) is None

    return is_valid

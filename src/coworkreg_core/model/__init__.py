"""The typed provider model: frozen attrs classes mirroring ``provider.schema.json``.

Keys are the schema's keys; arrays are tuples; a field the document leaves out
is ``None``. Convert with :mod:`coworkreg_core.convert`.
"""

from coworkreg_core.model.common import Address, Coordinates, Pricing
from coworkreg_core.model.organisation import (
    Category,
    Contact,
    LegalForm,
    LegalRepresentative,
    Organisation,
    Rea,
    Runts,
)
from coworkreg_core.model.provider import Article, Attachment, Declaration, Insurance, Provider
from coworkreg_core.model.space import (
    WEEKDAYS,
    Accessibility,
    BasicService,
    Childcare,
    Cleaning,
    Connectivity,
    DeskType,
    Interval,
    MeetingRoom,
    OpeningHours,
    Period,
    Price,
    Reception,
    Services,
    Space,
    TrainingRoom,
)

__all__ = [
    "WEEKDAYS",
    "Accessibility",
    "Address",
    "Article",
    "Attachment",
    "BasicService",
    "Category",
    "Childcare",
    "Cleaning",
    "Connectivity",
    "Contact",
    "Coordinates",
    "Declaration",
    "DeskType",
    "Insurance",
    "Interval",
    "LegalForm",
    "LegalRepresentative",
    "MeetingRoom",
    "OpeningHours",
    "Organisation",
    "Period",
    "Price",
    "Pricing",
    "Provider",
    "Rea",
    "Reception",
    "Runts",
    "Services",
    "Space",
    "TrainingRoom",
]

"""Who the provider is: the organisation, its legal representative and a contact."""

from __future__ import annotations

import datetime
from typing import Literal

from attrs import frozen

from coworkreg_core.model.common import Address

LegalForm = Literal[
    "individual",
    "sole_proprietorship",
    "general_partnership",
    "limited_partnership",
    "limited_company",
    "simplified_limited_company",
    "joint_stock_company",
    "cooperative",
    "social_cooperative",
    "association",
    "foundation",
    "consortium",
    "other",
]
Category = Literal[
    "freelancer",
    "entrepreneur",
    "innovative_startup",
    "small_firm",
    "craft_firm",
    "third_sector_body",
    "telework_employer",
]
"""The users the town names in its notice; a provider belongs to one."""
RuntsSection = Literal["a", "b", "c", "d", "e", "f", "g"]


@frozen(kw_only=True)
class Rea:
    """Registration in the REA: the Chamber of Commerce's province and the number, apart."""

    province: str
    number: str


@frozen(kw_only=True)
class Runts:
    """Registration in the single national register of the third sector."""

    number: str
    section: RuntsSection


@frozen(kw_only=True)
class Organisation:
    """The organisation that applies; its identifiers are checked by the schema."""

    name: str
    legal_form: LegalForm
    category: Category
    tax_code: str
    registered_office: Address
    pec: str
    vat_number: str | None = None
    rea: Rea | None = None
    runts: Runts | None = None
    startup_special_section: bool | None = None
    craft_annotation: bool | None = None
    founded_on: datetime.date | None = None
    email: str | None = None
    phone: str | None = None
    website: str | None = None


@frozen(kw_only=True)
class LegalRepresentative:
    """The person who signs for the provider; personal data, never published."""

    given_name: str
    family_name: str
    tax_code: str
    role: str


@frozen(kw_only=True)
class Contact:
    """Whom the office calls about the application; personal data, never published."""

    name: str
    email: str | None = None
    phone: str | None = None

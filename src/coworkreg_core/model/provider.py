"""The provider: who applies, its spaces, its declarations and its attachments."""

from __future__ import annotations

import datetime
from typing import Literal

from attrs import frozen

from coworkreg_core.model.organisation import Contact, LegalRepresentative, Organisation
from coworkreg_core.model.space import Space

Article = Literal["46", "47"]
"""The article of DPR 445/2000: 46 certifies facts, 47 declares what one knows."""
AttachmentKind = Literal[
    "identity_document",
    "chamber_extract",
    "statute",
    "floor_plan",
    "insurance_policy",
    "price_list",
    "safety_assessment",
    "photo",
    "other",
]
MediaType = Literal["application/pdf", "image/jpeg", "image/png", "application/pkcs7-mime"]


@frozen(kw_only=True)
class Insurance:
    """Third-party liability insurance and how long it runs."""

    insurer: str
    policy_number: str
    valid_until: datetime.date
    cover_eur: float


@frozen(kw_only=True)
class Declaration:
    """A self-declaration under DPR 445/2000, with the version of the text declared."""

    id: str
    article: Article
    text_version: str
    accepted: bool
    date: datetime.date


@frozen(kw_only=True)
class Attachment:
    """A document filed with the application, identified by its SHA-256 digest."""

    kind: AttachmentKind
    name: str
    media_type: MediaType
    size_bytes: int
    sha256: str


@frozen(kw_only=True)
class Provider:
    """A provider of coworking spaces and services, as ``provider.schema.json`` describes it.

    Build one from a document with :func:`coworkreg_core.convert.structure_provider`,
    which validates first.
    """

    organisation: Organisation
    legal_representative: LegalRepresentative
    spaces: tuple[Space, ...]
    declarations: tuple[Declaration, ...]
    contact: Contact | None = None
    insurance: Insurance | None = None
    attachments: tuple[Attachment, ...] | None = None

    def declaration(self, declaration_id: str) -> Declaration | None:
        """The declaration with ``declaration_id``, if the provider made it."""
        return next((d for d in self.declarations if d.id == declaration_id), None)

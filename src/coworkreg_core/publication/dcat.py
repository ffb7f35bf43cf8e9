"""DCAT-AP_IT metadata for the published list, as JSON-LD.

The AgID open-data guidelines ask for DCAT-AP_IT descriptions and the CC BY
4.0 licence. The dataset carries the mandatory properties (identifier in the
form ``IPA-code:D.name``, title, description, modified, theme, rights holder,
accrual periodicity, distributions), and each distribution its format, access
URL and licence.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from attrs import frozen

LICENCE = "https://creativecommons.org/licenses/by/4.0/"
_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
_THEME = "http://publications.europa.eu/resource/authority/data-theme/ECON"
_FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/IRREG"

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatapit": "http://dati.gov.it/onto/dcatapit#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@frozen
class Distribution:
    """One published file: its name, its format (EU file-type code) and a title."""

    file_name: str
    file_type: str
    title: str


def _lang(it: str, en: str) -> list[dict[str, str]]:
    return [{"@language": "it", "@value": it}, {"@language": "en", "@value": en}]


def dcat_metadata(
    *,
    town_name: str,
    ipa_code: str,
    as_of: dt.date,
    base_url: str,
    distributions: Sequence[Distribution],
    dataset_name: str = "coworking",
) -> bytes:
    """The JSON-LD document describing the dataset and its distributions."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    licence = {"@id": LICENCE, "@type": ["dct:LicenseDocument", "dcatapit:LicenseDocument"]}
    dataset: dict[str, Any] = {
        "@context": CONTEXT,
        "@id": f"{base}#dataset",
        "@type": ["dcat:Dataset", "dcatapit:Dataset"],
        "dct:identifier": f"{ipa_code}:D.{dataset_name}",
        "dct:title": _lang(
            f"Elenco pubblico dei fornitori di spazi e servizi di coworking – {town_name}",
            f"Public list of coworking space and service providers – {town_name}",
        ),
        "dct:description": _lang(
            "Soggetti iscritti all'elenco pubblico e ufficiale del Comune, con i loro spazi, "
            "postazioni, servizi, orari e accessibilità. "
            "Nessun dato personale oltre il necessario.",
            "Providers listed in the town's public, official register, with their spaces, "
            "workstations, services, opening hours and accessibility. "
            "No personal data beyond need.",
        ),
        "dct:modified": {"@type": "xsd:date", "@value": as_of.isoformat()},
        "dcat:theme": {"@id": _THEME},
        "dct:rightsHolder": {
            "@type": ["dcatapit:Agent", "foaf:Agent"],
            "dct:identifier": ipa_code,
            "foaf:name": town_name,
        },
        "dct:publisher": {
            "@type": ["dcatapit:Agent", "foaf:Agent"],
            "dct:identifier": ipa_code,
            "foaf:name": town_name,
        },
        "dct:accrualPeriodicity": {"@id": _FREQUENCY},
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/ITA"},
        "dct:license": licence,
        "dcat:distribution": [
            {
                "@id": f"{base}{d.file_name}#distribution",
                "@type": ["dcat:Distribution", "dcatapit:Distribution"],
                "dct:title": d.title,
                "dct:format": {"@id": _FILE_TYPE + d.file_type},
                "dcat:accessURL": {"@id": base + d.file_name},
                "dcat:downloadURL": {"@id": base + d.file_name},
                "dct:license": licence,
            }
            for d in distributions
        ],
    }
    return (json.dumps(dataset, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

"""First-run setup (首次使用设置): what a county enters once so that its documents carry its own issuing body.

Until then every PDF is a draft (样稿) and none can be signed digitally; the GUI asks on its first start, the command
line has `handover setup`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from handover import settings
from handover.db import Database
from handover.errors import Refused
from handover.signing import pki


@dataclass(frozen=True)
class CountySetup:
    issuing_body: str  # 发文机关, the red head, the seal and the PDF's author
    county: str  # 县（市、区）名称
    doc_prefix: str  # 文号前缀: 青组离审〔2026〕1号
    ranked_units: str = ""  # units in the ranking (大赶考); empty: as many as there are of the kind


FIELDS = tuple(f.name for f in fields(CountySetup))


@dataclass(frozen=True)
class CreatedCertificate:
    p12: Path
    pem: Path
    fingerprint: str
    notice: str  # what a self-signed certificate proves and does not, for the user to read


def needs_setup(db: Database) -> bool:
    return not settings.issuing_body_is_set(db)


def current(db: Database) -> CountySetup:
    """What is set now, to start the form from; the placeholder issuing body shows as empty."""
    values = settings.all_settings(db)
    if settings.is_placeholder(values["issuing_body"]):
        values["issuing_body"] = ""
    return CountySetup(**{key: values[key] for key in FIELDS})


def save(db: Database, chosen: CountySetup) -> None:
    """Store the county's answers; every value is checked first, so a refused one leaves all as they were."""
    checked = {key: settings.check(key, getattr(chosen, key)) for key in FIELDS}
    if settings.is_placeholder(checked["issuing_body"]):
        raise Refused(f"发文机关还是占位的“{checked['issuing_body']}”：请填写本县组织部的正式名称，例如 中共青溪县委组织部")
    for key, value in checked.items():
        settings.set_value(db, key, value)


def create_certificate(db: Database, target: Path, password: str) -> CreatedCertificate:
    """A self-signed organisation certificate in the issuing body's name, saved and trusted on this PC."""
    org = settings.get(db, "issuing_body")
    if settings.is_placeholder(org):
        raise Refused("请先填写发文机关：单位证书以发文机关的名义签发")
    new = pki.create_org_certificate(org, password)
    pem = pki.save_org_certificate(new, target)
    return CreatedCertificate(target, pem, new.fingerprint, pki.SELF_SIGNED_NOTICE.format(org=org, fingerprint=new.fingerprint))

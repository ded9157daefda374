"""Checkpoints of the audit log (日志检查点): the head hash signed with the organisation's key, so that history written
before a checkpoint cannot be rewritten by someone who has the database but not the key.

A checkpoint is an ordinary entry of the log (action `audit.checkpoint`, no schema of its own), written right after the
entry it anchors, with details

    {"seq": N, "head": <hash of entry N>, "signature": <base64>, "certificate": <base64 DER>,
     "certificate_sha256": <hex>, "signer": <name>}

where the signature covers `"handover audit checkpoint v1\\n{N}\\n{head}\\n"` (UTF-8): RSA PKCS#1 v1.5 or ECDSA, with
SHA-256. Because every entry's hash covers the one before it, a valid signature on the head of entry N vouches for
entries 1..N. The sign-off that locks a case and each digitally signed report add one when the organisation key is at
hand; once a log has a checkpoint, every later lock and signed report must be followed by one (`check`).

Who signed is decided by the verifier's trust: a checkpoint must be signed by a trusted certificate whenever the
verifier trusts any (`--trust`, or the installation's list, which `handover cert create` fills). With no trust at all a
checkpoint is checked against the certificate it carries, and the verdict says that its signer cannot be confirmed.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from sqlmodel import Session, col, select

from handover import audit
from handover.db import Database

ACTION = "audit.checkpoint"


class SigningKey(Protocol):
    """What a checkpoint needs of the organisation key (handover.signing.pki.OrgKey has it)."""

    @property
    def certificate(self) -> x509.Certificate: ...

    @property
    def private_key(self) -> PrivateKeyTypes: ...


def _message(seq: int, head: str) -> bytes:
    return f"handover audit checkpoint v1\n{seq}\n{head}\n".encode()


def certificate_sha256(cert: x509.Certificate) -> str:
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def _sign(key: PrivateKeyTypes, message: bytes) -> bytes:
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(message, padding.PKCS1v15(), hashes.SHA256())
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return key.sign(message, ec.ECDSA(hashes.SHA256()))
    raise TypeError(f"unsupported key type {type(key).__name__}")  # pki.load_p12 refuses other kinds first


def _valid(cert: x509.Certificate, signature: bytes, message: bytes) -> bool:
    public = cert.public_key()
    try:
        if isinstance(public, rsa.RSAPublicKey):
            public.verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(public, ec.EllipticCurvePublicKey):
            public.verify(signature, message, ec.ECDSA(hashes.SHA256()))
        else:
            return False
    except InvalidSignature:
        return False
    return True


def add_in(session: Session, key: SigningKey, case_id: int | None = None) -> str:
    """Sign the head of the log in the caller's transaction and append the checkpoint; returns the signed head."""
    seq, head = audit.head_for_append(session)
    names = key.certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    audit.record(session, ACTION, case_id, {
        "seq": seq, "head": head, "signature": base64.b64encode(_sign(key.private_key, _message(seq, head))).decode(),
        "certificate": base64.b64encode(key.certificate.public_bytes(serialization.Encoding.DER)).decode(),
        "certificate_sha256": certificate_sha256(key.certificate), "signer": str(names[0].value) if names else "",
    })  # fmt: skip
    return head


def add(db: Database, key: SigningKey, case_id: int | None = None) -> str:
    with db.session() as session:
        return add_in(session, key, case_id)


@dataclass(frozen=True)
class CheckpointVerdict:
    """`problem` names the first checkpoint that fails (or the first lock left without one); None when all hold."""

    count: int
    signers: tuple[str, ...]
    problem: audit.Problem | None
    attributed: bool = True  # False: no trusted certificate to check against, only the one each checkpoint carries

    @property
    def summary(self) -> str:
        if not self.count:
            return "日志中没有单位签名的检查点（配置单位证书后，签署和数字签名的报告会添加检查点）。"
        if not self.attributed:
            return (
                f"单位签名的检查点 {self.count} 个，签名与所附证书相符（{'、'.join(self.signers)}），但本机没有信任的证书，"
                "无法确认签名者：请用 --trust 指明单位证书（.pem）再核验。"
            )
        return f"单位签名的检查点 {self.count} 个，签名均有效（{'、'.join(self.signers)}）。"


@dataclass(frozen=True)
class _Entry:
    seq: int
    action: str
    details: dict[str, Any]
    hash: str


def check(db: Database, trusted: Sequence[x509.Certificate]) -> CheckpointVerdict:
    """Validate every checkpoint against the trusted certificates, and that no lock or signed report after the first
    checkpoint is left without a later one. Run it on a chain `audit.verify` found whole."""
    with db.session() as session:
        rows = session.exec(select(audit.AuditEntry).order_by(col(audit.AuditEntry.seq)))
        log = [_Entry(r.seq, r.action, json.loads(r.details), r.hash) for r in rows]
    by_sha = {certificate_sha256(c): c for c in trusted}
    hashes_by_seq = {e.seq: e.hash for e in log}
    marks = [e for e in log if e.action == ACTION]
    signers: list[str] = []
    for mark in marks:
        problem = _check_one(mark, hashes_by_seq, by_sha)
        if problem is not None:
            return CheckpointVerdict(len(marks), tuple(signers), problem)
        if mark.details.get("signer") not in signers:
            signers.append(str(mark.details.get("signer")))
    if marks:
        last = marks[-1].seq
        for entry in log:
            if entry.seq > marks[0].seq and entry.seq > last and _needs_checkpoint(entry):
                return CheckpointVerdict(len(marks), tuple(signers), audit.Problem(entry.seq, "unanchored", (
                    f"第 {entry.seq} 条记录（{audit.ACTIONS.get(entry.action, entry.action)}）之后没有单位签名的检查点："
                    "本日志自第一个检查点起，每次签署和数字签名的报告都会添加检查点；这条记录可能是绕过程序写入的"
                    "（如确为正常操作，可用 handover audit checkpoint 补加检查点）"
                )))  # fmt: skip
    return CheckpointVerdict(len(marks), tuple(signers), None, attributed=bool(by_sha))


def _needs_checkpoint(entry: _Entry) -> bool:
    if entry.action == "case.status":
        return entry.details.get("new") == "signed"
    return entry.action == "report.generate" and bool(entry.details.get("digitally_signed_by"))


def _carried(details: dict[str, Any]) -> x509.Certificate | None:
    """The certificate a checkpoint carries, when it is the one its fingerprint names."""
    try:
        cert = x509.load_der_x509_certificate(base64.b64decode(str(details.get("certificate")), validate=True))
    except ValueError:
        return None
    return cert if certificate_sha256(cert) == details.get("certificate_sha256") else None


def _check_one(mark: _Entry, hashes_by_seq: dict[int, str], by_sha: dict[str, x509.Certificate]) -> audit.Problem | None:
    details = mark.details
    seq, head = details.get("seq"), details.get("head")
    where = f"第 {mark.seq} 条记录（单位签名的检查点）"
    if seq != mark.seq - 1 or head != hashes_by_seq.get(mark.seq - 1):
        return audit.Problem(mark.seq, "checkpoint", f"{where}签名的哈希与前一条记录对不上：此前的日志被改写过")
    cert = by_sha.get(str(details.get("certificate_sha256"))) if by_sha else _carried(details)
    if cert is None:
        return audit.Problem(mark.seq, "checkpoint", (
            f"{where}由 “{details.get('signer')}” 的证书签名（SHA-256 {str(details.get('certificate_sha256'))[:16]}…），"
            "该证书不在信任列表中：请用 --trust 指明单位证书（.pem），或用 handover cert trust 加入信任列表"
        ))  # fmt: skip
    try:
        signature = base64.b64decode(str(details.get("signature")), validate=True)
    except ValueError:
        signature = b""
    if not _valid(cert, signature, _message(seq, str(head))):
        return audit.Problem(mark.seq, "checkpoint", (
            f"{where}的单位签名无效：第 {seq} 条及以前的日志在签名之后被改写过（改写者没有单位证书的私钥）"
        ))  # fmt: skip
    return None

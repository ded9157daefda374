"""The organisation's signing certificate (PKCS#12) and this installation's trust roots (受信任的根证书).

A county without a certificate authority makes a self-signed certificate with `create_org_certificate`; what that does
and does not prove is in SELF_SIGNED_NOTICE, which the command line prints. The password is only ever held in memory:
it comes from an environment variable or a prompt and is never written anywhere.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from handover.errors import Refused
from handover.paths import data_dir

MIN_PASSWORD = 8

SELF_SIGNED_NOTICE = """\
关于这张自签名证书（请务必读懂）：
  它能证明：用它签名的 PDF 自签名之后一个字节也没有被改动过；签名是由持有这个 .p12 文件和密码的人做出的。
  它不能证明：签名者就是“{org}”。任何人都能生成一张写着同样名称的证书。只有当核对的一方事先通过可靠途径
  （当面交接、正式公文）拿到本证书（.pem 文件）并核对过它的指纹，再把它加入自己的信任列表，验证结果中的
  “可信”才意味着“由{org}签署”。
  它不是依法设立的电子认证服务机构（CA）签发的证书，不构成《电子签名法》所说的可靠电子签名；纸质文件仍以
  手写签字和盖章为准。
  请妥善保管 .p12 文件和密码：丢失则无法再以同一证书签名，泄露则他人可以冒名签名（此时应停止使用并重新生成）。
证书指纹（SHA-256）：{fingerprint}"""


def check_password(password: str) -> bytes:
    if len(password) < MIN_PASSWORD:
        raise Refused(f"证书密码至少需要 {MIN_PASSWORD} 个字符")
    return password.encode("utf-8")


def cert_fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 of the certificate (DER), grouped for reading aloud over the phone: AB12 CD34 ..."""
    digest = cert.fingerprint(hashes.SHA256()).hex().upper()
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def subject_name(cert: x509.Certificate) -> str:
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME) or cert.subject.get_attributes_for_oid(
        NameOID.ORGANIZATION_NAME
    )
    return str(names[0].value) if names else cert.subject.rfc4514_string()


@dataclass(frozen=True)
class NewCertificate:
    p12: bytes
    certificate_pem: bytes
    fingerprint: str
    not_after: datetime


def create_org_certificate(org: str, password: str, *, years: int = 10) -> NewCertificate:
    """A self-signed certificate for the organisation, its key in a password-protected PKCS#12."""
    org = org.strip()
    if not org:
        raise Refused("请填写单位名称，例如 中共景宁县委组织部")
    secret = check_password(password)
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
            x509.NameAttribute(NameOID.COMMON_NAME, org),
        ]
    )
    now = datetime.now(UTC)
    not_after = now + timedelta(days=365 * years)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False, data_encipherment=False,
                key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )  # fmt: skip
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    p12 = pkcs12.serialize_key_and_certificates(
        org.encode("utf-8"), key, cert, None, serialization.BestAvailableEncryption(secret)
    )
    return NewCertificate(p12, cert.public_bytes(serialization.Encoding.PEM), cert_fingerprint(cert), not_after)


@dataclass(frozen=True)
class OrgKey:
    """An opened PKCS#12: the certificate, its chain and the private key (DER, PKCS#8), held in memory only."""

    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]
    key_der: bytes = field(repr=False)
    private_key: PrivateKeyTypes = field(repr=False)

    @property
    def name(self) -> str:
        return subject_name(self.certificate)

    def __reduce__(self) -> tuple[Any, ...]:
        # a batch hands the key to its worker processes, which are spawned and receive it pickled through a pipe
        der = serialization.Encoding.DER
        return _from_der, (self.certificate.public_bytes(der), tuple(c.public_bytes(der) for c in self.chain), self.key_der)


def _from_der(certificate: bytes, chain: tuple[bytes, ...], key_der: bytes) -> OrgKey:
    key = serialization.load_der_private_key(key_der, None)
    return OrgKey(x509.load_der_x509_certificate(certificate), tuple(map(x509.load_der_x509_certificate, chain)), key_der, key)


def refuse_existing(output: Path) -> None:
    """Checked before the password is asked for: an organisation's certificate is never overwritten."""
    if output.exists():
        raise Refused(f"{output} 已存在：为免覆盖现有证书，请换一个文件名")


def save_org_certificate(new: NewCertificate, output: Path) -> Path:
    """Write the .p12 (never over an existing file) and the public .pem beside it, and trust the certificate on this
    PC. Returns the .pem's path."""
    refuse_existing(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(new.p12)
    pem = output.with_suffix(".pem")
    pem.write_bytes(new.certificate_pem)
    add_trust(x509.load_pem_x509_certificate(new.certificate_pem))
    return pem


def load_p12(content: bytes, password: str) -> OrgKey:
    """Open a PKCS#12 with its password (once: key derivation takes about 0.1 s)."""
    try:
        key, cert, others = pkcs12.load_key_and_certificates(content, password.encode("utf-8"))
    except ValueError:
        raise Refused("无法打开证书文件：密码不正确，或文件不是 PKCS#12（.p12/.pfx）证书") from None
    if cert is None or key is None:
        raise Refused("证书文件中没有签名用的证书和私钥")
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise Refused("证书的私钥类型不受支持：请使用 RSA 或 ECDSA 证书")
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return OrgKey(cert, tuple(others), der, key)


def load_certificate(path: str | Path) -> x509.Certificate:
    """A certificate from a PEM or DER file (a .p12 is refused: share the .pem, never the key)."""
    path = Path(path)
    if not path.is_file():
        raise Refused(f"证书文件不存在：{path}")
    data = path.read_bytes()
    try:
        return x509.load_pem_x509_certificate(data) if b"-----BEGIN" in data else x509.load_der_x509_certificate(data)
    except ValueError:
        raise Refused(f"{path.name} 不是证书文件（应为 .pem 或 .cer；不要分发含私钥的 .p12）") from None


def trust_dir() -> Path:
    path = data_dir() / "trust"
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass(frozen=True)
class TrustedCertificate:
    name: str
    fingerprint: str
    not_after: datetime
    path: Path


def add_trust(cert: x509.Certificate) -> TrustedCertificate:
    """Make a certificate a trust root of this installation (a PEM file in the data folder's trust/)."""
    der = cert.public_bytes(serialization.Encoding.DER)
    path = trust_dir() / f"{hashlib.sha256(der).hexdigest()[:32]}.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return TrustedCertificate(subject_name(cert), cert_fingerprint(cert), cert.not_valid_after_utc, path)


def trust_roots() -> list[x509.Certificate]:
    roots = []
    for path in sorted(trust_dir().glob("*.pem")):
        try:
            roots.append(x509.load_pem_x509_certificate(path.read_bytes()))
        except ValueError:
            continue
    return roots


def list_trust() -> list[TrustedCertificate]:
    return [
        TrustedCertificate(subject_name(c), cert_fingerprint(c), c.not_valid_after_utc,
                           trust_dir() / f"{hashlib.sha256(c.public_bytes(serialization.Encoding.DER)).hexdigest()[:32]}.pem")
        for c in trust_roots()
    ]  # fmt: skip

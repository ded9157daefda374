"""The seed of a committed draw (hmac-sha256-ctr-v2): machine bytes committed to before, the witness and a public value after.

Specified in docs/draw-algorithm.md §2: the operator's machine draws its random bytes and publishes their SHA-256 (the
commitment) before anyone types anything, so neither the person at the keyboard nor the witness can steer the seed
without the other; an announced future public value (RFC 3797) takes every machine out of the loop.
"""

from __future__ import annotations

import hashlib
import unicodedata

from handover.errors import Refused

ALGORITHM_V2 = "hmac-sha256-ctr-v2"
_SEED_LABEL_V2 = b"handover-seed/v2\x00"

#: Unicode's White_Space property (PropList.txt): removed from both ends of typed text, nowhere else
WHITE_SPACE = frozenset(
    chr(c) for c in (*range(0x09, 0x0E), 0x20, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F,
                     0x3000)
)  # fmt: skip
_WHITE_SPACE = "".join(sorted(WHITE_SPACE))


def clean_text(text: str | None, what: str) -> str:
    """Typed text as it enters the seed: refused with invalid UTF-8 or control characters, else NFC without end blanks.

    Text that arrived as bytes which are not UTF-8 reaches Python as lone surrogates (the command line's
    surrogateescape); control characters (Unicode category Cc, U+0000–U+001F and U+007F–U+009F) are invisible on the
    printed notice, so a witness could not check them.
    """
    value = text or ""
    for ch in value:
        category = unicodedata.category(ch)
        if category == "Cs":
            raise Refused(f"{what}不是有效的 UTF-8 文字，请重新输入")
        if category == "Cc":
            raise Refused(f"{what}含有控制字符（U+{ord(ch):04X}），请只输入可见的文字、数字和空格")
    return unicodedata.normalize("NFC", value).strip(_WHITE_SPACE)


def commitment(os_entropy: bytes) -> str:
    """SHA-256 of the machine's random bytes, 64 lowercase hex digits: shown before the draw, the bytes only after."""
    return hashlib.sha256(os_entropy).hexdigest()


def _field(text: str) -> bytes:
    data = text.encode("utf-8")
    return len(data).to_bytes(4, "big") + data


def derive_seed_v2(os_entropy: bytes, pool_hash: bytes, witness: str, public_source: str, public_value: str) -> bytes:
    """seed = SHA-256("handover-seed/v2" 0x00 ‖ os_entropy ‖ pool_hash ‖ field(witness) ‖ field(source) ‖ field(value)).

    field(t) = uint32_be(len(UTF-8(t))) ‖ UTF-8(t): the length in front, so no two different inputs give the same bytes.
    The texts are already cleaned (`clean_text`); an absent public source or value is "".
    """
    if len(os_entropy) != 32 or len(pool_hash) != 32:
        raise ValueError("os_entropy and pool hash must be 32 bytes each")
    data = _SEED_LABEL_V2 + os_entropy + pool_hash + _field(witness) + _field(public_source) + _field(public_value)
    return hashlib.sha256(data).digest()

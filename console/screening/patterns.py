"""Personal data that must not leave in a public reply: 身份证号, mobile numbers, bank card numbers.

Replies are full of numbers that are fine to publish — order and case numbers, dates, hotlines like
0910-1234567 or 12345 — so every pattern is checked beyond its shape: the ID number's GB 11643 check
digit, birth date and region, the card number's Luhn digit and issuer range, and no number counts if it
is only part of a longer run of digits. A false alarm on every order number would teach staff to click
the warning away.

The functions take text already folded by `normalize.fold` (full-width digits are digits), so offsets
are offsets in the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

ID_NUMBER = "id_number"
PHONE = "phone"
BANK_CARD = "bank_card"

_ID_RE = re.compile(r"(?<![0-9])[1-8][0-9]{16}[0-9xX](?![0-9])")
_PHONE_RE = re.compile(r"(?<![0-9+])(?:(?:\+|00)?86[ -]?)?1[3-9][0-9]([ -]?)[0-9]{4}\1[0-9]{4}(?![0-9])")
_CARD_RE = re.compile(r"(?<![0-9-])(?:[0-9]{16,19}|[0-9]{4}(?:[ -][0-9]{4}){3}(?:[ -]?[0-9]{1,3})?)(?![0-9])")

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


@dataclass(frozen=True)
class PatternHit:
    start: int
    end: int
    kind: str
    text: str
    masked: str


def id_check_digit(first17: str) -> str:
    """GB 11643-1999: weighted sum of the first 17 digits mod 11 picks the check character."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def is_valid_id_number(number: str, today: date | None = None) -> bool:
    """A real-looking 18-digit 公民身份号码: valid check digit, an existing birth date not in the future."""
    if len(number) != 18 or not number[:17].isdigit() or number[0] not in "12345678":
        return False
    if id_check_digit(number[:17]) != number[17].upper():
        return False
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= (today or date.today())


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def is_card_number(digits: str) -> bool:
    """16–19 digits, Luhn-valid, issued by a card network: UnionPay 62…, Visa 4…, Mastercard 5… and
    2221–2720, Amex/JCB 3…, domestic 9…. Dated order numbers (20230915…) fall outside these ranges."""
    if not 16 <= len(digits) <= 19 or not digits.isdigit():
        return False
    if digits[0] not in "34569" and not 2221 <= int(digits[:4]) <= 2720:
        return False
    return luhn_ok(digits)


def _mask(digits: str, keep_head: int, keep_tail: int) -> str:
    return digits[:keep_head] + "*" * (len(digits) - keep_head - keep_tail) + digits[len(digits) - keep_tail :]


def find_personal_data(folded: str) -> list[PatternHit]:
    """Every ID number, bank card and mobile number in `folded`, without overlaps (an ID wins over a
    card reading of the same digits)."""
    hits: list[PatternHit] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for found in _ID_RE.finditer(folded):
        if is_valid_id_number(found.group()):
            number = found.group()
            hits.append(PatternHit(found.start(), found.end(), ID_NUMBER, number, _mask(number, 4, 4)))
            taken.append(found.span())
    for found in _CARD_RE.finditer(folded):
        digits = re.sub(r"[ -]", "", found.group())
        if free(*found.span()) and is_card_number(digits):
            hits.append(PatternHit(found.start(), found.end(), BANK_CARD, found.group(), _mask(digits, 4, 4)))
            taken.append(found.span())
    for found in _PHONE_RE.finditer(folded):
        if free(*found.span()):
            digits = re.sub(r"[ -]", "", found.group())[-11:]
            hits.append(PatternHit(found.start(), found.end(), PHONE, found.group(), _mask(digits, 3, 4)))
            taken.append(found.span())
    return hits

"""Limits on what users type, send and upload (no Odoo import).

Every value written to an ASR record passes these checks, whoever writes it (form, portal,
import, XML-RPC): a refusal raises ``InputError`` with a message key and its values, and the
model layer turns it into a French message naming the field. The limits are documented in the
README (Security).
"""
import datetime
import math
import re

from .dates import DATE_MAX, DATE_MIN  # noqa: F401 (the limits of every date input)
from .errors import RuleError

INT_MIN, INT_MAX = -2 ** 31, 2 ** 31 - 1    # PostgreSQL integer
NUMBER_MAX = 1e12                           # any amount or quantity we store, in absolute value
CHAR_MAX = 1000                             # one-line texts, unless the field says less
TEXT_MAX = 100000                           # multi-line texts and HTML, unless the field says less
UPLOAD_MAX_BYTES = 20 * 1024 * 1024         # an uploaded file (statement, report, document)
TABLE_MAX_ROWS = 100000                     # rows of an imported CSV or XLSX, header excluded
TABLE_MAX_COLUMNS = 50                      # columns of an imported CSV or XLSX

_DATE = re.compile(r'^(\d{4})-(\d{2})-(\d{2})$')
_DATETIME = re.compile(r'^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?$')


class InputError(RuleError):
    """Raised with a message key and the values of the message."""


def check_text(value, max_length=CHAR_MAX, required=False):
    """A text: a string, without NUL byte, at most ``max_length`` characters, not blank
    when ``required``. ``False``/``None`` stand for an empty value."""
    if value is None or value is False:
        if required:
            raise InputError('blank')
        return
    if not isinstance(value, str):
        raise InputError('type_text')
    if '\x00' in value:
        raise InputError('nul')
    if len(value) > max_length:
        raise InputError('too_long', length=len(value), max=max_length)
    if required and not value.strip():
        raise InputError('blank')


def check_number(value, low=-NUMBER_MAX, high=NUMBER_MAX, integer=False):
    """A finite number within [low, high]; ``False``/``None`` stand for zero (Odoo's empty
    number). Strings and booleans are refused: a number is sent as a number."""
    if value is None or value is False:
        value = 0
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError('type_number', value=value)
    if isinstance(value, float) and not math.isfinite(value):
        raise InputError('not_finite', value=value)
    if integer and not float(value).is_integer():
        raise InputError('integer', value=value)
    if integer:
        low = INT_MIN if low is None else max(low, INT_MIN)
        high = INT_MAX if high is None else min(high, INT_MAX)
    if high is not None and value > high:
        raise InputError('too_high', value=value, high=high)
    if low is not None and value < low:
        raise InputError('too_low', value=value, low=low)


def parse_day(value):
    """A ``datetime.date`` from a date, a datetime or Odoo's 'YYYY-MM-DD[ HH:MM:SS]' string;
    ``InputError('date_format')`` for anything else."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        raise InputError('date_format', value=value)
    match = _DATE.match(value) or _DATETIME.match(value)
    if not match:
        raise InputError('date_format', value=value)
    try:
        if len(match.groups()) > 3:
            datetime.datetime(*(int(g) for g in match.groups()[:6]))
        return datetime.date(*(int(g) for g in match.groups()[:3]))
    except ValueError:
        raise InputError('date_format', value=value)


def check_date(value, low=DATE_MIN, high=DATE_MAX):
    """A real calendar date between 1900 and 2100; ``False``/``None`` stand for no date."""
    if value is None or value is False:
        return None
    day = parse_day(value)
    if day < low or day > high:
        raise InputError('date_range', value=value, low=low, high=high)
    return day


def base64_size(data):
    """Size in bytes of the content of a base64 string, computed from its length (nothing is
    decoded, so a huge upload costs no memory here)."""
    if not data:
        return 0
    length = len(data)
    tail = data[-2:] if isinstance(data, (bytes, str)) else ''
    padding = tail.count('=' if isinstance(tail, str) else b'=')
    return max(0, length * 3 // 4 - padding)


def check_upload(size, max_bytes=UPLOAD_MAX_BYTES):
    """An uploaded file of ``size`` bytes: at most ``max_bytes``."""
    if size > max_bytes:
        raise InputError('upload_size', size=size, max=max_bytes)


def check_french_zip(value):
    """A French postal code: five digits (metropolitan France, Corsica 20xxx and overseas
    97xxx/98xxx alike)."""
    if value in (None, False, ''):
        return
    if not isinstance(value, str) or not re.match(r'^\d{5}$', value.strip()):
        raise InputError('zip', value=value)

"""Numbers as French readers write them, and the rounding the rules use (no Odoo import)."""
from decimal import ROUND_HALF_UP, Decimal


def round_half_up(value, digits=0):
    """Round halves away from zero (685.5 -> 686; 0.125 -> 0.13 with 2 digits), not the
    banker's rounding of ``round()``; an int for 0 digits."""
    quantum = Decimal(1).scaleb(-digits)
    rounded = Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)
    return int(rounded) if digits == 0 else float(rounded)


def fr_number(value, digits=2):
    """151.67 -> '151,67', 208.0 -> '208', 1234.5 -> '1234,5': a decimal comma, no
    trailing zeros, no thousands separator (hours, rates, counts)."""
    text = ('%.*f' % (digits, value or 0.0))
    if digits:
        text = text.rstrip('0').rstrip('.')
    return '0' if text in ('-0', '') else text.replace('.', ',')


def fr_amount(value):
    """1234.5 -> '1 234,50', 1000.0 -> '1 000': amounts (no currency sign), a space between
    thousands, two decimals unless there are none."""
    text = '{:,.2f}'.format(value or 0.0).replace(',', ' ').replace('.', ',')
    return text[:-3] if text.endswith(',00') else text

"""Guards of a market's social examination (no Odoo import)."""

# the facilitator's opinions that the buyer may only go against with a written reason (seed
# 002: the buyer says why a recommendation of the facilitator is not followed)
OPINIONS_NEEDING_A_REASON = ('reserved', 'unfavourable')


def opinion_needs_reason(opinion):
    """True when validating the examination after ``opinion`` needs the buyer's reason."""
    return opinion in OPINIONS_NEEDING_A_REASON


def lots_amount_gap(market_amount, lot_amounts):
    """(sum of the lots' estimated amounts, market's amount minus that sum), to the cent.

    3,200,000 for lots of 1,000,000 and 800,000 -> (1,800,000, 1,400,000): 1.4 M EUR of the
    market are in no lot; a negative gap means the lots exceed the market.
    """
    total = round(sum(amount or 0.0 for amount in lot_amounts), 2)
    return total, round((market_amount or 0.0) - total, 2)


def lots_amount_mismatch(market_amount, lot_amounts):
    """True when the market has lots and they do not add up to its amount (a cent or more);
    a market without lots yet has nothing to compare."""
    amounts = list(lot_amounts)
    if not amounts:
        return False
    return abs(lots_amount_gap(market_amount, amounts)[1]) >= 0.01

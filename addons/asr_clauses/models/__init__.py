from . import asr_charter
from . import asr_trade
from . import asr_market
from . import asr_market_lot
from . import asr_threshold
from . import asr_clause
from . import purchase_order

from . import asr_charter
from . import asr_clause
from . import purchase_order

from . import asr_market_validate

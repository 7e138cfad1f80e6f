from . import asr_beneficiary
from . import asr_hour_entry
from . import asr_clause

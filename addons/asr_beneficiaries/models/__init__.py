from . import res_partner
from . import purchase_order
from . import asr_beneficiary
from . import asr_hour_entry
from . import asr_clause

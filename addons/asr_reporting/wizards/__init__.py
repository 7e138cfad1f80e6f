from . import asr_bilan
from . import asr_decp_export
from . import asr_penalty_cancel
from . import asr_penalty_reduction

from . import asr_hour_report
from . import asr_clause_modality_report

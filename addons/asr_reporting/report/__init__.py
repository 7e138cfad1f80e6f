from . import asr_clause_hours_xlsx

from . import asr_clause_hour_chart
from . import asr_clause_hours_xlsx
from . import asr_penalty_xlsx
from . import asr_bilan_xlsx
from . import asr_people_report

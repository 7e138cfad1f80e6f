from . import asr_disposition_report

from . import asr_file_import_mixin
from . import asr_supplier_import
from . import asr_statement_import
from . import asr_hour_entry_reject
from . import asr_beneficiary_export
from . import asr_beneficiary_anonymise

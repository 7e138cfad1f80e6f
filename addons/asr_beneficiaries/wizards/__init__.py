from . import asr_supplier_import

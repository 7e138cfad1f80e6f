from . import test_xlsx

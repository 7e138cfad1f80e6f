from . import test_xlsx
from . import test_demo_data

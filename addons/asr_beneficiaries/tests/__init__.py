from . import test_rules_hours
from . import test_hours

from . import test_rules_hour_objective
from . import test_clause

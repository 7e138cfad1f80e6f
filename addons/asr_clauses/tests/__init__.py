from . import test_rules_hour_objective
from . import test_rules_legal_checks
from . import test_clause
from . import test_market
from . import test_rules_clause_text
from . import test_ccap
from . import test_guard

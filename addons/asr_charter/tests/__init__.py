from . import test_rules_committee
from . import test_charter
from . import test_report
from . import test_rules_inputs

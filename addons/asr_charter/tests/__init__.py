from . import test_rules_committee
from . import test_charter
from . import test_report
from . import test_rules_inputs
from . import test_name_search
from . import test_rules_defaults
from . import test_embedded_forms
from . import test_rules_dates

from . import test_rules_hours
from . import test_hours
from . import test_rules_suppliers
from . import test_suppliers

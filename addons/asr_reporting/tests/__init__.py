from . import test_xlsx
from . import test_demo_data
from . import test_dashboard
from . import test_follow_up
from . import test_french_display
from . import test_embedded_views

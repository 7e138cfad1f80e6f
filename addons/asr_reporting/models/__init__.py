from . import asr_charter
from . import asr_clause
from . import asr_dashboard_tile
from . import res_users

# Plain-Python rules of the charter: no Odoo import here, so they test in milliseconds and
# survive a port to a later Odoo unchanged.
from . import committee  # noqa: F401
from . import dates  # noqa: F401

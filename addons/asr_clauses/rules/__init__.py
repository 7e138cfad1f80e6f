# Plain-Python rules of the clauses: no Odoo import (testable in milliseconds, portable).
from . import hour_objective  # noqa: F401

# Plain-Python rules of beneficiaries and hours: no Odoo import.
from . import eligibility  # noqa: F401
from . import hours  # noqa: F401
from . import controls  # noqa: F401

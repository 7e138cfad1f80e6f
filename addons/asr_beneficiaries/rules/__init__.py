# Plain-Python rules of hours and beneficiaries: no Odoo import.
from . import hours  # noqa: F401

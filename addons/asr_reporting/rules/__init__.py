# Plain-Python rules of the landing pages: no Odoo import (testable in milliseconds, portable).

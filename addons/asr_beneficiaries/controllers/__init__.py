from . import portal
from . import statement_import

from . import portal
from . import ccap

from . import asr_guard_mixin
from . import asr_wizard_mixin
from . import asr_charter_article
from . import asr_charter
from . import asr_charter_member
from . import asr_charter_committee
from . import asr_charter_committee_decision
from . import asr_charter_evaluation

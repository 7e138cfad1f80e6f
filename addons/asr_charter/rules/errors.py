"""The one error of the plain-Python rules (no Odoo import).

A rule never writes a sentence for a user: it raises :class:`RuleError` with a key that says
what is wrong and the values that explain it. The model layer turns the key into a French
message (``_()``), so the rule stays testable in milliseconds and the wording stays in one
place, the .po files.
"""


class RuleError(ValueError):
    """A rule refused its input: ``key`` names the check, ``values`` its details.

    Each rules module subclasses it once (``class HourRuleError(RuleError)``) so that a model
    catches the errors of the rule it calls and nothing else.
    """

    def __init__(self, key, **values):
        super(RuleError, self).__init__(key)
        self.key = key
        self.values = values

    def __repr__(self):
        return '%s(%r, %s)' % (type(self).__name__, self.key, ', '.join(
            '%s=%r' % item for item in sorted(self.values.items())))

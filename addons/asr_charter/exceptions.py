"""The errors the ASR models raise: Odoo's own exceptions (the web client, the portal and
XML-RPC show them as usual, in the user's language), each carrying a ``key`` that names the
check that refused, so that code and tests tell checks apart without reading translated text.

    raise AsrValidationError('clause.labour_share', _("The labour share ... (%s given).") % x)

Keys are '<subject>.<check>' in English; the message stays the one ``_()`` sentence.
"""
from odoo.exceptions import AccessError, UserError, ValidationError


class AsrKeyedError(object):
    """Mixed into an Odoo exception: ``key`` names the check, the message is the sentence."""

    def __init__(self, key, message):
        super(AsrKeyedError, self).__init__(message)
        self.key = key


class AsrUserError(AsrKeyedError, UserError):
    """A request that cannot be done as asked (a state, a missing step)."""


class AsrValidationError(AsrKeyedError, ValidationError):
    """A value that breaks a rule (a range, a date, a legal check)."""


class AsrAccessError(AsrKeyedError, AccessError):
    """An ASR check of who may do what (beyond Odoo's access rights and record rules)."""

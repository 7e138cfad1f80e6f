from odoo import models

from odoo.addons.asr_charter.exceptions import AsrValidationError

from ..rules import parameters


class AsrClauseParametersMixin(models.AbstractModel):
    """Records that carry the parameters of a clause (the charter's defaults, each clause):
    their ranges are the one rule of rules/parameters.py; a value out of range is refused with
    the key '<_asr_parameters_key>.<parameter>' and the record's own French sentence
    (``_asr_parameter_message``)."""

    _name = 'asr.clause.parameters.mixin'
    _description = 'Parameters of a clause'
    _asr_parameters_key = 'clause'

    def _asr_check_parameters(self, names):
        for record in self:
            try:
                parameters.check_parameters({name: record[name] for name in names})
            except parameters.ParameterError as err:
                raise AsrValidationError(
                    '%s.%s' % (self._asr_parameters_key, parameters.KEYS[err.key]),
                    record._asr_parameter_message(err.key))

    def _asr_parameter_message(self, name):
        raise NotImplementedError(name)

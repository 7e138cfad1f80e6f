import re

from odoo import api, fields, models


class AsrCodeMixin(models.AbstractModel):
    """A short code derived from the id (e.g. CL-00012): stable, unique, printable in a
    statement and searchable without a stored column."""

    _name = 'asr.code.mixin'
    _description = 'Code derived from the id'
    _code_prefix = 'X-'

    code = fields.Char('Code', compute='_compute_code', search='_search_code')

    @api.multi
    def _compute_code(self):
        for record in self:
            record.code = record.id and '%s%05d' % (self._code_prefix, record.id) or False

    @api.model
    def code_to_id(self, code):
        """The id a code stands for, or None ("CL-00012", "cl-12" and "12" give 12)."""
        text = (code or '').strip().upper()
        prefix = self._code_prefix.upper()
        if text.startswith(prefix):
            text = text[len(prefix):]
        match = re.match(r'^0*(\d+)$', text)
        return int(match.group(1)) if match else None

    def _search_code(self, operator, value):
        if operator in ('=', '=='):
            record_id = self.code_to_id(value)
            return [('id', '=', record_id or 0)]
        if operator == 'in':
            return [('id', 'in', [self.code_to_id(v) or 0 for v in value])]
        if operator == 'ilike':
            record_id = self.code_to_id(value)
            return [('id', '=', record_id or 0)]
        return [('id', '=', 0)]

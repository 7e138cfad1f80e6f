from odoo import api, models


class AsrWizardMixin(models.AbstractModel):
    """The guard of the ASR wizards.

    Odoo opens transient models to every user, portal customers included; a wizard that holds
    a record (a person, hour entries, a clause...) would show it to whoever creates it. Here a
    wizard accepts only records its user may read and fields its user may write, checked when
    it is created or written; the values are checked as on every ASR record; its results are
    written by its own methods (``_asr_trusted()``).
    """

    _name = 'asr.wizard.mixin'
    _inherit = ['asr.guard.mixin']
    _description = 'Guard of the ASR wizards'

    @api.model
    def create(self, vals):
        self._asr_check_links(vals)
        return super(AsrWizardMixin, self).create(vals)

    @api.multi
    def write(self, vals):
        self._asr_check_links(vals)
        return super(AsrWizardMixin, self).write(vals)

    @api.model
    def _asr_check_links(self, vals):
        """The user may write these fields and read every record they link."""
        if self._asr_is_superuser() or self._asr_in_transition():
            return
        self.check_field_access_rights('write', [name for name in vals if name in self._fields])
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None or field.type not in ('many2one', 'many2many', 'one2many'):
                continue
            ids = [value] if field.type == 'many2one' else self._asr_command_ids(value)
            # ids that are not whole numbers of existing records are refused by the value
            # checks of the guard, in French, right after
            records = self.env[field.comodel_name].browse(
                [i for i in ids if isinstance(i, int) and not isinstance(i, bool)]).exists()
            if records:
                records.check_access_rights('read')
                records.check_access_rule('read')

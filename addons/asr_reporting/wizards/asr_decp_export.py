import base64
import json

from odoo import _, api, fields, models
from odoo.addons.asr_charter.exceptions import AsrUserError
from odoo.addons.asr_charter.rules.dates import fr_date


def _first_of_year(wizard):
    return fields.Date.context_today(wizard)[:4] + '-01-01'


class AsrDecpExport(models.TransientModel):
    """Export the essential data of the contracts awarded over a period (DECP, schema 2.0.3),
    as the JSON file the open-data platforms take; the lots are read as the user."""

    _name = 'asr.decp.export'
    _inherit = ['asr.wizard.mixin']
    _description = 'Export of the essential data of the contracts (DECP)'

    charter_ids = fields.Many2many('asr.charter', string='Charters',
                                   help="Every charter when none is chosen.")
    date_from = fields.Date('Awarded from', required=True, default=_first_of_year,
                            help="Award (notification) date of the first contracts.")
    date_to = fields.Date('Awarded until', required=True,
                          default=lambda self: fields.Date.context_today(self))
    count = fields.Integer('Contracts exported', readonly=True)
    file = fields.Binary('File', readonly=True, attachment=False)
    filename = fields.Char('File name', readonly=True)

    @api.multi
    def action_export(self):
        self.ensure_one()
        data = self.env['asr.market.lot'].asr_decp_export(
            self.date_from, self.date_to, self.charter_ids.ids or None)
        count = len(data['marches']['marche'])
        if not count:
            raise AsrUserError('decp.nothing', _(
                "No contract you may read was awarded from %s to %s: there is no essential "
                "data to publish.") % (fr_date(self.date_from), fr_date(self.date_to)))
        content = json.dumps(data, ensure_ascii=False, indent=2).encode('utf-8')
        self._asr_trusted().write({
            'count': count, 'file': base64.b64encode(content),
            'filename': 'donnees_essentielles_%s_%s.json' % (self.date_from, self.date_to)})
        return {'type': 'ir.actions.act_window', 'res_model': self._name, 'res_id': self.id,
                'view_mode': 'form', 'target': 'new'}

import base64
import io

import xlsxwriter

from odoo import _, api, fields, models

from odoo.addons.asr_charter.rules.dates import fr_date, fr_month
from odoo.addons.asr_charter.rules.spreadsheet import write_cell

from ..models.asr_charter import PERSONAL

EXPORTED_FIELDS = ('code', 'last_name', 'first_name', 'birth_date', 'gender', 'zip',
                   'qpv_resident', 'qpv_name', 'informed_on', 'criterion_ids', 'proof_kind',
                   'validation_date', 'validator_id', 'validity_end', 'eligibility_status',
                   'outcome', 'outcome_date', 'note', 'charter_id')
ENTRY_FIELDS = ('clause_id', 'month', 'modality', 'employer_id', 'hours', 'state', 'source',
                'reject_reason')


def _cell(record, field, value):
    """A readable cell for a field value of ``read()`` (names of records, labels of
    selections, French dates and months)."""
    definition = record._fields[field]
    if definition.type == 'many2one':
        return value[1] if value else ''
    if definition.type == 'many2many':
        return ', '.join(record.env[definition.comodel_name].browse(value).mapped(
            'display_name'))
    if definition.type == 'selection':
        return dict(definition._description_selection(record.env)).get(value, value or '')
    if definition.type == 'boolean':
        return _('yes') if value else _('no')
    if definition.type == 'date':
        return fr_month(value) if field == 'month' else fr_date(value)
    return value if value not in (None, False) else ''


class AsrBeneficiaryExport(models.TransientModel):
    """Right of access (GDPR art. 15): everything kept about one person, in a spreadsheet.
    Only the facilitator's staff of the person's charter exports it; the person is read as
    that user, so the export itself is in the person's access log."""

    _name = 'asr.beneficiary.export'
    _inherit = ['asr.wizard.mixin', 'asr.person.link.mixin']
    _description = 'Export of the data of a person'

    beneficiary_id = fields.Many2one('asr.beneficiary', 'Person', required=True,
                                     groups=PERSONAL)
    file = fields.Binary('File', readonly=True, attachment=False)
    filename = fields.Char('File name', readonly=True)

    @api.multi
    def action_export(self):
        self.ensure_one()
        self._asr_check_backend_user()
        person = self.beneficiary_id
        person._asr_check_people_actor(self.env.user)
        values = person.read(list(EXPORTED_FIELDS))[0]
        stream = io.BytesIO()
        book = xlsxwriter.Workbook(stream, {'in_memory': True})
        bold = book.add_format({'bold': True})
        sheet = book.add_worksheet(_('Identity'))
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, 1, 50)
        for row, field in enumerate(EXPORTED_FIELDS):
            write_cell(sheet, row, 0, person._fields[field].get_description(
                self.env)['string'], bold)
            write_cell(sheet, row, 1, _cell(person, field, values[field]))
        entries = self.env['asr.hour.entry'].search([('beneficiary_id', '=', person.id)],
                                                    order='month, id')
        sheet = book.add_worksheet(_('Hours'))
        for col, field in enumerate(ENTRY_FIELDS):
            write_cell(sheet, 0, col, entries._fields[field].get_description(
                self.env)['string'], bold)
        for row, entry in enumerate(entries.read(list(ENTRY_FIELDS)), start=1):
            for col, field in enumerate(ENTRY_FIELDS):
                write_cell(sheet, row, col, _cell(entries, field, entry[field]))
        sheet = book.add_worksheet(_('Access log'))
        for col, title in enumerate((_('Date'), _('User'), _('Operation'), _('Channel'),
                                     _('Fields'))):
            write_cell(sheet, 0, col, title, bold)
        Log = self.env['asr.access.log'].sudo()
        logs = Log.search([('beneficiary_id', '=', person.id)], order='create_date, id')
        labels = {name: dict(Log._fields[name]._description_selection(self.env))
                  for name in ('operation', 'channel')}
        for row, log in enumerate(logs, start=1):
            when = fields.Datetime.context_timestamp(
                self, fields.Datetime.from_string(log.create_date))
            write_cell(sheet, row, 0, when.strftime('%d/%m/%Y %H:%M'))
            write_cell(sheet, row, 1, log.user_id.name or '')
            write_cell(sheet, row, 2, labels['operation'].get(log.operation, ''))
            write_cell(sheet, row, 3, labels['channel'].get(log.channel, ''))
            write_cell(sheet, row, 4, log.field_names or '')
        book.close()
        self._asr_trusted().write({'file': base64.b64encode(stream.getvalue()),
                                   'filename': _('personal-data-%s.xlsx') % person.code})
        return {'type': 'ir.actions.act_window', 'res_model': self._name, 'res_id': self.id,
                'view_mode': 'form', 'target': 'new'}

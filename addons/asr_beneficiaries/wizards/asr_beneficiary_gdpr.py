import base64
import io

import xlsxwriter

from odoo import _, api, fields, models
from odoo.exceptions import UserError

EXPORTED_FIELDS = ('code', 'last_name', 'first_name', 'birth_date', 'gender', 'zip',
                   'qpv_resident', 'qpv_name', 'informed_on', 'criterion_ids', 'proof_kind',
                   'validation_date', 'validator_id', 'validity_end', 'eligibility_status',
                   'outcome', 'outcome_date', 'note', 'charter_id')
ENTRY_FIELDS = ('clause_id', 'month', 'modality', 'employer_id', 'hours', 'state', 'source',
                'reject_reason')


def _cell(record, field, value):
    """A readable cell for a field value (names of records, labels of selections)."""
    definition = record._fields[field]
    if definition.type == 'many2one':
        return value.display_name or ''
    if definition.type == 'many2many':
        return ', '.join(value.mapped('display_name'))
    if definition.type == 'selection':
        return dict(definition._description_selection(record.env)).get(value, value or '')
    if definition.type == 'boolean':
        return _('yes') if value else _('no')
    return value if value not in (None, False) else ''


class AsrBeneficiaryExport(models.TransientModel):
    """Right of access (GDPR art. 15): everything kept about one person, in a spreadsheet."""

    _name = 'asr.beneficiary.export'
    _description = 'Export of the data of a person'

    beneficiary_id = fields.Many2one('asr.beneficiary', 'Person', required=True)
    file = fields.Binary('File', readonly=True, attachment=False)
    filename = fields.Char('File name', readonly=True)

    @api.multi
    def action_export(self):
        self.ensure_one()
        person = self.beneficiary_id
        stream = io.BytesIO()
        book = xlsxwriter.Workbook(stream, {'in_memory': True})
        bold = book.add_format({'bold': True})
        sheet = book.add_worksheet(_('Identity'))
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, 1, 50)
        for row, field in enumerate(EXPORTED_FIELDS):
            sheet.write(row, 0, person._fields[field].get_description(self.env)['string'], bold)
            sheet.write(row, 1, _cell(person, field, person[field]))
        entries = self.env['asr.hour.entry'].search([('beneficiary_id', '=', person.id)],
                                                    order='month, id')
        sheet = book.add_worksheet(_('Hours'))
        for col, field in enumerate(ENTRY_FIELDS):
            sheet.write(0, col, entries._fields[field].get_description(self.env)['string'],
                        bold)
        for row, entry in enumerate(entries, start=1):
            for col, field in enumerate(ENTRY_FIELDS):
                sheet.write(row, col, _cell(entry, field, entry[field]))
        sheet = book.add_worksheet(_('Access log'))
        for col, title in enumerate((_('Date'), _('User'), _('Operation'))):
            sheet.write(0, col, title, bold)
        logs = self.env['auditlog.log'].sudo().search(
            [('model_id.model', '=', 'asr.beneficiary'), ('res_id', '=', person.id)],
            order='create_date, id')
        for row, log in enumerate(logs, start=1):
            sheet.write(row, 0, log.create_date)
            sheet.write(row, 1, log.user_id.name or '')
            sheet.write(row, 2, log.method)
        book.close()
        self.write({'file': base64.b64encode(stream.getvalue()),
                    'filename': _('personal-data-%s.xlsx') % person.code})
        return {'type': 'ir.actions.act_window', 'res_model': self._name, 'res_id': self.id,
                'view_mode': 'form', 'target': 'new'}


class AsrBeneficiaryAnonymise(models.TransientModel):
    """Right to erasure (GDPR art. 17): the identity goes, the hours stay for the
    aggregates (bilans count people, never name them)."""

    _name = 'asr.beneficiary.anonymise'
    _description = 'Anonymisation of people'

    beneficiary_ids = fields.Many2many('asr.beneficiary', string='People', required=True)
    reason = fields.Text('Request or reason', required=True,
                         help="E.g. request received by letter on 3 March 2026.")

    @api.multi
    def action_anonymise(self):
        self.ensure_one()
        if not (self.reason or '').strip():
            raise UserError(_("Say why these people are anonymised."))
        if not self.env['asr.beneficiary']._is_facilitator_user():
            raise UserError(_("Only the facilitator anonymises people."))
        people = self.beneficiary_ids
        people.check_access_rule('write')
        people._anonymise()
        model = self.env['ir.model']._get('asr.beneficiary')
        for person in people:  # the erasure itself stays in the audit trail, with its reason
            self.env['auditlog.log'].sudo().create({
                'name': '%s: %s' % (person.code, self.reason.strip()), 'res_id': person.id,
                'method': 'anonymise', 'user_id': self.env.uid, 'model_id': model.id})
        return {'type': 'ir.actions.act_window_close'}

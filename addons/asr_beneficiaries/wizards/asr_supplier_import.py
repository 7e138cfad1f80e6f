import base64

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.asr_charter.rules import inputs

from ..rules.suppliers import REGISTRY_COLUMNS, SupplierRuleError, parse_registry
from ..rules.tabular import MAX_BYTES, MAX_COLUMNS, MAX_ROWS, TabularError, read_table


class AsrSupplierImport(models.TransientModel):
    """Import a registry of inclusive suppliers: creates or updates partners by SIRET."""

    _name = 'asr.supplier.import'
    _inherit = ['asr.wizard.mixin']
    _description = 'Import of inclusive suppliers'
    _asr_limits = {'filename': 255}

    file = fields.Binary('File (CSV or XLSX)', required=True)
    filename = fields.Char('File name')
    state = fields.Selection([('draft', 'To import'), ('done', 'Imported')], default='draft')
    created_count = fields.Integer('Created', readonly=True)
    updated_count = fields.Integer('Updated', readonly=True)
    rejected_count = fields.Integer('Rejected', readonly=True)
    report = fields.Text('Rejected rows', readonly=True)

    @api.multi
    def action_import(self):
        self.ensure_one()
        self._asr_check_backend_user()
        # who may import is checked before anything is read from the file
        if not (self.env.user._is_superuser()
                or self.env.user.has_group('asr_charter.group_asr_manager')):
            raise AccessError(_("Only an ASR manager imports the registry of inclusive "
                                "suppliers."))
        self.env['res.partner'].check_access_rights('create')
        self.env['res.partner'].check_access_rights('write')
        if not self.file:
            raise UserError(_("Choose the file to import."))
        header, rows = self._asr_read_file(self.file, self.filename)
        try:
            good, rejected = parse_registry(header, rows)
        except SupplierRuleError as err:
            raise UserError(_("Columns missing from the file: %s. Expected columns: %s.") % (
                ', '.join(err.values['missing']), ', '.join(REGISTRY_COLUMNS)))
        created = updated = 0
        Partner = self.env['res.partner']
        country_fr = self.env.ref('base.fr')
        for _number, values in good:
            vals = {
                'name': values['name'], 'is_company': True, 'supplier': True,
                'asr_siret': values['siret'], 'asr_structure_kind': values['kind'],
                'asr_convention_end': values['convention_end'] and fields.Date.to_string(
                    values['convention_end']),
            }
            for column, field in (('street', 'street'), ('zip', 'zip'), ('city', 'city'),
                                  ('email', 'email'), ('phone', 'phone')):
                if values[column]:
                    vals[field] = values[column]
            partner = Partner.search([('asr_siret', '=', values['siret']),
                                      ('is_company', '=', True)], limit=1)
            if partner:
                partner.write(vals)
                updated += 1
            else:
                vals['country_id'] = country_fr.id
                Partner.create(vals)
                created += 1
        lines = [_("Row %s, column %s: %s") % (number, column, self._row_message(key, values))
                 for number, column, key, values in rejected]
        self._asr_trusted().write({
            'state': 'done', 'created_count': created, 'updated_count': updated,
            'rejected_count': len(rejected), 'report': '\n'.join(lines) or False})
        return {'type': 'ir.actions.act_window', 'res_model': self._name, 'res_id': self.id,
                'view_mode': 'form', 'target': 'new'}

    @api.model
    def _row_message(self, key, values):
        if key == 'siret':
            return _("invalid SIRET (%s)") % (values.get('value') or _('empty'))
        if key == 'name':
            return _("the name is missing")
        if key == 'kind':
            return _("unknown kind of structure (%s); expected one of ACI, AI, EI, ETTI, "
                     "EITI, GEIQ, ESAT, EA, ESS, other") % (values.get('value') or _('empty'))
        if key == 'date':
            return _("unreadable date (%s); write it as 31/12/2026") % values.get('value')
        if key == 'duplicate':
            return _("same SIRET as row %s of the file") % values.get('row')
        if key == 'too_long':
            return _("too long: %s characters, at most %s") % (
                values.get('length'), values.get('max'))
        return key

    @api.model
    def _asr_read_file(self, data, filename):
        """(header, rows) of an uploaded file (base64), refused by its size before it is
        decoded, and by its declared rows and columns before it is parsed."""
        try:
            inputs.check_upload(inputs.base64_size(data), MAX_BYTES)
        except inputs.InputError as err:
            raise UserError(self._table_message(TabularError('size', **err.values)))
        try:
            return read_table(base64.b64decode(data), filename)
        except TabularError as err:
            raise UserError(self._table_message(err))

    @api.model
    def _table_message(self, err):
        values = err.values
        if err.key == 'format':
            return _("Choose a CSV or XLSX file (%s given).") % (
                str(values.get('filename') or '')[:80] or _('no name'))
        if err.key == 'encoding':
            return _("The CSV file must be encoded in UTF-8 or Windows-1252.")
        if err.key == 'xlsx':
            return _("The XLSX file cannot be read.")
        if err.key == 'size':
            return _("The file weighs %s MB: the limit is %s MB.") % (
                round(values.get('size', 0) / 1048576.0, 1), MAX_BYTES // 1048576)
        if err.key == 'rows':
            return _("The file has %s rows: the limit is %s rows per file; split it.") % (
                values.get('rows'), MAX_ROWS)
        if err.key == 'columns':
            return _("The file has %s columns: the limit is %s.") % (
                values.get('columns'), MAX_COLUMNS)
        if err.key == 'unzipped':
            return _("The XLSX file would take more than %s MB once opened: save it again "
                     "with its data only.") % (values.get('max', 0) // 1048576)
        if err.key == 'nul':
            return _("The CSV file contains NUL characters: it is not a text file.")
        if err.key == 'csv':
            return _("The CSV file cannot be read (a cell is too long or a quote is not "
                     "closed).")
        return _("The file is empty.")

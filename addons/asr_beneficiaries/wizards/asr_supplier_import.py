from odoo import _, api, fields, models

from odoo.addons.asr_charter.exceptions import AsrAccessError, AsrUserError

from ..rules.suppliers import REGISTRY_COLUMNS, SupplierRuleError, parse_registry


class AsrSupplierImport(models.TransientModel):
    """Import a registry of inclusive suppliers: creates or updates partners by SIRET."""

    _name = 'asr.supplier.import'
    _inherit = ['asr.wizard.mixin', 'asr.file.import.mixin']
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
            raise AsrAccessError('supplier_import.manager', _(
                "Only an ASR manager imports the registry of inclusive suppliers."))
        self.env['res.partner'].check_access_rights('create')
        self.env['res.partner'].check_access_rights('write')
        if not self.file:
            raise AsrUserError('import.file_missing', _("Choose the file to import."))
        header, rows = self._asr_read_file(self.file, self.filename)
        try:
            good, rejected = parse_registry(header, rows)
        except SupplierRuleError as err:
            raise AsrUserError('supplier_import.' + err.key, _(
                "Columns missing from the file: %s. Expected columns: %s.") % (
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

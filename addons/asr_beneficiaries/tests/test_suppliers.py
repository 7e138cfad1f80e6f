"""Inclusive suppliers: SIRET, uniqueness, registry import, share of purchases."""
import base64
import io

import openpyxl
from odoo.exceptions import UserError, ValidationError

from odoo.addons.asr_clauses.tests.common import ClauseCase

HEADER = 'siret;name;kind;street;zip;city;email;phone;convention_end'


class TestInclusiveSuppliers(ClauseCase):

    @classmethod
    def setUpClass(cls):
        super(TestInclusiveSuppliers, cls).setUpClass()
        # an ASR manager imports the registry of inclusive suppliers
        cls.manager = cls.user(cls, 'asr_supplier_manager', ['asr_charter.group_asr_manager'])

    def _import(self, content, filename):
        wizard = self.env['asr.supplier.import'].sudo(self.manager).create({
            'file': base64.b64encode(content), 'filename': filename})
        wizard.action_import()
        return wizard

    def test_siret_checked_and_normalised(self):
        partner = self.env['res.partner'].create({
            'name': 'ACI du Val', 'is_company': True, 'asr_siret': '912 345 675 00017',
            'asr_structure_kind': 'aci'})
        self.assertEqual(partner.asr_siret, '91234567500017')
        self.assertTrue(partner.asr_is_siae and partner.asr_inclusive)
        with self.assertRefused(ValidationError, 'supplier.siret_invalid'):
            with self.env.cr.savepoint():
                partner.write({'asr_siret': '91234567500018'})
        partner.invalidate_cache()
        self.assertEqual(partner.asr_siret, '91234567500017')

    def test_siret_unique_among_active_companies(self):
        Partner = self.env['res.partner']
        first = Partner.create({'name': 'EA Un', 'is_company': True,
                                'asr_siret': '82345678500018', 'asr_structure_kind': 'ea'})
        with self.assertRefused(ValidationError, 'supplier.siret_used'):
            with self.env.cr.savepoint():
                Partner.create({'name': 'EA Deux', 'is_company': True,
                                'asr_siret': '82345678500018'})
        first.active = False
        Partner.create({'name': 'EA Deux', 'is_company': True, 'asr_siret': '82345678500018'})

    def test_csv_import_creates_updates_and_reports_rejected_rows(self):
        csv = '\n'.join([
            HEADER,
            '91234567500017;ACI du Val;ACI;1 rue Verte;94000;Créteil;;;31/12/2027',
            '91234567500018;Mauvais;EI;;;;;;',
            '82345678500018;ESAT des Bords;esat;;94380;Bonneuil-sur-Marne;;;',
            '73456789400013;Sans type;coop;;;;;;',
        ]).encode('utf-8')
        wizard = self._import(csv, 'registre.csv')
        self.assertEqual((wizard.created_count, wizard.updated_count, wizard.rejected_count),
                         (2, 0, 2))
        self.assertIn('Ligne 3, colonne siret : SIRET invalide (91234567500018)', wizard.report)
        self.assertIn('Ligne 5, colonne kind : type de structure inconnu (coop)',
                      wizard.report)
        aci = self.env['res.partner'].search([('asr_siret', '=', '91234567500017')])
        self.assertEqual(aci.asr_structure_kind, 'aci')
        self.assertEqual(aci.asr_convention_end, '2027-12-31')
        self.assertEqual(aci.city, 'Créteil')
        # the same file again creates nothing
        again = self._import(csv, 'registre.csv')
        self.assertEqual((again.created_count, again.updated_count), (0, 2))
        self.assertEqual(self.env['res.partner'].search_count(
            [('asr_siret', '=', '91234567500017')]), 1)

    def test_xlsx_import(self):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(HEADER.split(';'))
        sheet.append(['64567890500011', 'EA du Plateau', 'EA', None, '94450',
                      'Limeil-Brévannes', None, None, None])
        buf = io.BytesIO()
        book.save(buf)
        wizard = self._import(buf.getvalue(), 'registre.xlsx')
        self.assertEqual((wizard.created_count, wizard.rejected_count), (1, 0))
        self.assertFalse(wizard.report)

    def test_bad_files_refused(self):
        with self.assertRefused(UserError, 'supplier_import.columns'):
            self._import(b'siret;name\n91234567500017;X', 'registre.csv')
        with self.assertRefused(UserError, 'file.format'):
            self._import(b'x', 'registre.pdf')
        self.assertFalse(self.env['res.partner'].search([('asr_siret', '=', '91234567500017')]))

    def test_share_of_confirmed_purchases_with_inclusive_suppliers(self):
        aci = self.env['res.partner'].create({
            'name': 'ACI du Val', 'is_company': True, 'supplier': True,
            'asr_siret': '91234567500017', 'asr_structure_kind': 'aci'})
        product = self.env['product.product'].create({'name': 'Entretien', 'type': 'service'})

        def order(partner, amount):
            po = self.env['purchase.order'].create({
                'partner_id': partner.id,
                'order_line': [(0, 0, {
                    'product_id': product.id, 'name': 'Entretien', 'product_qty': 1,
                    'price_unit': amount, 'date_planned': '2025-05-01 00:00:00',
                    'product_uom': self.env.ref('product.product_uom_unit').id,
                    'taxes_id': [(5, 0, 0)]})]})
            po.button_confirm()
            return po

        order(aci, 30000.0)
        order(self.contractor, 70000.0)
        groups = self.env['purchase.order'].read_group(
            [('state', 'in', ('purchase', 'done')),
             ('partner_id', 'in', (aci | self.contractor).ids)],
            ['amount_untaxed', 'asr_inclusive_supplier'], ['asr_inclusive_supplier'])
        amounts = {g['asr_inclusive_supplier']: g['amount_untaxed'] for g in groups}
        by_buyer = self.env['purchase.order'].read_group(
            [('partner_id', '=', aci.id)], ['amount_untaxed', 'asr_buyer_id'], ['asr_buyer_id'])
        self.assertEqual(by_buyer[0]['asr_buyer_id'][0], self.env.uid)
        # 30,000 of 100,000 confirmed go to an inclusive supplier: 30 %
        self.assertEqual(amounts[True], 30000.0)
        self.assertEqual(amounts[False], 70000.0)

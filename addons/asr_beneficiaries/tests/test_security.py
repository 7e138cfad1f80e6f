"""People and hours are seen and changed only by those entitled, on their own charter; every
workflow field is written by its workflow method; wizards check their records; the audit trail
names the real user; hours have one write path."""
import base64
import io
from unittest.mock import patch

import openpyxl

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import BeneficiaryCase


class SecurityCase(BeneficiaryCase):
    """Charter A (the base case) with its facilitator's staff and portal user; charter B with
    its own facilitator, staff, clause and person; a buyer and a portal customer."""

    @classmethod
    def setUpClass(cls):
        super(SecurityCase, cls).setUpClass()
        Users = cls.env['res.users'].with_context(no_reset_password=True)
        personal = 'asr_beneficiaries.group_asr_personal_data'

        def staff(login, company, groups):
            user = Users.create({'name': login, 'login': login, 'lang': 'fr_FR',
                                 'groups_id': [(6, 0, [cls.env.ref(g).id for g in groups])]})
            user.partner_id.parent_id = company
            return user

        cls.staff_a = staff('asr_sec_staff_a', cls.facilitator, [personal])
        cls.portal_a = staff('asr_sec_portal_a', cls.facilitator,
                             ['asr_charter.group_asr_facilitator'])
        cls.facilitator_b = cls.env['res.partner'].create({'name': 'Facilitateur B (test)',
                                                           'is_company': True})
        cls.staff_b = staff('asr_sec_staff_b', cls.facilitator_b, [personal])
        cls.buyer = staff('asr_sec_buyer', cls.territory, ['asr_charter.group_asr_buyer'])
        cls.customer = staff('asr_sec_customer', cls.contractor, ['base.group_portal'])
        cls.charter_b = cls.charter.copy({'name': 'Charte B (test)', 'member_ids': [
            (0, 0, {'partner_id': cls.territory.id, 'role': 'public_buyer',
                    'membership': 'signatory', 'date_join': '2020-01-15'}),
            (0, 0, {'partner_id': cls.facilitator_b.id, 'role': 'facilitator',
                    'membership': 'signatory', 'date_join': '2020-01-15'})]})
        market_b = cls.market.copy({'name': 'Marché B (test)', 'charter_id': cls.charter_b.id,
                                    'lot_ids': []})
        lot_b = cls.lot.copy({'market_id': market_b.id})
        cls.award(lot_b, 500000.0)
        cls.clause_b = cls.insertion_clause(lot=lot_b, state='execution')
        cls.person_b = cls.env['asr.beneficiary'].create({
            'charter_id': cls.charter_b.id, 'last_name': 'Lointain', 'first_name': 'Gaspard',
            'birth_date': '1988-03-03', 'criterion_ids': [(6, 0, cls.rsa.ids)],
            'proof_kind': 'caf'})
        cls.person_b.with_context(validation_date='2025-02-01').action_validate_eligibility()


class TestPeople(SecurityCase):

    def test_personal_data_staff_work_on_their_own_charter(self):
        Person = self.env['asr.beneficiary']
        self.assertIn(self.person, Person.sudo(self.staff_a).search([]))
        self.assertNotIn(self.person_b, Person.sudo(self.staff_a).search([]))
        self.assertFalse(Person.sudo(self.staff_a).name_search('Lointain'))
        for operation in (lambda p: p.read(['last_name']), lambda p: p.write({'zip': '94100'}),
                          lambda p: p.unlink()):
            with self.assertRefused(AccessError, 'record_rule'):
                with self.env.cr.savepoint():
                    operation(self.person_b.sudo(self.staff_a))
        with self.assertRefused(AccessError, 'people.handler'):
            with self.env.cr.savepoint():
                Person.sudo(self.staff_a).create({'charter_id': self.charter_b.id,
                                                  'last_name': 'Intrus', 'first_name': 'Léo'})
        # named on the charter B, staff A works on its people too; the charter's chatter
        # says who may see its people
        self.charter_b.personal_data_user_ids = self.staff_a
        self.assertIn(self.person_b, Person.sudo(self.staff_a).search([]))
        self.assertIn('asr_sec_staff_a', self.charter_b.message_ids[:1].body)

    def test_workflow_fields_of_a_person_are_written_by_the_server(self):
        pending = self.env['asr.beneficiary'].sudo(self.staff_a).create({
            'charter_id': self.charter.id, 'last_name': 'Attente', 'first_name': 'Noé'})
        for vals in ({'state': 'validated'}, {'validation_date': '2025-01-01'},
                     {'validator_id': self.staff_a.id}, {'birth_year': 1950},
                     {'validity_end': '2030-01-01'}):
            with self.assertRefused(AccessError, 'guard.protected_field'):
                with self.env.cr.savepoint():
                    pending.write(vals)
        with self.assertRefused(AccessError, 'guard.frozen_field'):
            with self.env.cr.savepoint():
                self.person.sudo(self.staff_a).write({'charter_id': self.charter_b.id})
        with self.assertRefused(AccessError, 'guard.protected_field'):
            with self.env.cr.savepoint():
                self.env['asr.beneficiary'].sudo(self.staff_a).create({
                    'charter_id': self.charter.id, 'last_name': 'Forgé', 'first_name': 'Max',
                    'state': 'validated', 'validation_date': '2025-01-01'})
        # no proof: the workflow method refuses
        with self.assertRefused(UserError, 'eligibility.proof_missing'):
            pending.action_validate_eligibility()
        self.assertEqual(pending.state, 'draft')

    def test_copies_start_their_workflow_again(self):
        copy = self.person.sudo(self.staff_a).copy({'first_name': 'Copie'})
        self.assertEqual((copy.state, copy.validation_date, copy.charter_id),
                         ('draft', False, self.charter))
        entry = self.entry()
        entry.action_validate()
        again = entry.sudo(self.staff_a).copy({'month': '2025-06-01'})
        self.assertEqual((again.state, again.source, again.charter_id, again.validated_by_id),
                         ('draft', 'manual', self.charter, self.env['res.users']))

    def test_a_validation_date_in_the_future_is_refused(self):
        pending = self.env['asr.beneficiary'].sudo(self.staff_a).create({
            'charter_id': self.charter.id, 'last_name': 'Futur', 'first_name': 'Zoé',
            'criterion_ids': [(6, 0, self.rsa.ids)], 'proof_kind': 'caf'})
        for day in ('2999-01-01', '2025-02-30', 'demain'):
            with self.assertRefused(UserError, 'eligibility.validation_date'):
                pending.with_context(validation_date=day).action_validate_eligibility()
        self.assertEqual(pending.state, 'draft')


class TestHours(SecurityCase):

    def test_workflow_fields_of_hours_are_written_by_the_server(self):
        entry = self.entry().sudo(self.staff_a)
        for vals in ({'state': 'validated'}, {'validated_by_id': self.staff_a.id},
                     {'validated_on': '2025-04-01'}, {'source': 'portal'},
                     {'reject_reason': 'x'}, {'charter_id': self.charter_b.id},
                     {'partner_id': self.customer.partner_id.id}):
            with self.assertRefused(AccessError, 'guard.protected_field'):
                with self.env.cr.savepoint():
                    entry.write(vals)
        Entry = self.env['asr.hour.entry'].sudo(self.staff_a)
        for vals in ({'state': 'validated'}, {'source': 'import'},
                     {'validated_by_id': self.staff_a.id}):
            with self.assertRefused(AccessError, 'guard.protected_field'):
                with self.env.cr.savepoint():
                    Entry.create(dict({'clause_id': self.clause.id,
                                       'beneficiary_id': self.other_person.id,
                                       'month': '2025-05-01', 'hours': 10.0}, **vals))
        entry.action_validate()
        self.assertEqual((entry.state, entry.validated_by_id), ('validated', self.staff_a))

    def test_a_person_of_another_charter_is_refused_without_being_named(self):
        Entry = self.env['asr.hour.entry'].sudo(self.staff_a)
        before = Entry.sudo().search_count([])
        with self.assertRefused(ValidationError, 'hours.person_charter') as err:
            with self.env.cr.savepoint():
                Entry.create({'clause_id': self.clause.id, 'beneficiary_id': self.person_b.id,
                              'month': '2025-05-01', 'hours': 999.0})
        self.assertNotIn('Lointain', err.exception.name)
        self.assertNotIn('LOINTAIN', err.exception.name)
        # the staff of charter B cannot record on charter A's clause either
        with self.assertRefused(AccessError, 'people.handler'):
            with self.env.cr.savepoint():
                self.env['asr.hour.entry'].sudo(self.staff_b).create({
                    'clause_id': self.clause.id, 'beneficiary_id': self.person_b.id,
                    'month': '2025-05-01', 'hours': 10.0})
        # nor move an entry of their charter to another one
        entry_b = self.env['asr.hour.entry'].create({
            'clause_id': self.clause_b.id, 'beneficiary_id': self.person_b.id,
            'month': '2025-05-01', 'hours': 10.0})
        with self.assertRefused(AccessError, 'record_rule'):
            with self.env.cr.savepoint():
                entry_b.sudo(self.staff_b).write({'clause_id': self.clause.id})
        self.assertEqual(entry_b.charter_id, self.charter_b)
        self.assertEqual(Entry.sudo().search_count([]), before + 1)

    def test_buyers_cannot_filter_group_or_export_by_person(self):
        self.entry().action_validate()
        Entry = self.env['asr.hour.entry'].sudo(self.buyer)
        self.assertTrue(Entry.search([('clause_id', '=', self.clause.id)]))
        for attempt in (lambda: Entry.search([('beneficiary_id', '=', self.person.id)]),
                        lambda: Entry.search([('beneficiary_id.last_name', '=', 'Exemple')]),
                        lambda: Entry.search([], order='beneficiary_id'),
                        lambda: Entry.read_group([], ['hours', 'beneficiary_id'],
                                                 ['beneficiary_id']),
                        lambda: Entry.search([]).export_data(['beneficiary_id/id']),
                        lambda: Entry.search([]).export_data(['beneficiary_id']),
                        lambda: self.env['asr.clause'].sudo(self.buyer).search(
                            [('hour_entry_ids.beneficiary_id', '=', self.person.id)])):
            with self.assertRefused(AccessError, 'guard.path'):
                attempt()

    def test_names_of_people_are_given_to_whom_may_read_them(self):
        entry = self.entry()
        # staff A reads its people's names; the staff of B, also buyer, reads the entries of
        # A (as a buyer) but only the references of A's people
        self.staff_b.groups_id |= self.env.ref('asr_charter.group_asr_buyer')
        name = entry.sudo(self.staff_a).read(['beneficiary_id'])[0]['beneficiary_id'][1]
        self.assertEqual(name, 'EXEMPLE Camille')
        label = entry.sudo(self.staff_b).read(['beneficiary_id'])[0]['beneficiary_id'][1]
        self.assertEqual(label, self.person.code)
        groups = self.env['asr.hour.entry'].sudo(self.staff_b).read_group(
            [('clause_id', '=', self.clause.id)], ['hours', 'beneficiary_id'],
            ['beneficiary_id'])
        self.assertEqual([g['beneficiary_id'][1] for g in groups], [self.person.code])
        result = self.env['asr.hour.entry'].sudo(self.staff_b).onchange(
            {'beneficiary_id': self.person.id, 'clause_id': self.clause.id},
            'clause_id', {'beneficiary_id': '1', 'clause_id': '1', 'employer_id': '1'})
        self.assertNotIn('Exemple', str(result))

    def test_one_write_path_bulk_rows_as_created_rows(self):
        Entry = self.env['asr.hour.entry'].sudo(self.staff_a)
        created = Entry.create({'clause_id': self.clause.id, 'beneficiary_id': self.person.id,
                                'month': '2025-05-17', 'modality': 'etti', 'hours': 35.0})
        [(row, errors)] = Entry._asr_check_rows([{
            'clause_id': self.clause.id, 'beneficiary_id': self.other_person.id,
            'month': '2025-05-17', 'modality': 'etti', 'hours': 35.0}])
        self.assertEqual(errors, [])
        [inserted_id] = Entry._asr_insert_rows([row], source='manual', state='draft')
        columns = [name for name, field in Entry._fields.items() if field.store and name not in (
            'id', 'beneficiary_id', 'create_date', 'write_date')]
        self.env.cr.execute('SELECT %s FROM asr_hour_entry WHERE id IN %%s ORDER BY id' % (
            ', '.join('"%s"' % c for c in columns)), ((created.id, inserted_id),))
        by_orm, by_bulk = self.env.cr.fetchall()
        self.assertEqual(dict(zip(columns, by_orm)), dict(zip(columns, by_bulk)))
        # the private bulk path checks the charter as the record rule does
        with self.assertRefused(AccessError, 'people.handler'):
            Entry.sudo(self.staff_b)._asr_insert_rows([row], source='manual')

    def test_a_batch_is_checked_as_a_whole(self):
        Entry = self.env['asr.hour.entry'].sudo(self.staff_a)
        rows = [{'clause_id': self.clause.id, 'beneficiary_id': self.person.id,
                 'month': '2025-0%s-01' % m, 'hours': 100.0} for m in (3, 4, 5)]
        queries = []
        execute = type(self.env.cr).execute

        def counting(cr, query, params=None, log_exceptions=None):
            queries.append(query)
            return execute(cr, query, params, log_exceptions)
        with patch.object(type(self.env.cr), 'execute', counting):
            entries = Entry.create(rows)
        self.assertEqual(len(entries), 3)
        checks = [q for q in queries if 'FROM asr_hour_entry' in str(q) and 'sum(hours)' in str(q)]
        self.assertEqual(len(checks), 1)  # the monthly totals of the batch, in one query
        # a refused row refuses the batch: nothing is created
        before = Entry.search_count([])
        with self.assertRefused(ValidationError, 'hours.cap'):
            with self.env.cr.savepoint():
                Entry.create([dict(rows[0], month='2025-06-01'),
                              dict(rows[0], month='2025-06-01', modality='training',
                                   hours=150.0)])
        self.assertEqual(Entry.search_count([]), before)

    def test_bulk_path_is_not_reachable_remotely(self):
        from odoo.models import check_method_name
        for name in ('_import_hour_rows', '_import_beneficiary_rows', '_asr_insert_rows',
                     '_asr_check_rows', '_asr_validate', '_asr_validate_eligibility',
                     '_asr_give_opinion'):
            # Odoo's own check of the methods callable over RPC (no ASR key, no ACL)
            with self.assertRaises(AccessError) as caught:
                check_method_name(name)
            self.assertIs(type(caught.exception), AccessError)
            self.assertIn(name, str(caught.exception))
        self.assertFalse(hasattr(self.env['asr.statement.import'], 'import_hour_rows'))


class TestWizardsAndImports(SecurityCase):

    def test_wizards_accept_only_records_their_user_may_read(self):
        Export = self.env['asr.beneficiary.export']
        # the person field is for personal-data users only; staff B has it, but not the
        # people of charter A
        for user, check in ((self.buyer, 'field_groups'), (self.staff_b, 'record_rule'),
                            (self.customer, 'field_groups')):
            with self.assertRefused(AccessError, check):
                with self.env.cr.savepoint():
                    Export.sudo(user).create({'beneficiary_id': self.person.id})
            with self.assertRefused(AccessError, check):
                with self.env.cr.savepoint():
                    self.env['asr.beneficiary.anonymise'].sudo(user).create({
                        'beneficiary_ids': [(6, 0, self.person.ids)], 'reason': 'Test'})
        entry = self.entry()
        with self.assertRefused(AccessError, 'record_rule'):
            with self.env.cr.savepoint():
                self.env['asr.hour.entry.reject'].sudo(self.staff_b).create({
                    'entry_ids': [(6, 0, entry.ids)], 'reason': 'Intrusion'})
        wizard = Export.sudo(self.staff_a).create({'beneficiary_id': self.person.id})
        self.assertEqual(wizard.read(['beneficiary_id'])[0]['beneficiary_id'][1],
                         'EXEMPLE Camille')

    def test_access_is_checked_before_the_file_is_read(self):
        Import = self.env['asr.statement.import']
        unreadable = base64.b64encode(b'PK\x03\x04 not a workbook')
        with patch('odoo.addons.asr_beneficiaries.wizards.asr_file_import_mixin.read_table'
                   ) as read:
            # staff of another charter: the ASR check; a buyer: no right to record hours
            for user, vals, check in ((self.staff_a, {'kind': 'beneficiaries',
                                                      'charter_id': self.charter_b.id},
                                       'people.handler'),
                                      (self.staff_b, {'kind': 'hours',
                                                      'clause_id': self.clause.id},
                                       'people.handler'),
                                      (self.buyer, {'kind': 'hours'}, 'acl')):
                wizard = Import.sudo(user).create(dict(vals, file=unreadable,
                                                       filename='liste.xlsx'))
                with self.assertRefused(AccessError, check):
                    wizard.action_preview()
            self.assertFalse(read.called)

    def test_import_preview_says_nothing_about_other_charters(self):
        Import = self.env['asr.statement.import'].sudo(self.staff_a)
        lines = [['clause', 'beneficiary', 'last_name', 'first_name', 'month', 'modality',
                  'hours'],
                 [self.clause.code, self.person_b.code, '', '', '03/2025', 'cdi', '10'],
                 [self.clause.code, 'B-99999', '', '', '03/2025', 'cdi', '10'],
                 [self.clause.code, '', 'Lointain', 'Gaspard', '03/2025', 'cdi', '10'],
                 [self.clause.code, '', 'Inconnu', 'Personne', '03/2025', 'cdi', '10'],
                 [self.clause_b.code, self.person.code, '', '', '03/2025', 'cdi', '10']]
        data = base64.b64encode('\n'.join(';'.join(line) for line in lines).encode())
        wizard = Import.create({'kind': 'hours', 'file': data, 'filename': 'releve.csv'})
        wizard.action_preview()
        self.assertEqual(wizard.rejected_count, 5)
        html = wizard.preview_html
        # a person of another charter reads exactly like a person who does not exist
        self.assertIn('bénéficiaire %s inconnu (ou hors de votre charte)' % self.person_b.code,
                      html)
        self.assertIn('bénéficiaire B-99999 inconnu (ou hors de votre charte)', html)
        self.assertIn("personne ne s'appelle Gaspard Lointain parmi vos bénéficiaires",
                      html.replace('&#39;', "'"))
        self.assertIn("personne ne s'appelle Personne Inconnu parmi vos bénéficiaires",
                      html.replace('&#39;', "'"))
        self.assertIn('clause %s inconnue (ou hors de votre charte)' % self.clause_b.code, html)
        wizard = Import.create({'kind': 'beneficiaries', 'charter_id': self.charter_b.id,
                                'file': data, 'filename': 'liste.csv'})
        with self.assertRefused(AccessError, 'people.handler'):
            wizard.action_preview()
        self.assertFalse(wizard.preview_html)


class TestSpreadsheets(SecurityCase):
    HOSTILE = '=HYPERLINK("http://example.org","clic")'

    def cells(self, data):
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(data)))
        return [cell for sheet in book.worksheets for row in sheet.iter_rows()
                for cell in row if cell.value is not None]

    def test_personal_data_export_never_writes_a_formula(self):
        self.person.write({'note': self.HOSTILE})
        wizard = self.env['asr.beneficiary.export'].sudo(self.staff_a).create(
            {'beneficiary_id': self.person.id})
        wizard.action_export()
        cells = self.cells(wizard.file)
        hostile = [cell for cell in cells if cell.value == self.HOSTILE]
        self.assertEqual([cell.data_type for cell in hostile], ['s'])
        self.assertFalse([cell for cell in cells if cell.data_type == 'f'])
        self.assertTrue(wizard.filename.startswith('donnees-personnelles-'))

    def test_rejected_rows_come_back_as_texts(self):
        lines = [['beneficiary', 'month', 'modality', 'hours'],
                 [self.person.code, '03/2025', '=cmd|\' /C calc\'!A0', '+5'],
                 [self.person.code, '@SUM(1)', 'cdi', '-3']]
        data = base64.b64encode('\n'.join(';'.join(line) for line in lines).encode())
        wizard = self.env['asr.statement.import'].sudo(self.staff_a).create({
            'kind': 'hours', 'clause_id': self.clause.id, 'file': data,
            'filename': 'releve.csv'})
        wizard.action_import()
        self.assertEqual(wizard.rejected_count, 2)
        cells = self.cells(wizard.rejected_file)
        self.assertFalse([cell for cell in cells if cell.data_type == 'f'])
        for text in ("=cmd|' /C calc'!A0", '+5', '@SUM(1)', '-3'):
            self.assertIn(text, [cell.value for cell in cells if cell.data_type == 's'])


class TestReportsAndActions(SecurityCase):

    def test_receipt_of_a_monthly_report(self):
        report = self.env['asr.monthly.report'].create({'clause_id': self.clause.id,
                                                        'month': '2025-03-01'})
        other_buyer = self.buyer
        for vals in ({'received_date': '2025-04-01'}, {'days_late': 0}, {'state': 'received'}):
            with self.assertRefused(AccessError, 'guard.protected_field'):
                with self.env.cr.savepoint():
                    report.sudo(self.staff_a).write(vals)
        with self.assertRefused(AccessError, 'monthly_report.receiver'):
            report.sudo(other_buyer).action_receive()
        self.market.user_id = self.buyer
        with self.assertRefused(UserError, 'monthly_report.future'):
            report.sudo(self.buyer).action_receive('2999-01-01')
        with self.assertRefused(UserError, 'monthly_report.before_month'):
            report.sudo(self.buyer).action_receive('2025-02-01')
        report.sudo(self.buyer).action_receive('2025-04-20')
        self.assertEqual((report.received_date, report.days_late), ('2025-04-20', 8))
        with self.assertRefused(UserError, 'monthly_report.already_received'):
            report.sudo(self.staff_a).action_receive()
        with self.assertRefused(AccessError, 'monthly_report.cancel_receipt'):
            report.sudo(self.buyer).action_cancel_receipt()

    def test_social_action_records(self):
        social = self.env['asr.clause'].create({
            'clause_type': 'social_action', 'lot_id': self.lot.id, 'state': 'execution',
            'action_ids': [(0, 0, {'action': 'company_visit', 'people_count': 5})]})
        Record = self.env['asr.social.action.record']
        values = {'action_id': social.action_ids.id, 'date': '2025-04-10', 'people_count': 5}
        self.market.user_id = self.buyer
        with self.assertRefused(AccessError, 'guard.protected_field'):
            with self.env.cr.savepoint():
                Record.sudo(self.buyer).create(dict(values, state='validated'))
        record = Record.sudo(self.buyer).create(values)
        self.assertEqual(record.charter_id, self.charter)
        with self.assertRefused(AccessError, 'people.handler'):
            record.action_validate()
        record.sudo().attachment_ids = self.env['ir.attachment'].create({
            'name': 'emargement.pdf', 'datas': base64.b64encode(b'%PDF-1.4'),
            'datas_fname': 'emargement.pdf'})
        record.sudo(self.staff_a).action_validate()
        self.assertEqual((record.state, record.validated_by_id), ('validated', self.staff_a))
        with self.assertRefused(UserError, 'social_record.validated_unlink'):
            record.sudo(self.buyer).unlink()
        # another buyer's market: no creation there
        other = self.user('asr_sec_buyer2', ['asr_charter.group_asr_buyer'])
        with self.assertRefused(AccessError, 'record_rule'):
            Record.sudo(other).create(values)


class TestAudit(SecurityCase):

    def logs(self, person=None, operation=None):
        domain = []
        if person:
            domain.append(('beneficiary_id', '=', person.id))
        if operation:
            domain.append(('operation', '=', operation))
        return self.env['asr.access.log'].search(domain)

    def test_wizard_reads_are_logged_under_the_real_user(self):
        wizard = self.env['asr.beneficiary.export'].sudo(self.staff_a).create(
            {'beneficiary_id': self.person.id})
        wizard.action_export()
        reads = self.logs(self.person, 'read')
        self.assertIn(self.staff_a, reads.mapped('user_id'))

    def test_nightly_anonymisation_is_in_the_audit_trail(self):
        from unittest.mock import patch as mock_patch
        self.entry(month='2025-03-01').action_validate()
        with mock_patch('odoo.fields.Date.context_today', return_value='2030-03-02'):
            self.env['asr.beneficiary']._cron_anonymise_expired()
        self.assertEqual(self.person.state, 'anonymised')
        log = self.logs(self.person, 'anonymise')
        self.assertEqual(len(log), 1)
        self.assertIn('5', log.note)
        self.assertEqual(log.channel, 'server')

    def test_searching_people_by_name_is_logged(self):
        found = self.env['asr.beneficiary'].sudo(self.staff_a).name_search('Exemple')
        self.assertEqual([pid for pid, _name in found], self.person.ids)
        self.assertEqual(self.logs(self.person, 'search').mapped('user_id'), self.staff_a)

    def test_grouping_people_is_logged(self):
        before = len(self.logs(operation='group'))
        self.env['asr.beneficiary'].sudo(self.staff_a).read_group([], ['gender'], ['gender'])
        self.env['asr.hour.entry'].sudo(self.staff_a).read_group(
            [], ['hours', 'beneficiary_id'], ['beneficiary_id'])
        logs = self.logs(operation='group')
        self.assertEqual(len(logs), before + 2)
        self.assertEqual(set(logs[:2].mapped('user_id')), {self.staff_a})
        self.assertEqual(set(logs[:2].mapped('model')), {'asr.beneficiary', 'asr.hour.entry'})


class TestMultiCompany(SecurityCase):

    def test_users_of_another_company_see_nothing(self):
        company = self.env['res.company'].create({'name': 'Autre collectivité (test)'})
        user = self.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Acheteur ailleurs', 'login': 'asr_sec_company', 'lang': 'fr_FR',
            'company_id': company.id, 'company_ids': [(6, 0, company.ids)],
            'groups_id': [(6, 0, [self.env.ref('asr_charter.group_asr_buyer').id,
                                  self.env.ref('asr_beneficiaries.group_asr_personal_data').id])]})
        self.charter.personal_data_user_ids = user
        self.entry()
        for model in ('asr.charter', 'asr.market', 'asr.market.lot', 'asr.clause',
                      'asr.beneficiary', 'asr.hour.entry', 'asr.monthly.report',
                      'asr.social.action.record'):
            self.assertFalse(self.env[model].sudo(user).search([]), model)
        with self.assertRefused(AccessError, 'record_rule'):
            self.charter.sudo(user).read(['name'])

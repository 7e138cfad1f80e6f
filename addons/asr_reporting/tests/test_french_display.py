"""Years and months read as French users write them, in every form and list of the addons.

Odoo 11 groups the digits of every integer field ("2 026" in French) and shows a date field as
a full date (01/10/2026): years use the widget asr_year ("2026") and months asr_month
("10/2026"), both in asr_charter/static/src/js/asr_fields.js.
"""
from lxml import etree

from odoo.tests.common import TransactionCase

from odoo.addons.asr_charter.exceptions import AsrValidationError
from odoo.addons.asr_charter.tests.common import AsrCase

ADDONS = ('asr_charter', 'asr_clauses', 'asr_beneficiaries', 'asr_reporting')
BUYER = 'asr_charter.group_asr_buyer'
SHOWN_IN = ('form', 'tree', 'kanban')  # search, pivot and graph show raw group values


def _is_year(name, field):
    # a year (year, birth_year, indicator_year), not a count per year
    return field.type == 'integer' and (name == 'year' or name.endswith('_year')) \
        and not name.endswith('_per_year')


def _is_month(name, field):
    return field.type == 'date' and (name == 'month' or name.endswith('_month'))


class TestYearsAndMonthsDisplay(TransactionCase):

    def _fields_shown(self, model, node, kind, found):
        """(model, field, widget) of every field of ``node`` shown in a form, list or kanban,
        descending into the lists and forms of one2many fields."""
        for child in node.iterchildren(tag=etree.Element):
            tag = child.tag
            if tag in ('form', 'tree', 'kanban', 'search', 'pivot', 'graph', 'calendar'):
                self._fields_shown(model, child, tag, found)
                continue
            if tag == 'field' and not child.get('position') and kind in SHOWN_IN \
                    and child.get('name') in model._fields:
                field = model._fields[child.get('name')]
                found.append((model._name, field.name, field, child.get('widget'),
                              child.get('invisible')))
                if field.type in ('one2many', 'many2many') and len(child):
                    self._fields_shown(self.env[field.comodel_name], child, kind, found)
                continue
            self._fields_shown(model, child, kind, found)

    def test_years_and_months_of_every_view_use_the_french_widgets(self):
        views = self.env['ir.ui.view'].search([('type', 'in', SHOWN_IN)])
        xmlids = views.get_external_id()
        wrong = []
        for view in views:
            if xmlids.get(view.id, '').split('.')[0] not in ADDONS or view.model not in self.env:
                continue
            arch = etree.fromstring(view.arch_db.encode())
            found = []
            # an extension view holds fragments of its type (xpath, field position=...)
            kind = view.type if arch.tag not in SHOWN_IN else None
            self._fields_shown(self.env[view.model], _wrap(arch), kind, found)
            for model, name, field, widget, invisible in found:
                if invisible == '1':
                    continue
                if _is_year(name, field) and widget != 'asr_year':
                    wrong.append('%s: %s.%s (year) widget=%s' % (xmlids[view.id], model, name,
                                                                 widget))
                if _is_month(name, field) and widget != 'asr_month':
                    wrong.append('%s: %s.%s (month) widget=%s' % (xmlids[view.id], model,
                                                                  name, widget))
        self.assertFalse(wrong, '\n'.join(wrong))

    def test_the_scan_sees_the_charters_evaluations(self):
        """The scan finds the years of the evaluations listed in the charter's form."""
        view = self.env.ref('asr_charter.asr_charter_view_form')
        found = []
        self._fields_shown(self.env['asr.charter'],
                           _wrap(etree.fromstring(view.arch_db.encode())), None, found)
        self.assertIn(('asr.charter.evaluation', 'year', 'asr_year'),
                      [(model, name, widget) for model, name, _f, widget, _i in found])


def _wrap(arch):
    """The view's root inside a parent, so that the walk meets the root's own tag."""
    root = etree.Element('root')
    root.append(arch)
    return root


class TestFrenchMessages(AsrCase):
    """The one place that reads the French wording of asr_reporting's messages (fr.po): the
    other tests compare the key of the check that refused."""

    def test_tile_and_flag_messages(self):
        admin = self.user('asr_fr_tile_admin', ['base.group_system', BUYER])
        self.assertEqual(admin.lang, 'fr_FR')
        values = {'name': 'Tuile (test)', 'group_id': self.env.ref(BUYER).id,
                  'action_id': self.env.ref('asr_reporting.asr_clause_hours_action').id}
        Tile = self.env['asr.dashboard.tile'].sudo(admin)
        with self.assertRefused(AsrValidationError, 'tile.unknown_measure') as caught:
            with self.env.cr.savepoint():
                Tile.create(dict(values, measure_field='no_such_field'))
        self.assertEqual(caught.exception.name,
                         "La tuile « Tuile (test) » additionne un champ inconnu.")
        with self.assertRefused(AsrValidationError, 'tile.domain_invalid') as caught:
            with self.env.cr.savepoint():
                Tile.create(dict(values, domain="[('no_such_field', '=', 1)]"))
        self.assertTrue(caught.exception.name.startswith(
            "Le domaine de la tuile « Tuile (test) » n'est pas valide : "), caught.exception.name)
        manager = self.user('asr_fr_flag_manager', ['asr_charter.group_asr_manager'])
        with self.assertRefused(AsrValidationError, 'landing.flag_operator') as caught:
            self.env['asr.charter'].sudo(manager).search([('committee_overdue', '=', 'yes')])
        self.assertEqual(caught.exception.name,
                         "Recherchez sur cet indicateur avec = True ou = False.")

"""The content of a bilan, whatever prints it: the PDF (QWeb), the workbook (report_xlsx), the
annual evaluation's snapshot and the portal all take the same values, built here from the
figures layer (``asr.figures``).

A bilan's values are plain data (JSON-serialisable, so that an evaluation keeps them as its
snapshot): a title, the lines that say what it covers, key figures, then sections, each with
an optional SVG chart and an optional table whose columns have a kind (text, hours, count,
amount, percent) and whose cells are numbers, or texts such as '< 5' for a masked count.
Counts of people go through ``rules.bilan.mask_distribution``: no bilan holds a name, and no
cell of fewer than the charter's threshold of people.
"""
from odoo import _, api, fields, models

from odoo.addons.asr_charter.exceptions import AsrAccessError
from odoo.addons.asr_charter.rules.dates import fr_date, fr_month
from odoo.addons.asr_charter.rules.numbers import fr_amount, fr_number

from ..rules.bilan import DEFAULT_MIN_CELL, mask_count, mask_distribution, year_period
from ..rules.charts import bar_line_chart, hbar_chart
from .asr_penalty import STATES as PENALTY_STATES

KINDS = [('operation', 'Operation (clause or market)'), ('contractor', 'Contractor'),
         ('buyer', 'Buying entity'), ('charter', 'Charter (annual bilan)')]
MANAGER = 'asr_charter.group_asr_manager'
FINANCE = 'asr_charter.group_asr_finance'
BUYER = 'asr_charter.group_asr_buyer'


class AsrBilanDocument(models.AbstractModel):
    _name = 'asr.bilan.document'
    _description = 'Content of a bilan'

    # -- access ----------------------------------------------------------------------------
    @api.model
    def _asr_check_access(self, kind, charters, clauses=None, buyer_entity=None):
        """Responsables and finance read every bilan of their companies' charters; a buyer
        reads the bilan of a clause or market they are in charge of, of a buying entity one
        of whose markets they are in charge of, and of a contractor (over the markets they are
        in charge of); the facilitator's portal checks its charter before calling with sudo.
        Anyone else: a French refusal, before anything is read."""
        if self._asr_reads_all():
            charters.check_access_rule('read')
            return True
        uid = self.env.uid
        if self.env.user.has_group(BUYER) and kind != 'charter':
            if kind == 'operation' and clauses and all(
                    c.market_id.user_id.id == uid for c in clauses.sudo()):
                return True
            if kind == 'buyer' and buyer_entity and self.env['asr.market'].search_count([
                    ('buyer_entity_id', '=', buyer_entity.id), ('user_id', '=', uid)]):
                return True
            if kind == 'contractor':
                return True  # the scope is restricted to their markets (asr.bilan)
        raise AsrAccessError('bilan.access', _(
            "You may not read this bilan: the bilans are for the ASR responsables, finance, "
            "the charter's facilitator and, for their own markets and buying entities, the "
            "buyers."))

    @api.model
    def _asr_reads_all(self):
        """Responsables, finance and the server read every bilan of their companies."""
        user = self.env.user
        return user._is_superuser() or user.has_group(MANAGER) or user.has_group(FINANCE)

    # -- building --------------------------------------------------------------------------
    @api.model
    def _asr_build(self, kind, scope, title, scope_lines, min_cell=DEFAULT_MIN_CELL,
                   qualitative=''):
        figures = self.env['asr.figures']
        hours = figures._asr_hours(scope)
        people = figures._asr_people(scope)
        actions = figures._asr_actions(scope)
        penalties = figures._asr_penalties(scope)
        values = {
            'kind': kind, 'title': title, 'scope_lines': scope_lines,
            'period': _('from %s to %s') % (
                fr_date(scope['date_from']), fr_date(scope['date_to'])),
            'computed_on': fr_date(fields.Date.context_today(self)),
            'min_cell': min_cell,
            'kpis': self._asr_kpis(scope, hours, people, min_cell),
            'sections': [],
            'qualitative': qualitative or '',
        }
        sections = values['sections']
        sections.append(self._asr_month_section(hours))
        sections.append(self._asr_modality_section(hours))
        sections.extend(self._asr_people_sections(people, min_cell))
        if kind != 'operation' or len(scope['clauses']) > 1:
            sections.append(self._asr_clause_section(scope, hours))
        if actions:
            sections.append(self._asr_action_section(scope, actions))
        if kind in ('buyer', 'charter'):
            markets = figures._asr_markets(scope)
            purchases = figures._asr_purchases(scope)
            sections.append(self._asr_market_section(markets))
            if kind == 'charter':
                sections.append(self._asr_indicator_section(markets, purchases))
            else:
                sections.append(self._asr_purchase_section(purchases))
        if penalties:
            sections.append(self._asr_penalty_section(penalties))
        return values

    @api.model
    def _asr_kpis(self, scope, hours, people, min_cell=DEFAULT_MIN_CELL):
        """The key figures: [label, text, key] (the bilans' head, the evaluation's summary,
        the facilitator's portal)."""
        progress = (hours['realised_to_date'] * 100.0 / hours['objective']
                    if hours['objective'] else 0.0)
        return [
            [_('Insertion clauses and social-action clauses'), len(scope['clauses']),
             'clauses'],
            [_('Hour objective of the insertion clauses'),
             fr_number(hours['objective'], 0) + ' h', 'objective'],
            [_('Validated hours in the period'), fr_number(hours['realised']) + ' h',
             'realised'],
            [_('Validated hours since the start, to the end of the period'),
             fr_number(hours['realised_to_date']) + ' h', 'realised_to_date'],
            [_('Objective reached'), fr_number(progress, 1) + ' %', 'progress'],
            [_('People with validated hours in the period'),
             str(mask_count(people['total'], min_cell)), 'people'],
        ]

    @api.model
    def _asr_charter_key_figures(self, charter, year):
        """The key figures of a charter's year, as its annual bilan gives them (no access
        check: the caller has checked the charter)."""
        date_from, date_to = year_period(year)
        scope = self.env['asr.figures']._asr_scope(charter.ids, date_from, date_to)
        figures = self.env['asr.figures']
        return self._asr_kpis(scope, figures._asr_hours(scope), figures._asr_people(scope),
                              charter.bilan_min_cell)

    def _asr_month_section(self, hours):
        rows, cumulated, pace_cumulated = [], 0.0, 0.0
        for month, done, pace in hours['by_month']:
            cumulated += done
            pace_cumulated += pace
            rows.append([fr_month(month), done, pace, cumulated, pace_cumulated])
        chart = bar_line_chart(
            [fr_month(month) for month, _d, _p in hours['by_month']],
            [done for _m, done, _p in hours['by_month']],
            [(_('Objective at an even pace'), [pace for _m, _d, pace in hours['by_month']])],
            bar_name=_('Validated hours of the month'))
        return {
            'key': 'months', 'title': _('Hours per month against the objective'),
            'chart': chart,
            'table': {'columns': [[_('Month'), 'text'], [_('Validated hours'), 'hours'],
                                  [_('Objective of the month (even pace)'), 'hours'],
                                  [_('Validated hours, cumulated'), 'hours'],
                                  [_('Objective, cumulated'), 'hours']],
                      'rows': rows},
            'note': _('The objective of each insertion clause is spread evenly over the months '
                      'of its contract.'),
        }

    def _asr_modality_section(self, hours):
        labels = dict(self.env['asr.figures']._asr_selection('asr.hour.entry', 'modality'))
        total = hours['realised'] or 0.0
        rows = [[labels.get(key, key), value, value * 100.0 / total if total else 0.0]
                for key, value in hours['by_modality']]
        chart = hbar_chart([
            (row[0], row[1], '%s h (%s %%)' % (fr_number(row[1]), fr_number(row[2], 1)))
            for row in rows]) if rows else ''
        return {
            'key': 'modalities', 'title': _('Hours by modality'),
            'chart': chart,
            'table': {'columns': [[_('Modality'), 'text'], [_('Validated hours'), 'hours'],
                                  [_('Share'), 'percent']],
                      'rows': rows + [[_('Total'), total, 100.0 if total else 0.0]]},
            'note': '',
        }

    def _asr_people_sections(self, people, min_cell):
        labels = self.env['asr.figures']._asr_people_labels()
        titles = [('gender', _('Gender')), ('age_band', _('Age band')),
                  ('qpv', _('Residence in a priority neighbourhood (QPV)')),
                  ('structure_kind', _('Structure that employed them')),
                  ('outcome', _('Outcome six months after'))]
        rows, row_keys, chart_items = [], [], []
        for key, title in titles:
            present = [(value, label) for value, label in labels[key]
                       if people[key].get(value)]
            counts = [people[key][value] for value, _label in present]
            shown = mask_distribution(counts, min_cell)
            for (value, label), count in zip(present, shown):
                rows.append([title, label, count])
                row_keys.append([key, value])
                if key in ('gender', 'age_band'):
                    chart_items.append(('%s — %s' % (title, label),
                                        count if isinstance(count, int) else None,
                                        str(count)))
        total = mask_count(people['total'], min_cell)
        sections = [{
            'key': 'people', 'title': _('People by profile'),
            'chart': hbar_chart(chart_items) if chart_items else '',
            'table': {'columns': [[_('Dimension'), 'text'], [_('Value'), 'text'],
                                  [_('People'), 'count']],
                      'rows': rows + [[_('Total'), _('distinct people'), total]]},
            'row_keys': row_keys + [['total', 'total']],
            'note': _('Distinct people with validated hours in the period, counted once '
                      'each; a count of fewer than %s people is shown as "< %s" so that no '
                      'one can be identified. No name appears in a bilan.') % (
                          min_cell, min_cell),
        }]
        if people['criteria']:
            counts = mask_distribution([n for _name, n in people['criteria']], min_cell,
                                       total_shown=False)
            sections.append({
                'key': 'criteria', 'title': _('Eligibility criteria'),
                'chart': '',
                'table': {'columns': [[_('Criterion'), 'text'], [_('People'), 'count']],
                          'rows': [[name, count] for (name, _n), count
                                   in zip(people['criteria'], counts)]},
                'note': _('A person counts under each of their criteria.'),
            })
        return sections

    def _asr_clause_section(self, scope, hours):
        types = dict(self.env['asr.figures']._asr_selection('asr.clause', 'clause_type'))
        rows = []
        for clause in scope['clauses']:
            period, to_date = hours['by_clause'].get(clause['id'], (0.0, 0.0))
            objective = clause['objective'] if clause['clause_type'] == 'insertion' else 0
            rows.append([
                '%s — lot %s' % (clause['market_reference'] or clause['market_name'],
                                 clause['lot']),
                clause['market_name'], clause['contractor'] or '',
                types.get(clause['clause_type'], ''), objective, period, to_date,
                to_date * 100.0 / objective if objective else 0.0])
        return {
            'key': 'clauses', 'title': _('Clauses'),
            'chart': '',
            'table': {'columns': [[_('Market and lot'), 'text'], [_('Object'), 'text'],
                                  [_('Contractor'), 'text'], [_('Disposition'), 'text'],
                                  [_('Hour objective'), 'hours'],
                                  [_('Validated hours in the period'), 'hours'],
                                  [_('Validated hours to date'), 'hours'],
                                  [_('Objective reached'), 'percent']],
                      'rows': rows},
            'note': '',
        }

    def _asr_action_section(self, scope, actions):
        labels = dict(self.env['asr.figures']._asr_selection('asr.clause.action', 'action'))
        references = {c['id']: '%s — lot %s' % (c['market_reference'] or c['market_name'],
                                                c['lot']) for c in scope['clauses']}
        rows = [[references.get(a['clause_id'], ''), labels.get(a['action'], a['action']),
                 a['planned'], a['records'], a['people']] for a in actions]
        return {
            'key': 'actions', 'title': _('Social actions: planned and carried out'),
            'chart': '',
            'table': {'columns': [[_('Market and lot'), 'text'], [_('Action'), 'text'],
                                  [_('People planned'), 'count'],
                                  [_('Actions carried out, with supporting documents'),
                                   'count'],
                                  [_('People reached'), 'count']],
                      'rows': rows},
            'note': _('An action counts as carried out once its record, with its supporting '
                      'documents, has been validated by the facilitator.'),
        }

    def _asr_market_section(self, markets):
        labels = dict(self.env['asr.figures']._asr_selection('asr.clause', 'clause_type'),
                      none=_('No social disposition'))
        rows = [[labels.get(r['type'], r['type']), r['markets'], r['lots'], r['amount']]
                for r in markets['by_type']]
        chart = hbar_chart([(row[0], row[2], '%s lots' % row[2]) for row in rows]) \
            if rows else ''
        return {
            'key': 'markets', 'title': _('Purchases examined and social dispositions'),
            'chart': chart,
            'table': {'columns': [[_('Disposition'), 'text'], [_('Markets'), 'count'],
                                  [_('Lots'), 'count'], [_('Amount excl. VAT'), 'amount']],
                      'rows': rows},
            'note': _('Markets of the year (planned consultation date); the amount is the '
                      'awarded amount of the lot, or its estimate before award.'),
        }

    def _asr_rate(self, part, whole):
        return part * 100.0 / whole if whole else 0.0

    def _asr_indicator_section(self, markets, purchases):
        rate = self._asr_rate
        rows = [
            [_('Art. 3-2: markets examined for a social disposition'), markets['examined'],
             markets['total'], rate(markets['examined'], markets['total'])],
            [_('Art. 3-3: markets with the facilitator\'s opinion'), markets['opinion'],
             markets['total'], rate(markets['opinion'], markets['total'])],
            [_('Art. 3-1: markets with a social disposition'), markets['disposed'],
             markets['total'], rate(markets['disposed'], markets['total'])],
            [_('Art. 3-4: markets divided into lots'), markets['allotted'], markets['total'],
             rate(markets['allotted'], markets['total'])],
            [_('Art. 3-4: reserved lots (L2113-12, 13, 15)'), markets['reserved_lots'], '',
             ''],
            [_('Art. 3-4: amount of the reserved lots (EUR excl. VAT)'),
             markets['reserved_amount'], '', ''],
            [_('Purchases from inclusive suppliers (EUR excl. VAT)'), purchases['inclusive'],
             purchases['amount'], purchases['share']],
        ]
        return {
            'key': 'indicators', 'title': _('Indicators of the charter (article 3)'),
            'chart': '',
            'table': {'columns': [[_('Indicator'), 'text'], [_('Value'), 'number'],
                                  [_('Out of'), 'number'], [_('Rate'), 'percent']],
                      'rows': rows},
            'note': '',
        }

    def _asr_purchase_section(self, purchases):
        return {
            'key': 'purchases', 'title': _('Purchases from inclusive suppliers'),
            'chart': '',
            'table': {'columns': [[_('Confirmed orders'), 'count'],
                                  [_('Amount excl. VAT'), 'amount'],
                                  [_('From inclusive suppliers'), 'amount'],
                                  [_('Share'), 'percent']],
                      'rows': [[purchases['orders'], purchases['amount'],
                                purchases['inclusive'], purchases['share']]]},
            'note': _('SIAE, ESAT, EA and ESS enterprises of the registry of inclusive '
                      'suppliers.'),
        }

    def _asr_penalty_section(self, penalties):
        labels = dict(self.env['asr.figures']._asr_selection('asr.penalty', 'state'))
        rows = [[labels[state], penalties[state][0], penalties[state][1]]
                for state, _label in PENALTY_STATES if state in penalties]
        return {
            'key': 'penalties', 'title': _('Penalties'),
            'chart': '',
            'table': {'columns': [[_('State'), 'text'], [_('Penalties'), 'count'],
                                  [_('Amount due (EUR)'), 'amount']],
                      'rows': rows},
            'note': '',
        }

    # -- display ---------------------------------------------------------------------------
    @api.model
    def _asr_display(self, values):
        """The values with each table's cells written as a French reader reads them (the
        QWeb template prints these; the workbook writes the numbers themselves)."""
        formatters = {
            'hours': lambda v: fr_number(v), 'count': lambda v: fr_number(v, 0),
            'number': lambda v: fr_amount(v) if isinstance(v, float) else fr_number(v, 0),
            'amount': fr_amount, 'percent': lambda v: fr_number(v, 1) + ' %',
            'text': lambda v: v,
        }
        shown = dict(values, sections=[])
        for section in values['sections']:
            section = dict(section)
            table = section.get('table')
            if table:
                kinds = [kind for _title, kind in table['columns']]
                section['text_rows'] = [
                    [cell if isinstance(cell, str) or cell is None
                     else formatters.get(kind, str)(cell)
                     for cell, kind in zip(row, kinds)] for row in table['rows']]
                section['numeric'] = [kind != 'text' for kind in kinds]
            shown['sections'].append(section)
        return shown

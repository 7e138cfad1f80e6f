"""The figures layer: every bilan, spreadsheet, dashboard tile and portal page reads its
numbers here, so that the same number is never computed two ways.

Each method takes a *scope* (the charters, the period, and optionally clauses, a contractor or
a buying entity), resolves it once to the clauses it covers and answers with plain data from
SQL: hours from the summary table ``asr_hour_month_total`` (kept up to date with the hours,
see ``asr.hour.entry._asr_refresh_figures``), people from the validated entries through the
index (clause_id, state), markets from ``asr_disposition_report``. None of them checks access:
the caller does (``asr.bilan._asr_check_access``) before anything is read.
"""

from odoo import _, api, models

from odoo.addons.asr_beneficiaries.models.asr_hour_entry import MODALITIES
from odoo.addons.asr_charter.rules.dates import (add_months, first_of_month, months_between,
                                                 to_date)
from odoo.addons.asr_clauses.models.asr_clause import CLAUSE_TYPES
from odoo.addons.asr_clauses.rules.legal_checks import RESERVED_CODES

from ..rules.bilan import AGE_BANDS, UNKNOWN

# the age reached in the period's last year, as rules.bilan.age_band computes it
AGE_BAND_SQL = """CASE WHEN b.birth_year IS NULL OR b.birth_year > %(year)s THEN 'unknown'
                       WHEN %(year)s - b.birth_year < 26 THEN 'under_26'
                       WHEN %(year)s - b.birth_year < 50 THEN '26_49'
                       ELSE '50_over' END"""
PEOPLE_DIMENSIONS = ('gender', 'age_band', 'qpv', 'structure_kind', 'outcome')


class Scope(dict):
    """What a bilan covers: ``charter_ids``, ``date_from``, ``date_to`` (dates), and optional
    ``clause_ids``, ``partner_id`` (contractor), ``buyer_entity_id``, ``year`` of the markets."""

    @property
    def months(self):
        return (first_of_month(self['date_from']), first_of_month(self['date_to']))


class AsrFigures(models.AbstractModel):
    _name = 'asr.figures'
    _description = 'Figures of the bilans'

    # -- scope -----------------------------------------------------------------------------
    @api.model
    def _asr_scope(self, charter_ids, date_from, date_to, clause_ids=None, partner_id=None,
                   buyer_entity_id=None):
        scope = Scope(charter_ids=sorted(set(charter_ids)), date_from=date_from,
                      date_to=date_to, clause_ids=clause_ids and sorted(set(clause_ids)),
                      partner_id=partner_id or None, buyer_entity_id=buyer_entity_id or None)
        scope['clauses'] = self._asr_clauses(scope)
        scope['ids'] = tuple(row['id'] for row in scope['clauses']) or (0,)
        return scope

    def _asr_clauses(self, scope):
        """The clauses of the scope whose contract meets the period (or, for a clause asked
        for by id, the clause whatever its dates), in reference order, with what the tables
        of the bilans show of them."""
        where, params = ['c.charter_id IN %s'], [tuple(scope['charter_ids']) or (0,)]
        if scope['clause_ids']:
            where.append('c.id IN %s')
            params.append(tuple(scope['clause_ids']))
        else:
            where.append('(c.date_start IS NULL OR c.date_start <= %s) AND '
                         '(c.date_end IS NULL OR c.date_end >= %s)')
            params += [scope['date_to'], scope['date_from']]
            where.append("c.clause_type IN ('insertion', 'social_action')")
            where.append("c.state != 'draft'")
        if scope['partner_id']:
            where.append('c.partner_id = %s')
            params.append(scope['partner_id'])
        if scope['buyer_entity_id']:
            where.append('m.buyer_entity_id = %s')
            params.append(scope['buyer_entity_id'])
        # sql-composed: the conditions are the fixed fragments above, values are parameters
        self.env.cr.execute("""
            SELECT c.id, c.clause_type, coalesce(c.hour_objective, 0) AS objective,
                   coalesce(c.hours_realised, 0) AS realised, c.date_start, c.date_end,
                   m.reference AS market_reference, m.name AS market_name, l.number AS lot,
                   l.name AS lot_name, p.name AS contractor, c.partner_id, c.charter_id,
                   coalesce(l.amount_awarded, 0) AS amount_awarded, c.state
            FROM asr_clause c
            JOIN asr_market_lot l ON l.id = c.lot_id
            JOIN asr_market m ON m.id = l.market_id
            LEFT JOIN res_partner p ON p.id = c.partner_id
            WHERE """ + ' AND '.join(where) + """
            ORDER BY m.reference, l.number, c.id""", params)
        return self.env.cr.dictfetchall()

    # -- hours -----------------------------------------------------------------------------
    @api.model
    def _asr_hours(self, scope):
        """Objective and validated hours: {'objective', 'realised' (in the period),
        'realised_to_date' (from the start to the period's end), 'by_modality': [(modality,
        hours)], 'by_month': [(month, hours, objective pace)], 'by_clause': {id: hours}}."""
        cr = self.env.cr
        first, last = scope.months
        cr.execute("""
            SELECT t.month, t.modality, sum(t.hours) FROM asr_hour_month_total t
            WHERE t.clause_id IN %s AND t.month BETWEEN %s AND %s
            GROUP BY t.month, t.modality""", (scope['ids'], first, last))
        by_modality, by_month = {}, {}
        for month, modality, total in cr.fetchall():
            month = to_date(month)
            by_modality[modality] = by_modality.get(modality, 0.0) + total
            by_month[month] = by_month.get(month, 0.0) + total
        # to date = the clause's validated hours (stored, refreshed with the figure tables)
        # less those after the period: only the months from the period's start are read
        cr.execute("""
            SELECT t.clause_id, sum(t.hours) FILTER (WHERE t.month <= %s),
                   sum(t.hours) FILTER (WHERE t.month > %s)
            FROM asr_hour_month_total t
            WHERE t.clause_id IN %s AND t.month >= %s GROUP BY t.clause_id""",
                   (last, last, scope['ids'], first))
        later = {row[0]: (row[1] or 0.0, row[2] or 0.0) for row in cr.fetchall()}
        per_clause = {}
        for clause in scope['clauses']:
            period, after = later.get(clause['id'], (0.0, 0.0))
            per_clause[clause['id']] = (period, round(clause['realised'] - after, 4))
        insertion = [c for c in scope['clauses'] if c['clause_type'] == 'insertion']
        months = []
        month = first
        while month <= last:
            months.append(month)
            month = add_months(month, 1)
        pace = dict.fromkeys(months, 0.0)
        for clause in insertion:
            if not (clause['date_start'] and clause['date_end']) or not clause['objective']:
                continue
            start = first_of_month(to_date(clause['date_start']))
            end = first_of_month(to_date(clause['date_end']))
            length = months_between(start, end)
            for month in months:
                if start <= month <= end:
                    pace[month] += clause['objective'] / float(length)
        order = [key for key, _label in MODALITIES]
        return {
            'objective': sum(c['objective'] for c in insertion),
            'realised': sum(by_modality.values()),
            'realised_to_date': sum(total for _p, total in per_clause.values()),
            'by_modality': sorted(((m, h) for m, h in by_modality.items() if h),
                                  key=lambda item: order.index(item[0])
                                  if item[0] in order else 99),
            'by_month': [(month, by_month.get(month, 0.0), pace[month]) for month in months],
            'by_clause': per_clause,
        }

    # -- people ----------------------------------------------------------------------------
    @api.model
    def _asr_people(self, scope):
        """Distinct people with validated hours in the period: {'total', 'gender': {key: n},
        'age_band', 'qpv' ('yes'/'no'), 'structure_kind' (the kind of the structure that
        employed them the most hours; 'none' for a direct hire by an ordinary firm),
        'outcome', 'criteria': [(criterion, n)] (a person counts under each of their
        criteria)}; every count is of people, before any masking."""
        cr = self.env.cr
        first, last = scope.months
        # sql-composed: AGE_BAND_SQL is the module's constant, the year an integer
        cr.execute("""
            WITH worked AS (
                SELECT e.beneficiary_id, e.employer_id, sum(e.hours) AS hours
                FROM asr_hour_entry e
                WHERE e.clause_id IN %%s AND e.state = 'validated'
                  AND e.month BETWEEN %%s AND %%s AND e.beneficiary_id IS NOT NULL
                GROUP BY e.beneficiary_id, e.employer_id),
            people AS (
                SELECT DISTINCT ON (w.beneficiary_id) w.beneficiary_id,
                       coalesce(pa.asr_structure_kind, 'none') AS structure_kind
                FROM worked w LEFT JOIN res_partner pa ON pa.id = w.employer_id
                ORDER BY w.beneficiary_id, w.hours DESC, w.employer_id)
            SELECT p.beneficiary_id, coalesce(b.gender, 'unknown'), %s,
                   CASE WHEN b.qpv_resident THEN 'yes' ELSE 'no' END, p.structure_kind,
                   coalesce(b.outcome, 'unknown')
            FROM people p JOIN asr_beneficiary b ON b.id = p.beneficiary_id""" % (
            AGE_BAND_SQL % {'year': int(last.year)}), (scope['ids'], first, last))
        result = {key: {} for key in PEOPLE_DIMENSIONS}
        people = []
        for row in cr.fetchall():
            people.append(row[0])
            for key, value in zip(PEOPLE_DIMENSIONS, row[1:]):
                result[key][value] = result[key].get(value, 0) + 1
        # the criteria of the same people, through the relation's index (one scan of the
        # entries for both)
        cr.execute("""
            SELECT cr.id, cr.code, count(*)
            FROM asr_beneficiary_asr_eligibility_criterion_rel r
            JOIN asr_eligibility_criterion cr ON cr.id = r.asr_eligibility_criterion_id
            WHERE r.asr_beneficiary_id = ANY(%s)
            GROUP BY cr.id, cr.code, cr.sequence ORDER BY cr.sequence, cr.id""", (people,))
        criteria = cr.fetchall()
        names = dict(self.env['asr.eligibility.criterion'].sudo().browse(
            [row[0] for row in criteria]).name_get())
        result['criteria'] = [(names.get(row[0], row[1]), row[2]) for row in criteria]
        result['total'] = len(people)
        return result

    @api.model
    def _asr_selection(self, model, field):
        """[(value, label)] of a selection field, labels in the user's language."""
        return self.env[model]._fields[field]._description_selection(self.env)

    @api.model
    def _asr_people_labels(self):
        """The label of each value of each dimension of ``_asr_people``, in display order."""
        unknown = [(UNKNOWN, _('Not known'))]
        bands = {'under_26': _('Under 26'), '26_49': _('26 to 49'),
                 '50_over': _('50 and over')}
        return {
            'gender': self._asr_selection('asr.beneficiary', 'gender') + unknown,
            'age_band': [(key, bands[key]) for key, _low, _high in AGE_BANDS] + unknown,
            'qpv': [('yes', _('Lives in a QPV')), ('no', _('Does not live in a QPV'))],
            'structure_kind': self._asr_selection('res.partner', 'asr_structure_kind') + [
                ('none', _('Ordinary company (direct hire)'))],
            'outcome': self._asr_selection('asr.beneficiary', 'outcome'),
        }

    # -- social actions --------------------------------------------------------------------
    @api.model
    def _asr_actions(self, scope):
        """Per committed action of the social-action clauses: planned people, and the
        validated records of the period with their supporting documents (count, people)."""
        self.env.cr.execute("""
            SELECT a.id, a.clause_id, a.action, a.people_count,
                   count(r.id) FILTER (WHERE r.state = 'validated' AND r.date BETWEEN %s AND %s
                                         AND EXISTS (SELECT 1 FROM
                                             asr_social_action_record_ir_attachment_rel x
                                             WHERE x.asr_social_action_record_id = r.id)),
                   coalesce(sum(r.people_count) FILTER (
                       WHERE r.state = 'validated' AND r.date BETWEEN %s AND %s
                         AND EXISTS (SELECT 1 FROM asr_social_action_record_ir_attachment_rel x
                                     WHERE x.asr_social_action_record_id = r.id)), 0)
            FROM asr_clause_action a
            LEFT JOIN asr_social_action_record r ON r.action_id = a.id
            WHERE a.clause_id IN %s
            GROUP BY a.id ORDER BY a.clause_id, a.sequence, a.id""",
                            (scope['date_from'], scope['date_to'], scope['date_from'],
                             scope['date_to'], scope['ids']))
        return [{'id': row[0], 'clause_id': row[1], 'action': row[2], 'planned': row[3],
                 'records': row[4], 'people': row[5]} for row in self.env.cr.fetchall()]

    # -- markets ---------------------------------------------------------------------------
    @api.model
    def _asr_markets(self, scope):
        """The purchases of the scope's year(s) (markets by their year): markets examined,
        with a disposition, by disposition type (lots and amount), reserved lots and amount,
        and the share of lots examined with the facilitator's opinion."""
        cr = self.env.cr
        where, params = ['m.charter_id IN %s', 'm.year BETWEEN %s AND %s'], [
            tuple(scope['charter_ids']) or (0,), scope['date_from'].year, scope['date_to'].year]
        if scope['buyer_entity_id']:
            where.append('m.buyer_entity_id = %s')
            params.append(scope['buyer_entity_id'])
        if scope['partner_id']:
            where.append('m.id IN (SELECT market_id FROM asr_market_lot WHERE partner_id = %s)')
            params.append(scope['partner_id'])
        condition = ' AND '.join(where)
        # sql-composed: the conditions are the fixed fragments above, values are parameters
        cr.execute("""
            SELECT count(*), count(*) FILTER (WHERE m.state != 'to_examine'),
                   count(*) FILTER (WHERE m.opinion IS NOT NULL),
                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM asr_clause c
                                                  WHERE c.market_id = m.id)),
                   coalesce(sum(m.amount_estimated), 0),
                   count(*) FILTER (WHERE (SELECT count(*) FROM asr_market_lot l
                                           WHERE l.market_id = m.id) > 1)
            FROM asr_market m WHERE """ + condition, params)
        total, examined, opinion, disposed, amount, allotted = cr.fetchone()
        # sql-composed: the conditions are the fixed fragments above, values are parameters
        cr.execute("""
            SELECT r.disposition, count(DISTINCT r.lot_id), count(DISTINCT r.market_id),
                   coalesce(sum(CASE WHEN r.amount_awarded > 0 THEN r.amount_awarded
                                     ELSE r.amount_estimated END), 0)
            FROM asr_disposition_report r JOIN asr_market m ON m.id = r.market_id
            WHERE """ + condition + " GROUP BY r.disposition", params)
        order = [key for key, _label in CLAUSE_TYPES] + ['none']
        by_type = sorted(cr.fetchall(), key=lambda row: order.index(row[0])
                         if row[0] in order else 99)
        reserved = [row for row in by_type if row[0] in RESERVED_CODES]
        return {
            'total': total, 'examined': examined, 'opinion': opinion, 'disposed': disposed,
            'amount': amount, 'allotted': allotted,
            'by_type': [{'type': row[0], 'lots': row[1], 'markets': row[2], 'amount': row[3]}
                        for row in by_type],
            'reserved_lots': sum(row[1] for row in reserved),
            'reserved_amount': sum(row[3] for row in reserved),
        }

    @api.model
    def _asr_purchases(self, scope):
        """Confirmed purchase orders of the period (of the scope's companies, of the buying
        entity's markets when the scope has one): total untaxed, with inclusive suppliers."""
        where = ["po.state IN ('purchase', 'done')", 'po.date_order::date BETWEEN %s AND %s',
                 'po.company_id IN (SELECT company_id FROM asr_charter WHERE id IN %s)']
        params = [scope['date_from'], scope['date_to'], tuple(scope['charter_ids']) or (0,)]
        if scope['buyer_entity_id']:
            where.append("""po.asr_lot_id IN (SELECT l.id FROM asr_market_lot l
                            JOIN asr_market m ON m.id = l.market_id
                            WHERE m.buyer_entity_id = %s)""")
            params.append(scope['buyer_entity_id'])
        if scope['partner_id']:
            where.append('po.partner_id IN (SELECT id FROM res_partner WHERE '
                         'commercial_partner_id = %s)')
            params.append(scope['partner_id'])
        # sql-composed: the conditions are the fixed fragments above, values are parameters
        self.env.cr.execute("""
            SELECT coalesce(sum(po.amount_untaxed), 0),
                   coalesce(sum(po.amount_untaxed) FILTER (WHERE po.asr_inclusive_supplier), 0),
                   count(*), count(*) FILTER (WHERE po.asr_inclusive_supplier)
            FROM purchase_order po WHERE """ + ' AND '.join(where), params)
        amount, inclusive, orders, inclusive_orders = self.env.cr.fetchone()
        return {'amount': amount, 'inclusive': inclusive, 'orders': orders,
                'inclusive_orders': inclusive_orders,
                'share': inclusive * 100.0 / amount if amount else 0.0}

    @api.model
    def _asr_penalties(self, scope):
        """Penalties of the scope's clauses whose period meets the bilan's: per state, the
        count and the amount due."""
        self.env.cr.execute("""
            SELECT state, count(*), coalesce(sum(amount_total), 0) FROM asr_penalty
            WHERE clause_id IN %s AND date_from <= %s AND date_to >= %s
            GROUP BY state""", (scope['ids'], scope['date_to'], scope['date_from']))
        return {row[0]: (row[1], row[2]) for row in self.env.cr.fetchall()}

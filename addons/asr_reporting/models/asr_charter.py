from odoo import _, api, fields, models
from odoo.addons.asr_charter.exceptions import AsrValidationError
from odoo.addons.asr_clauses.rules.penalties import (DEFAULT_ANSWER_DAYS, PenaltyError,
                                                     check_answer_days)

from ..rules.bilan import DEFAULT_MIN_CELL, BilanError, check_min_cell
from ..rules.landing import evaluation_late_year, evaluation_year_due


class AsrCharter(models.Model):
    """What the manager's landing page looks for on the charters: an overdue technical
    committee, a late annual evaluation (searchable, so that a tile counts them)."""

    _inherit = 'asr.charter'

    committee_overdue = fields.Boolean(search='_search_committee_overdue')
    evaluation_late_year = fields.Integer('Evaluation late for the year',
                                          compute='_compute_evaluation_late')
    evaluation_late = fields.Boolean(
        'Annual evaluation late', compute='_compute_evaluation_late',
        search='_search_evaluation_late',
        help="The charter was in force last year and that year's evaluation is not written "
             "(due by 31 March).")
    penalty_answer_days = fields.Integer(
        'Days to answer a draft penalty', required=True, default=DEFAULT_ANSWER_DAYS,
        help="Contradictory procedure: days the contractor has to send its observations "
             "once a penalty is proposed, before a responsable may approve it.")
    bilan_min_cell = fields.Integer(
        'Smallest count of people shown in a bilan', required=True, default=DEFAULT_MIN_CELL,
        help="In the bilans, a count of fewer people than this is shown as '< N' so that a "
             "bilan can be published without identifying anyone (5 by default).")

    @api.constrains('bilan_min_cell')
    def _check_bilan_min_cell(self):
        for charter in self:
            try:
                check_min_cell(charter.bilan_min_cell)
            except BilanError as err:
                raise AsrValidationError('charter.bilan_min_cell', _(
                    "The smallest count of people shown in a bilan must be between %s and %s "
                    "(%s given).") % (err.values['low'], err.values['high'],
                                      charter.bilan_min_cell))

    @api.constrains('penalty_answer_days')
    def _check_penalty_answer_days(self):
        for charter in self:
            try:
                check_answer_days(charter.penalty_answer_days)
            except PenaltyError:
                raise AsrValidationError('charter.penalty_answer_days', _(
                    "The contractor has between 1 and 90 days to answer a draft penalty "
                    "(%s given).") % charter.penalty_answer_days)

    def _asr_positive(self, operator, value):
        """Whether a search on a boolean asks for the True ones (= True, != False). A method,
        so that _() finds the user's language (a module function left the message English)."""
        if operator not in ('=', '!=') or not isinstance(value, bool):
            raise AsrValidationError('landing.flag_operator',
                                     _("Search this flag with = True or = False."))
        return (operator == '=') == value

    def _search_committee_overdue(self, operator, value):
        """The committee rule of asr_charter (rules.committee) over the charters adopted or in
        force: a region holds a few of them, each with a handful of committees."""
        charters = self.sudo().search([('state', 'in', ('adopted', 'in_force'))])
        overdue = charters.filtered('committee_overdue')
        return [('id', 'in' if self._asr_positive(operator, value) else 'not in', overdue.ids)]

    @api.multi
    def _compute_evaluation_late(self):
        today = fields.Date.from_string(fields.Date.context_today(self))
        year = evaluation_year_due(today)
        ids = [i for i in self.ids if isinstance(i, int)]
        groups = self.env['asr.charter.evaluation'].sudo().read_group(
            [('charter_id', 'in', ids), ('year', '=', year)], ['charter_id'],
            ['charter_id']) if ids else []
        evaluated = {g['charter_id'][0] for g in groups}
        for charter in self:
            since = fields.Date.from_string(charter.date_in_force or charter.act_date)
            late = charter.state == 'in_force' and evaluation_late_year(
                since, [year] if charter.id in evaluated else [], today)
            charter.evaluation_late_year = late or 0
            charter.evaluation_late = bool(late)

    def _search_evaluation_late(self, operator, value):
        """The rule of rules.landing in one query."""
        today = fields.Date.from_string(fields.Date.context_today(self))
        self.env.cr.execute("""
            SELECT c.id FROM asr_charter c
            WHERE c.state = 'in_force'
              AND date_part('year', coalesce(c.date_in_force, c.act_date)) <= %(year)s
              AND NOT EXISTS (SELECT 1 FROM asr_charter_evaluation e
                              WHERE e.charter_id = c.id AND e.year = %(year)s)""",
                            {'year': evaluation_year_due(today)})
        ids = [row[0] for row in self.env.cr.fetchall()]
        return [('id', 'in' if self._asr_positive(operator, value) else 'not in', ids)]

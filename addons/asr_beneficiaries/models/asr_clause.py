from odoo import _, api, fields, models

from odoo.addons.asr_charter.exceptions import AsrValidationError

from ..rules.hours import SUBCONTRACTING, progress, projection


class AsrClause(models.Model):
    """What an insertion clause has realised: its totals are stored columns, refreshed from the
    hours in the transaction that changes them (asr.hour.entry._asr_refresh_figures)."""

    _name = 'asr.clause'
    _inherit = ['asr.clause', 'asr.code.mixin']
    _code_prefix = 'CL-'
    _asr_name_search_fields = ('code',)

    hour_entry_ids = fields.One2many('asr.hour.entry', 'clause_id', 'Hour entries')
    modality_report_ids = fields.One2many('asr.clause.modality.report', 'clause_id',
                                          'Hours by modality', readonly=True)
    # totals of the hours, stored and refreshed with the hours themselves
    # (asr.hour.entry._asr_refresh_figures): lists, filters and sorts read columns
    hours_realised = fields.Float('Hours realised', readonly=True, copy=False, default=0.0,
                                  help="Validated hours.")
    hours_to_validate = fields.Float('Hours awaiting validation', readonly=True, copy=False,
                                     default=0.0)
    hours_rejected = fields.Float('Hours rejected', readonly=True, copy=False, default=0.0)
    beneficiary_count = fields.Integer('People', readonly=True, copy=False, default=0,
                                       help="Distinct people with validated hours.")
    hours_progress = fields.Float('Objective reached (%)', compute='_compute_progress',
                                  store=True, group_operator='avg')
    hours_missing = fields.Float('Missing hours', compute='_compute_progress', store=True)
    hours_projected = fields.Float(
        'Projected at the end date', compute='_compute_projection',
        help="Hours expected at the contract's end if the pace since its start goes on.")
    behind_objective = fields.Boolean('Behind its objective', compute='_compute_projection',
                                      search='_search_behind_objective')
    monthly_report_ids = fields.One2many('asr.monthly.report', 'clause_id', 'Monthly reports')
    late_report_count = fields.Integer('Late reports', compute='_compute_late_report_count')
    social_record_ids = fields.One2many('asr.social.action.record', 'clause_id',
                                        'Actions carried out')

    @api.constrains('clause_type')
    def _check_type_of_clause_with_hours(self):
        for clause in self.filtered(lambda c: c.clause_type != 'insertion'):
            if self.env['asr.hour.entry'].sudo().search_count([('clause_id', '=', clause.id)]):
                raise AsrValidationError('clause.type_with_hours', _(
                    "The clause %s has hour entries: it stays an insertion clause.")
                    % clause.display_name)

    @api.multi
    def write(self, vals):
        res = super(AsrClause, self).write(vals)
        if {'labour_share', 'hourly_cost'} & set(vals):
            self._asr_convert_subcontracting_again()
        return res

    def _asr_convert_subcontracting_again(self):
        """Subcontracted amounts are converted with the clause's labour share and hourly
        cost: entries waiting for validation are converted again; validated ones must be
        reset first, so that no validated figure changes silently."""
        entries = self.env['asr.hour.entry'].sudo().search([
            ('clause_id', 'in', self.ids), ('modality', 'in', list(SUBCONTRACTING)),
            ('state', '!=', 'rejected')])
        if entries.filtered(lambda e: e.state == 'validated'):
            raise AsrValidationError('clause.validated_subcontracting', _(
                "Validated subcontracting hours of %s were converted with the present labour "
                "share and hourly cost: reset them to draft before changing these "
                "parameters.") % ', '.join(entries.mapped('clause_id.display_name')))
        for entry in entries:
            entry.write({'amount': entry.amount})

    @api.depends('hour_objective', 'hours_realised')
    def _compute_progress(self):
        # the same rule as the refresh of the totals, which writes these columns in SQL
        for clause in self:
            clause.hours_progress, clause.hours_missing = progress(clause.hour_objective,
                                                                   clause.hours_realised)

    @api.multi
    def _compute_projection(self):
        """From the stored totals and today's date. The columns it needs are read in one
        query for the clauses already saved: a list of thousands of clauses then loads no
        other column of theirs."""
        today = fields.Date.from_string(fields.Date.context_today(self))
        to_date = fields.Date.from_string
        saved = [i for i in self.ids if isinstance(i, int)]
        stored = {}
        if saved:
            self.env.cr.execute("""
                SELECT id, hours_realised, date_start, date_end, hour_objective, clause_type,
                       state
                FROM asr_clause WHERE id IN %s""", (tuple(saved),))
            stored = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for clause in self:
            realised, start, end, objective, kind, state = stored.get(clause.id) or (
                clause.hours_realised, clause.date_start, clause.date_end,
                clause.hour_objective, clause.clause_type, clause.state)
            projected = projection(realised or 0.0, to_date(start), to_date(end), today)
            clause.hours_projected = projected
            clause.behind_objective = (kind == 'insertion' and state == 'execution'
                                       and projected < (objective or 0))

    def _search_behind_objective(self, operator, value):
        """The clauses whose projection falls short of their objective: the insertion
        clauses in execution, their stored columns read in one query and judged by the same
        rule as the field (``rules.hours.projection``)."""
        if operator not in ('=', '!=') or not isinstance(value, bool):
            raise AsrValidationError('clause.behind_objective_search', _(
                "Search the clauses behind their objective with = True or = False."))
        today = fields.Date.from_string(fields.Date.context_today(self))
        to_date = fields.Date.from_string
        self.env.cr.execute("""
            SELECT id, hours_realised, date_start, date_end, hour_objective FROM asr_clause
            WHERE clause_type = 'insertion' AND state = 'execution'""")
        ids = [clause_id for clause_id, realised, start, end, objective in self.env.cr.fetchall()
               if projection(realised or 0.0, to_date(start), to_date(end), today)
               < (objective or 0)]
        behind = (operator == '=') == value
        return [('id', 'in' if behind else 'not in', ids)]

    @api.multi
    def _compute_late_report_count(self):
        groups = self.env['asr.monthly.report'].sudo().read_group(
            [('clause_id', 'in', self.ids), ('days_late', '>', 0)], ['clause_id'],
            ['clause_id'])
        counts = {g['clause_id'][0]: g['clause_id_count'] for g in groups}
        for clause in self:
            clause.late_report_count = counts.get(clause.id, 0)

    @api.multi
    def action_open_hour_graph(self):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window', 'res_model': 'asr.hour.report',
            'name': _('Hours per month'), 'view_mode': 'graph,pivot',
            'domain': [('clause_id', '=', self.id)],
            'context': {'graph_groupbys': ['month:month', 'modality']},
        }

    @api.multi
    def action_open_statement_import(self):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window', 'res_model': 'asr.statement.import',
            'name': _('Import a monthly statement'), 'view_mode': 'form', 'target': 'new',
            'context': {'default_clause_id': self.id, 'default_kind': 'hours'},
        }

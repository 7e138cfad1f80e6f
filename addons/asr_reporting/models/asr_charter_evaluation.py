import json
from xml.sax.saxutils import escape

from odoo import _, api, fields, models
from odoo.addons.asr_charter.exceptions import AsrUserError, AsrValidationError


class AsrCharterEvaluation(models.Model):
    """The annual evaluation filled from the figures of its year: the button computes the
    annual bilan of the charter and keeps it as a snapshot (with the date it was computed),
    so that what the committee examined stays as it was; the qualitative part is the
    evaluation's own. It prints as the annual bilan (PDF and workbook)."""

    _inherit = 'asr.charter.evaluation'

    figures_json = fields.Text('Figures (snapshot)', readonly=True, copy=False)
    figures_date = fields.Datetime('Figures computed on', readonly=True, copy=False,
                                   track_visibility='onchange')
    committee_id = fields.Many2one(
        'asr.charter.committee', 'Examined by the committee', ondelete='set null',
        domain="[('charter_id', '=', charter_id)]", track_visibility='onchange')
    figures_summary = fields.Html('Key figures', compute='_compute_figures_summary')

    @api.constrains('committee_id', 'charter_id')
    def _check_committee(self):
        for evaluation in self:
            if evaluation.committee_id and \
                    evaluation.committee_id.charter_id != evaluation.charter_id:
                raise AsrValidationError('evaluation.committee', _(
                    "The committee that examines the evaluation must be one of its charter's "
                    "committees."))

    @api.depends('figures_json')
    def _compute_figures_summary(self):
        for evaluation in self:
            values = evaluation._asr_snapshot()
            rows = ''.join('<tr><td>%s</td><td class="text-right">%s</td></tr>' % (
                escape(str(kpi[0])), escape(str(kpi[1]))) for kpi in
                (values or {}).get('kpis', []))
            evaluation.figures_summary = '<table class="table table-condensed">%s</table>' % \
                rows if rows else False

    def _asr_snapshot(self):
        try:
            return json.loads(self.figures_json) if self.figures_json else None
        except ValueError:
            return None

    @api.multi
    def action_compute_figures(self):
        """Compute the annual bilan of the charter for the evaluation's year (as the user:
        responsables only, who write evaluations) and keep it."""
        for evaluation in self:
            evaluation.check_access_rights('write')
            evaluation.check_access_rule('write')
            # the snapshot is written in the language of whoever computes it (French)
            lang = self.env.context.get('lang') or self.env.user.lang
            bilan = self.env['asr.bilan'].with_context(lang=lang).create({
                'kind': 'charter', 'charter_id': evaluation.charter_id.id,
                'year': evaluation.year})
            values = bilan._asr_bilan_values()
            evaluation._asr_trusted().write({
                'figures_json': json.dumps(values, ensure_ascii=False),
                'figures_date': fields.Datetime.now()})
            evaluation.message_post(body=_(
                "Figures of %s computed from the hours, people and markets of the charter.")
                % evaluation.year)
        return True

    @api.multi
    def _asr_bilan_values(self):
        """The snapshot, with the evaluation's qualitative text; a French refusal when the
        figures were never computed."""
        self.ensure_one()
        values = self._asr_snapshot()
        if not values:
            raise AsrUserError('evaluation.no_figures', _(
                'Compute the figures of the evaluation "%s" first (button "Compute the '
                'figures").') % self.name)
        values['qualitative'] = self.qualitative or ''
        return values

    @api.multi
    def _asr_bilan_logos(self):
        self.ensure_one()
        return [logo for logo in (self.sudo().charter_id.company_id.logo,) if logo]

    @api.multi
    def _asr_file_stem(self):
        self.ensure_one()
        return 'bilan_charte_%s' % self.year

    @api.multi
    def action_print_bilan(self):
        self.ensure_one()
        self._asr_bilan_values()
        return self.env.ref('asr_reporting.action_report_asr_evaluation_bilan').report_action(
            self)

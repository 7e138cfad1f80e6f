from odoo import _, api, fields, models
from odoo.addons.asr_charter.exceptions import AsrUserError, AsrValidationError
from odoo.addons.asr_charter.rules.dates import fr_date, to_date

from ..models.asr_bilan_document import KINDS
from ..rules.bilan import BilanError, check_period, year_period


class AsrBilan(models.TransientModel):
    """Print a bilan: of an operation (a clause or a whole market), of a contractor over a
    period, of a buying entity for a year, of a charter for a year; as PDF or workbook."""

    _name = 'asr.bilan'
    _inherit = ['asr.wizard.mixin']
    _description = 'Print a bilan'
    _asr_limits = {'year': (1900, 2100)}

    kind = fields.Selection(KINDS, 'Bilan', required=True, default='operation')
    charter_id = fields.Many2one('asr.charter', 'Charter')
    clause_id = fields.Many2one('asr.clause', 'Clause',
                                domain=[('clause_type', 'in', ('insertion', 'social_action'))])
    market_id = fields.Many2one('asr.market', 'Market')
    partner_id = fields.Many2one('res.partner', 'Contractor')
    buyer_entity_id = fields.Many2one('res.partner', 'Buying entity')
    year = fields.Integer('Year', default=lambda self: fields.Date.from_string(
        fields.Date.context_today(self)).year - 1)
    date_from = fields.Date('From')
    date_to = fields.Date('To')

    @api.onchange('clause_id', 'market_id')
    def _onchange_operation(self):
        """The contract's dates by default, for the bilan of an operation."""
        lot = self.clause_id.lot_id or self.market_id.lot_ids[:1]
        if lot:
            self.date_from = lot.date_start or self.date_from
            self.date_to = lot.date_end or self.date_to
            self.charter_id = lot.market_id.charter_id

    # -- what the bilan covers --------------------------------------------------------------
    def _asr_period(self):
        if self.kind in ('buyer', 'charter'):
            if not self.year or not 1900 <= self.year <= 2100:
                raise AsrValidationError('bilan.year', _("Give the year of the bilan."))
            return year_period(self.year)
        if not (self.date_from and self.date_to):
            raise AsrValidationError('bilan.dates', _(
                "Give the first and the last day of the period of the bilan."))
        try:
            return check_period(to_date(self.date_from), to_date(self.date_to))
        except BilanError as err:
            if err.key == 'period_long':
                raise AsrValidationError('bilan.period_long', _(
                    "A bilan covers at most %s years.") % err.values['years'])
            raise AsrValidationError('bilan.period', _(
                "The period of the bilan ends (%s) before it starts (%s).") % (
                fr_date(self.date_to), fr_date(self.date_from)))

    def _asr_subject(self):
        """(scope arguments, title, lines saying what is covered, min cell, charters)."""
        Charter = self.env['asr.charter']
        document = self.env['asr.bilan.document']
        date_from, date_to = self._asr_period()
        args = {'date_from': date_from, 'date_to': date_to}
        if self.kind == 'operation':
            clauses = self.clause_id or self.market_id.lot_ids.mapped('clause_ids').filtered(
                lambda c: c.clause_type in ('insertion', 'social_action'))
            if not clauses:
                raise AsrUserError('bilan.no_clause', _(
                    "Choose the insertion or social-action clause, or the market, of the "
                    "operation."))
            charters = clauses.mapped('charter_id')
            document._asr_check_access('operation', charters, clauses=clauses)
            market = clauses[0].market_id
            args.update(clause_ids=clauses.ids)
            title = _('Bilan of the operation')
            lines = [[_('Market'), market.display_name], [_('Contractor'),
                                                          clauses[0].partner_id.name or '']]
            if self.clause_id:
                lines.insert(1, [_('Clause'), self.clause_id.display_name])
        elif self.kind == 'contractor':
            if not self.partner_id:
                raise AsrUserError('bilan.no_contractor',
                                   _("Choose the contractor of the bilan."))
            charters = self.charter_id or Charter.search([])
            document._asr_check_access('contractor', charters)
            args.update(partner_id=self.partner_id.commercial_partner_id.id)
            if not document._asr_reads_all():
                args['clause_ids'] = self.env['asr.clause'].search([
                    ('partner_id', '=', args['partner_id']),
                    ('market_id.user_id', '=', self.env.uid)]).ids or [0]
            title = _('Bilan of the contractor')
            lines = [[_('Contractor'), self.partner_id.commercial_partner_id.name]]
            siret = self.partner_id.commercial_partner_id.asr_siret
            if siret:
                lines.append([_('SIRET'), siret])
        elif self.kind == 'buyer':
            if not (self.buyer_entity_id and self.charter_id):
                raise AsrUserError('bilan.no_buyer', _(
                    "Choose the charter and the buying entity of the bilan."))
            charters = self.charter_id
            document._asr_check_access('buyer', charters, buyer_entity=self.buyer_entity_id)
            args.update(buyer_entity_id=self.buyer_entity_id.id)
            title = _('Bilan of the buying entity %s') % self.year
            lines = [[_('Buying entity'), self.buyer_entity_id.name]]
        else:
            if not self.charter_id:
                raise AsrUserError('bilan.no_charter', _("Choose the charter of the bilan."))
            charters = self.charter_id
            document._asr_check_access('charter', charters)
            title = _('Annual bilan of the charter %s') % self.year
            lines = []
        lines.insert(0, [_('Charter'), ', '.join(charters.sudo().mapped('name'))])
        min_cell = max(charters.sudo().mapped('bilan_min_cell') or [5])
        return args, title, lines, min_cell, charters

    @api.multi
    def _asr_bilan_values(self):
        """The values of the bilan (see asr.bilan.document), computed now."""
        self.ensure_one()
        args, title, lines, min_cell, charters = self._asr_subject()
        scope = self.env['asr.figures']._asr_scope(charters.ids, **args)
        lines.append([_('Period'), _('from %s to %s') % (
            fr_date(args['date_from']), fr_date(args['date_to']))])
        values = self.env['asr.bilan.document']._asr_build(self.kind, scope, title, lines,
                                                           min_cell=min_cell)
        return values

    @api.multi
    def _asr_bilan_logos(self):
        """The logos at the head of the bilan: the charter's company, the buying entity."""
        self.ensure_one()
        charter = self.charter_id or self.clause_id.charter_id or self.market_id.charter_id
        buyer = self.buyer_entity_id or self.clause_id.market_id.buyer_entity_id or \
            self.market_id.buyer_entity_id
        return [logo for logo in (charter.sudo().company_id.logo, buyer.sudo().image)
                if logo]

    @api.multi
    def _asr_file_stem(self):
        """'bilan_charte_2025', 'bilan_titulaire_20250101_20251231': the French file name."""
        self.ensure_one()
        names = {'operation': 'bilan_operation', 'contractor': 'bilan_titulaire',
                 'buyer': 'bilan_donneur_ordre', 'charter': 'bilan_charte'}
        if self.kind in ('buyer', 'charter'):
            stamp = str(self.year)
        else:
            stamp = '%s_%s' % ((self.date_from or '').replace('-', ''),
                               (self.date_to or '').replace('-', ''))
        return '%s_%s' % (names[self.kind], stamp)

    @api.multi
    def action_print_pdf(self):
        self.ensure_one()
        self._asr_bilan_values()  # refuses in French before the report opens
        return self.env.ref('asr_reporting.action_report_asr_bilan').report_action(self)

    @api.multi
    def action_print_xlsx(self):
        self.ensure_one()
        self._asr_bilan_values()
        return self.env.ref('asr_reporting.action_report_asr_bilan_xlsx').report_action(self)

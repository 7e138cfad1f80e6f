from odoo import _, api, fields, models

from odoo.addons.asr_charter.exceptions import AsrValidationError
from odoo.addons.asr_charter.rules.dates import fr_date

from ..rules.legal_checks import RESERVED_ESS, check_ess_reservation, check_reservations
from .asr_market import market_label


class AsrMarketLot(models.Model):
    """A lot of a market: its trade, its social dispositions, then its award."""

    _name = 'asr.market.lot'
    _description = 'Market lot'
    _inherit = ['mail.thread', 'asr.guard.mixin']
    _order = 'market_id, number, id'
    _asr_name_search_fields = ('name', 'number', 'market_id.name', 'market_id.reference')
    _asr_limits = {'number': (1, 9999), 'name': 300, 'amount_estimated': (-1e11, 1e11),
                   'amount_awarded': (-1e11, 1e11), 'no_disposition_reason': 10000}
    _asr_frozen = {'market_id'}

    # identity
    number = fields.Integer('Lot number', required=True, default=1)
    name = fields.Char('Title', required=True)
    # relations
    market_id = fields.Many2one('asr.market', 'Market', required=True, ondelete='cascade',
                                index=True)
    charter_id = fields.Many2one(related='market_id.charter_id', store=True, readonly=True,
                                 string='Charter')
    market_state = fields.Selection(related='market_id.state', readonly=True,
                                    string='Examination')
    company_id = fields.Many2one(related='market_id.company_id', store=True, readonly=True,
                                 string='Company')
    trade_id = fields.Many2one('asr.trade', 'Trade')
    clause_ids = fields.One2many('asr.clause', 'lot_id', 'Social dispositions')
    partner_id = fields.Many2one('res.partner', 'Contractor', index=True,
                                 track_visibility='onchange')
    contact_id = fields.Many2one('res.partner', 'Contact person for the clause',
                                 domain="[('parent_id', '=', partner_id)]")
    co_contractor_ids = fields.Many2many('res.partner', string='Co-contractors and '
                                         'subcontractors known at award')
    currency_id = fields.Many2one(related='market_id.currency_id', readonly=True,
                                  string='Currency')
    # amounts
    amount_estimated = fields.Monetary('Estimated amount excl. VAT', required=True,
                                       currency_field='currency_id')
    labour_share = fields.Float('Labour share (%)',
                                help="Defaults to the trade's labour share.")
    amount_awarded = fields.Monetary('Awarded amount excl. VAT', currency_field='currency_id',
                                     track_visibility='onchange')
    # dates
    date_award = fields.Date('Award date', track_visibility='onchange')
    date_start = fields.Date('Contract start')
    date_end = fields.Date('Contract end')
    # examination
    no_disposition = fields.Boolean('No social disposition', track_visibility='onchange')
    no_disposition_reason = fields.Text('Why no social disposition',
                                        track_visibility='onchange')
    disposition_summary = fields.Char('Dispositions', compute='_compute_disposition_summary')
    ccap_text = fields.Text('Article of the CCAP', compute='_compute_ccap_text',
                            help="Generated from the clause library; copy it into the CCAP.")
    # computed
    awarded = fields.Boolean('Awarded', compute='_compute_awarded', store=True)

    @api.depends('partner_id', 'date_award')
    def _compute_awarded(self):
        for lot in self:
            lot.awarded = bool(lot.partner_id and lot.date_award)

    @api.depends('clause_ids.clause_type')
    def _compute_disposition_summary(self):
        labels = dict(self.env['asr.clause']._fields['clause_type']._description_selection(
            self.env))
        for lot in self:
            lot.disposition_summary = ', '.join(
                labels[t] for t in lot.clause_ids.mapped('clause_type')) or False

    @api.depends('clause_ids', 'no_disposition')
    def _compute_ccap_text(self):
        for lot in self:
            lot.ccap_text = lot._ccap_text()

    def _ccap_text(self):
        """The social article of the lot's CCAP: one section per disposition."""
        self.ensure_one()
        sections = []
        for clause in self.clause_ids:
            text = clause._ccap_text()
            if text:
                sections.append('%s (%s)\n\n%s' % (
                    clause.display_name.split(' — ')[0], clause.legal_basis or '-', text))
        return '\n\n'.join(sections)

    @api.multi
    def action_download_ccap_text(self):
        self.ensure_one()
        return {'type': 'ir.actions.act_url', 'target': 'self',
                'url': '/asr/lot/%s/ccap.txt' % self.id}

    @api.multi
    def name_get(self):
        """'<market> — lot <number>: <title>', in one query for any number of lots (lists and
        grouped reads name thousands of them: loading whole lots and markets took seconds)."""
        if not all(isinstance(i, int) for i in self._ids):
            return [(lot.id, self._asr_label(lot.market_id.reference, lot.market_id.name,
                                             lot.number, lot.name)) for lot in self]
        self.check_access_rights('read')
        self.check_access_rule('read')
        labels = self._asr_labels(self.ids)
        return [(lot_id, labels.get(lot_id, '')) for lot_id in self.ids]

    @api.model
    def _asr_labels(self, ids):
        """{lot id: name} of these lots, read in one query (no access check)."""
        if not ids:
            return {}
        self.env.cr.execute("""
            SELECT l.id, m.reference, m.name, l.number, l.name
            FROM asr_market_lot l JOIN asr_market m ON m.id = l.market_id
            WHERE l.id IN %s""", (tuple(ids),))
        rows = self.env.cr.fetchall()
        label = self._asr_label_format()  # a query of its own (translation): after the fetch
        return {row[0]: self._asr_label(*row[1:], label=label) for row in rows}

    @api.model
    def _asr_label_format(self):
        return _('%s — lot %s: %s')

    @api.model
    def _asr_label(self, market_reference, market_name, number, name, label=None):
        """A lot's name; ``label``: the translated format, when many lots are named."""
        return (label or self._asr_label_format()) % (
            market_label(market_reference, market_name), number, name)

    @api.onchange('trade_id')
    def _onchange_trade_id(self):
        if self.trade_id:
            self.labour_share = self.trade_id.labour_share

    @api.model
    def create(self, vals):
        if not vals.get('labour_share') and vals.get('trade_id'):
            vals['labour_share'] = self.env['asr.trade'].browse(vals['trade_id']).labour_share
        return super(AsrMarketLot, self).create(vals)

    @api.constrains('amount_estimated', 'amount_awarded', 'labour_share')
    def _check_amounts(self):
        for lot in self:
            if lot.amount_estimated <= 0:
                raise AsrValidationError('lot.amount_estimated', _(
                    "The estimated amount of the lot \"%s\" must be positive.") % lot.name)
            if lot.partner_id and lot.amount_awarded <= 0:
                raise AsrValidationError('lot.amount_awarded', _(
                    "The awarded amount of the lot \"%s\" must be positive.") % lot.name)
            if lot.labour_share and not 0 < lot.labour_share <= 100:
                raise AsrValidationError('lot.labour_share', _(
                    "The labour share of the lot \"%s\" must be between 0 and 100 %% "
                    "(%s given).") % (lot.name, lot.labour_share))

    @api.constrains('partner_id', 'date_award', 'market_id')
    def _check_legal_again(self):
        """The legal checks read the contractor and the award of this lot, and of the other
        lots of the same buyer and contractor (L2113-16): they run again on all of them."""
        (self | self._asr_related_ess_lots()).sudo()._check_legal()

    def _check_legal(self):
        """Every legal check of the lots: one reservation only (L2113-14), the ESS
        reservation (L2113-15/16), the award after the consultation."""
        Clause = self.env['asr.clause']
        for lot in self:
            types = lot.clause_ids.mapped('clause_type')
            Clause._raise_legal(check_reservations, types)
            if RESERVED_ESS in types:
                lot._check_ess_reservation()
        self._check_dates()

    def _asr_related_ess_lots(self):
        """Lots reserved to ESS enterprises whose L2113-16 check reads these lots: the same
        buyer entity and the same contractor."""
        lots = self.browse()
        for lot in self.filtered('partner_id'):
            lots |= self.sudo().search([
                ('id', 'not in', self.ids), ('partner_id', '=', lot.partner_id.id),
                ('market_id.buyer_entity_id', '=', lot.market_id.buyer_entity_id.id),
                ('clause_ids.clause_type', '=', RESERVED_ESS)]).with_env(self.env)
        return lots

    @api.constrains('date_award', 'date_start', 'date_end', 'market_id')
    def _check_dates(self):
        for lot in self:
            consultation = lot.market_id.consultation_date
            if lot.date_award and consultation and lot.date_award < consultation:
                raise AsrValidationError('lot.award_before_consultation', _(
                    "The lot \"%s\" cannot be awarded (%s) before its consultation (%s).") % (
                    lot.name, fr_date(lot.date_award), fr_date(consultation)))
            if lot.date_start and lot.date_end and lot.date_end < lot.date_start:
                raise AsrValidationError('lot.end_before_start', _(
                    "The contract of the lot \"%s\" cannot end (%s) before it starts (%s).") % (
                    lot.name, fr_date(lot.date_end), fr_date(lot.date_start)))

    @api.constrains('no_disposition', 'no_disposition_reason')
    def _check_no_disposition_reason(self):
        for lot in self:
            if lot.no_disposition and not (lot.no_disposition_reason or '').strip():
                raise AsrValidationError('lot.no_disposition_reason', _(
                    "Explain in writing why the lot \"%s\" carries no social disposition.")
                    % lot.name)

    def _check_examined(self):
        """A lot is examined once it has dispositions, or none with a written reason."""
        self.ensure_one()
        if self.no_disposition and self.clause_ids:
            raise AsrValidationError('lot.dispositions_and_none', _(
                "The lot \"%s\" cannot both carry social dispositions and be marked "
                "without any.") % self.name)
        if not self.no_disposition and not self.clause_ids:
            raise AsrValidationError('lot.not_examined', _(
                "Choose the social dispositions of the lot \"%s\", or mark it without any and "
                "say why.") % self.name)

    def _check_ess_reservation(self):
        """L2113-15/16 for a lot reserved to ESS enterprises (called by the clause's check)."""
        self.ensure_one()
        market = self.market_id
        previous = []
        if self.partner_id:
            past_lots = self.sudo().search([
                ('id', '!=', self.id), ('partner_id', '=', self.partner_id.id),
                ('market_id.buyer_entity_id', '=', market.buyer_entity_id.id),
                ('date_award', '!=', False)])
            previous = [(fields.Date.from_string(lot.date_award), self._same_services(lot))
                        for lot in past_lots]
        self.env['asr.clause']._raise_legal(
            check_ess_reservation, market.nature, market.service_category,
            market.duration_months, previous, fields.Date.from_string(market.consultation_date))

    def _same_services(self, other):
        """Same services: CPV codes sharing their first 5 digits (category level), or, when a
        CPV code is missing, the same category of services."""
        mine, theirs = self.market_id, other.market_id
        if mine.cpv_code and theirs.cpv_code:
            return mine.cpv_code.strip()[:5] == theirs.cpv_code.strip()[:5]
        return mine.service_category == theirs.service_category

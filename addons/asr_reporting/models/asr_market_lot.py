from odoo import _, api, fields, models, tools

from odoo.addons.asr_charter.exceptions import AsrAccessError, AsrUserError, AsrValidationError
from odoo.addons.asr_charter.rules.dates import fr_date, to_date

from ..rules import decp

DECP_GROUPS = 'asr_charter.group_asr_buyer,asr_charter.group_asr_finance'


def _schema_selection(values):
    """A selection whose values are the schema's French strings, shown as they are."""
    return [(value, value) for value in values]


class AsrMarketLot(models.Model):
    """The essential data of the contract of an awarded lot (DECP, schema 2.0.3) that the
    lot does not hold yet, and their export: one "marché" of the schema per awarded lot."""

    _inherit = 'asr.market.lot'
    _asr_limits = {'decp_offers': (0, 100000), 'decp_advance_rate': (0, 100),
                   'decp_place_code': decp.PLACE_CODE_MAX, 'decp_identifier': decp.ID_MAX}

    # identity (stored at the first export, never changed afterwards)
    decp_identifier = fields.Char(
        'Contract identifier (DECP)', readonly=True, copy=False,
        help="The market's reference and the lot's number (16 characters at most), stored "
             "at the first export of the essential data.")
    decp_publication_date = fields.Date(
        'Essential data published on', readonly=True, copy=False,
        help="Date of the first export of the essential data; never changed afterwards.")
    # the contract
    decp_ccag = fields.Selection(
        _schema_selection(decp.CCAGS), 'CCAG of reference',
        help="General administrative terms of the contract; by default from the market's "
             "nature: Travaux for works, Fournitures courantes et services otherwise.")
    decp_technique = fields.Selection(_schema_selection(decp.TECHNIQUES), 'Purchasing technique',
                                      default=decp.NOT_APPLICABLE)
    decp_modality = fields.Selection(_schema_selection(decp.MODALITIES), 'Execution modality',
                                     default=decp.NOT_APPLICABLE)
    decp_price_type = fields.Selection(_schema_selection(decp.PRICE_TYPES), 'Price type')
    decp_price_form = fields.Selection(_schema_selection(decp.PRICE_FORMS), 'Price form')
    decp_innovative = fields.Boolean('Innovative market')
    # the award
    decp_offers = fields.Integer(
        'Offers received', copy=False,
        help="Every offer received, irregular, unacceptable or abnormally low ones included; "
             "at least 1 for an awarded lot.")
    decp_grouping = fields.Selection(
        _schema_selection(decp.GROUPINGS), 'Grouping of operators', default=decp.NO_GROUPING,
        help="Conjoint or Solidaire when the contract is held by a grouping: its "
             "co-contractors are then holders of the contract too. Without co-contractors: "
             "Pas de groupement.")
    decp_subcontracting = fields.Boolean(
        'Subcontracting declared',
        help="At the notification, the contractors declared one or more subcontractors.")
    decp_advance = fields.Boolean('Advance granted')
    decp_advance_rate = fields.Float(
        'Advance rate (%)',
        help="Share of the contract's amount paid as an advance; 0 when it is not known.")
    decp_place_type = fields.Selection(_schema_selection(decp.PLACE_TYPES),
                                       'Kind of place code', default=decp.POSTAL_CODE)
    decp_place_code = fields.Char(
        'Place of execution',
        help="By default the postal code of the buying entity; an INSEE code (commune, "
             "department, region) is preferred when known.")
    # considerations
    decp_social = fields.Char('Social considerations', compute='_compute_decp_social',
                              help="From the social dispositions of the lot.")
    decp_environmental = fields.Selection(
        _schema_selection(decp.ENV_VALUES), 'Environmental consideration',
        default=decp.NO_ENV)

    @api.model_cr_context
    def _auto_init(self):
        """Lots that existed before these fields get the defaults a new lot gets from its
        market (CCAG from the nature, place from the buying entity's postal code), once."""
        cr = self.env.cr
        new = not tools.column_exists(cr, self._table, 'decp_ccag')
        result = super(AsrMarketLot, self)._auto_init()
        if new:
            cr.execute("""
                UPDATE asr_market_lot l
                SET decp_ccag = CASE WHEN m.nature = 'works' THEN %s ELSE %s END,
                    decp_place_code = CASE WHEN p.zip ~ '^[0-9]{5}$' THEN p.zip END
                FROM asr_market m LEFT JOIN res_partner p ON p.id = m.buyer_entity_id
                WHERE m.id = l.market_id""", (decp.CCAG_WORKS, decp.CCAG_SUPPLIES_SERVICES))
        return result

    @api.depends('clause_ids.clause_type')
    def _compute_decp_social(self):
        for lot in self:
            lot.decp_social = ', '.join(decp.social_considerations(
                lot.clause_ids.mapped('clause_type')))

    # -- defaults ---------------------------------------------------------------------------
    @api.model
    def _asr_decp_defaults(self, market):
        """The DECP values a lot takes from its market: CCAG from the nature, place of
        execution from the buying entity's postal code."""
        zip_code = (market.buyer_entity_id.zip or '').strip()
        return {'decp_ccag': decp.CCAG_OF_NATURE.get(market.nature),
                'decp_place_code': zip_code if decp.place_code_valid(
                    zip_code, decp.POSTAL_CODE) else False}

    @api.model
    def create(self, vals):
        if vals.get('market_id'):
            market = self.env['asr.market'].browse(vals['market_id']).exists()
            defaults = self._asr_decp_defaults(market) if market else {}
            vals = dict(vals)
            for name, value in defaults.items():
                if value and not vals.get(name) \
                        and not self.env.context.get('default_' + name):
                    vals[name] = value
                    if name == 'decp_place_code':
                        vals['decp_place_type'] = decp.POSTAL_CODE
        return super(AsrMarketLot, self).create(vals)

    @api.onchange('market_id')
    def _onchange_market_id_decp(self):
        defaults = self._asr_decp_defaults(self.market_id)
        if not self.decp_ccag and defaults['decp_ccag']:
            self.decp_ccag = defaults['decp_ccag']
        if not self.decp_place_code and defaults['decp_place_code']:
            self.decp_place_code = defaults['decp_place_code']
            self.decp_place_type = decp.POSTAL_CODE

    @api.onchange('co_contractor_ids')
    def _onchange_co_contractor_ids_decp(self):
        if not self.co_contractor_ids:
            self.decp_grouping = decp.NO_GROUPING

    @api.onchange('decp_advance')
    def _onchange_decp_advance(self):
        if not self.decp_advance:
            self.decp_advance_rate = 0.0

    # -- checks -----------------------------------------------------------------------------
    @api.constrains('decp_advance', 'decp_advance_rate')
    def _check_decp_advance(self):
        for lot in self:
            if lot.decp_advance_rate and not lot.decp_advance:
                raise AsrValidationError('lot.decp_advance_rate', _(
                    "The lot \"%s\" has an advance rate (%s %%) but no advance granted: tick "
                    "\"Advance granted\" or clear the rate.") % (lot.name,
                                                                 lot.decp_advance_rate))

    @api.constrains('decp_grouping', 'co_contractor_ids')
    def _check_decp_grouping(self):
        for lot in self:
            if lot.decp_grouping not in (False, decp.NO_GROUPING) and not lot.co_contractor_ids:
                raise AsrValidationError('lot.decp_grouping', _(
                    "The lot \"%s\" is held by a grouping (%s) without co-contractors: add "
                    "them, or choose \"Pas de groupement\".") % (lot.name, lot.decp_grouping))

    @api.constrains('decp_place_code', 'decp_place_type')
    def _check_decp_place(self):
        for lot in self:
            code = lot.decp_place_code
            if code and not decp.place_code_valid(code, lot.decp_place_type):
                if lot.decp_place_type == decp.POSTAL_CODE:
                    raise AsrValidationError('lot.decp_place_code', _(
                        "The place of execution of the lot \"%s\" is a postal code: five "
                        "digits (%s given).") % (lot.name, code[:20]))
                raise AsrValidationError('lot.decp_place_code', _(
                    "The place of execution of the lot \"%s\" is a code of 1 to %s letters or "
                    "digits (%s given).") % (lot.name, decp.PLACE_CODE_MAX, code[:20]))

    # -- export -----------------------------------------------------------------------------
    @api.model
    def asr_decp_export(self, date_from, date_to, charter_ids=None):
        """The essential data (DECP, schema 2.0.3) of the lots awarded (notified) from
        ``date_from`` to ``date_to`` ('YYYY-MM-DD', both included), of the given charters or
        of all: ``{"marches": {"marche": [...]}}``, one "marche" per lot, among the lots the
        user may read. Refused in French, nothing stamped, when a lot lacks a mandatory item.
        The first export of a lot stores its identifier and its publication date.

        For the buyers, the ASR managers and finance (XML-RPC: ``execute_kw(db, uid, password,
        'asr.market.lot', 'asr_decp_export', ['2025-01-01', '2025-12-31'],
        {'charter_ids': [1]})``)."""
        self._asr_decp_check_access()
        lots = self._asr_decp_lots(date_from, date_to, charter_ids)
        return lots._asr_decp_document()

    @api.model
    def _asr_decp_check_access(self):
        if self._asr_is_superuser():
            return
        if self.env.user.share or not self.user_has_groups(DECP_GROUPS):
            raise AsrAccessError('decp.access', _(
                "Only the buyers, the ASR managers and finance export the essential data of "
                "the contracts (DECP)."))

    @api.model
    def _asr_decp_period(self, date_from, date_to):
        days = []
        for value in (date_from, date_to):
            try:
                day = to_date(value) if isinstance(value, str) and value else None
            except ValueError:
                day = None
            if not day:
                raise AsrValidationError('decp.period_date', _(
                    "Give the first and the last day of the period as dates (YYYY-MM-DD)."))
            days.append(day)
        if days[1] < days[0]:
            raise AsrValidationError('decp.period', _(
                "The period ends (%s) before it starts (%s).") % (fr_date(days[1]),
                                                                  fr_date(days[0])))
        return days

    @api.model
    def _asr_decp_lots(self, date_from, date_to, charter_ids=None):
        """The awarded lots of the period (award date = notification date) of at least the
        publication threshold (40,000 EUR excl. VAT), as the user reads them (record rules
        apply)."""
        day_from, day_to = self._asr_decp_period(date_from, date_to)
        domain = [('awarded', '=', True),
                  ('amount_awarded', '>=', decp.PUBLICATION_THRESHOLD),
                  ('date_award', '>=', fields.Date.to_string(day_from)),
                  ('date_award', '<=', fields.Date.to_string(day_to))]
        if charter_ids:
            ids = charter_ids if isinstance(charter_ids, (list, tuple)) else [charter_ids]
            if not all(isinstance(i, int) and not isinstance(i, bool) and i > 0 for i in ids):
                raise AsrValidationError('decp.charter', _(
                    "The charters are given by their ids (whole numbers)."))
            charters = self.env['asr.charter'].browse(list(set(ids)))
            if len(charters.exists()) != len(charters):
                raise AsrValidationError('decp.charter', _(
                    "One of the charters given does not exist."))
            charters.check_access_rights('read')
            charters.check_access_rule('read')
            domain.append(('charter_id', 'in', charters.ids))
        return self.search(domain, order='date_award, market_id, number, id')

    @api.multi
    def _asr_decp_values(self, publication_date):
        """The plain values of this lot that rules.decp.marche reads."""
        self.ensure_one()
        market = self.market_id

        def partner(record):
            company = record.commercial_partner_id
            return {'siret': company.asr_siret, 'vat': company.vat}

        return {
            'identifier': self.decp_identifier,
            'reference': market.reference, 'lot_number': self.number,
            'buyer_siret': market.buyer_entity_id.commercial_partner_id.asr_siret,
            'nature': market.nature, 'procedure': market.procedure,
            'market_name': market.name, 'lot_name': self.name, 'cpv_code': market.cpv_code,
            'technique': self.decp_technique, 'modality': self.decp_modality,
            'innovative': self.decp_innovative, 'ccag': self.decp_ccag,
            'offers': self.decp_offers, 'advance': self.decp_advance,
            'advance_percent': self.decp_advance_rate, 'grouping': self.decp_grouping,
            'subcontracting': self.decp_subcontracting,
            'place_code': self.decp_place_code, 'place_type': self.decp_place_type,
            'duration_months': market.duration_months,
            'date_notification': to_date(self.date_award),
            'date_publication': to_date(self.decp_publication_date) or publication_date,
            'amount': self.amount_awarded, 'price_type': self.decp_price_type,
            'price_form': self.decp_price_form,
            'contractor': partner(self.partner_id) if self.partner_id else None,
            'co_contractors': [partner(p) for p in self.co_contractor_ids],
            'dispositions': self.clause_ids.mapped('clause_type'),
            'environmental': [self.decp_environmental] if self.decp_environmental else [],
        }

    @api.multi
    def _asr_decp_document(self, publication_date=None):
        """The DECP file of these lots; refused in French with every lot and what it lacks."""
        today = publication_date or to_date(fields.Date.context_today(self))
        values = [(lot, lot._asr_decp_values(today)) for lot in self]
        incomplete = [(lot, decp.missing_items(vals)) for lot, vals in values]
        incomplete = [(lot, items) for lot, items in incomplete if items]
        if incomplete:
            line = _("- %s\n  missing: %s")
            lines = [line % (lot.display_name, ', '.join(
                decp.MISSING_LABELS[item] for item in items)) for lot, items in incomplete]
            raise AsrUserError('decp.incomplete', _(
                "The essential data (DECP) cannot be exported: complete these lots (tab "
                "\"Essential data (DECP)\" of the lot, its market, the SIRET of the buying "
                "entity and of the contractors) and export again.\n%s") % '\n'.join(lines))
        marches = [decp.marche(vals) for _lot, vals in values]
        self._asr_decp_check_identifiers(marches)
        for lot, marche in zip(self, marches):
            stamp = {}
            if not lot.decp_identifier:
                stamp['decp_identifier'] = marche['id']
            if not lot.decp_publication_date:
                stamp['decp_publication_date'] = marche['datePublicationDonnees']
            if stamp:
                # a workflow write of the export: finance and the buyers of other markets
                # publish lots they do not edit
                lot.sudo()._asr_trusted().with_context(tracking_disable=True).write(stamp)
        return decp.envelope(marches)

    @api.multi
    def _asr_decp_check_identifiers(self, marches):
        """Two contracts never share an identifier (a long reference cut to 16 characters
        could): refused in French, naming both."""
        taken = {lot.decp_identifier: lot for lot in self.sudo().search([
            ('decp_identifier', 'in', [marche['id'] for marche in marches]),
            ('id', 'not in', self.ids)])}
        seen = {}
        for lot, marche in zip(self, marches):
            other = seen.get(marche['id']) or taken.get(marche['id'])
            if other:
                raise AsrUserError('decp.identifier_taken', _(
                    "The lots \"%s\" and \"%s\" would share the contract identifier %s: give "
                    "one of their markets a shorter reference.") % (
                    lot.display_name, other.sudo().display_name, marche['id']))
            seen[marche['id']] = lot

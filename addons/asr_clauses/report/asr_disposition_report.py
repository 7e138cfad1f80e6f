from odoo import fields, models, tools

from ..models.asr_clause import CLAUSE_TYPES
from ..models.asr_market import NATURES, STATES
from ..rules.legal_checks import RESERVED_CODES


class AsrDispositionReport(models.Model):
    """One row per lot and disposition (or per lot without any): counts and amounts by type.

    An SQL view, so the pivot and graph aggregate in PostgreSQL.
    """

    _name = 'asr.disposition.report'
    _description = 'Social dispositions analysis'
    _auto = False
    _rec_name = 'lot_id'
    _order = 'year desc'

    market_id = fields.Many2one('asr.market', 'Market', readonly=True)
    lot_id = fields.Many2one('asr.market.lot', 'Lot', readonly=True)
    charter_id = fields.Many2one('asr.charter', 'Charter', readonly=True)
    buyer_entity_id = fields.Many2one('res.partner', 'Buying entity', readonly=True)
    user_id = fields.Many2one('res.users', 'Buyer in charge', readonly=True)
    year = fields.Integer('Year', readonly=True)
    nature = fields.Selection(NATURES, 'Nature', readonly=True)
    state = fields.Selection(STATES, 'Examination', readonly=True)
    disposition = fields.Selection(CLAUSE_TYPES + [('none', 'No social disposition')],
                                   'Disposition', readonly=True)
    reserved = fields.Boolean('Reserved market', readonly=True)
    amount_estimated = fields.Float('Estimated amount of the lot', readonly=True)
    amount_awarded = fields.Float('Awarded amount of the lot', readonly=True)
    hour_objective = fields.Integer('Hour objective', readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # the reserved-market codes are a parameter, from the legal rules (legal_checks.py)
        # sql-composed: the view's name is the model's table
        self.env.cr.execute("""
            CREATE VIEW %s AS (
                SELECT row_number() OVER (ORDER BY l.id, c.id) AS id,
                       m.id AS market_id, l.id AS lot_id, m.charter_id,
                       m.buyer_entity_id, m.user_id, m.year, m.nature, m.state,
                       COALESCE(c.clause_type, 'none') AS disposition,
                       COALESCE(c.clause_type IN %%s, false) AS reserved,
                       l.amount_estimated, COALESCE(l.amount_awarded, 0) AS amount_awarded,
                       COALESCE(c.hour_objective, 0) AS hour_objective
                  FROM asr_market_lot l
                  JOIN asr_market m ON m.id = l.market_id
             LEFT JOIN asr_clause c ON c.lot_id = l.id
            )""" % self._table, (tuple(sorted(RESERVED_CODES)),))

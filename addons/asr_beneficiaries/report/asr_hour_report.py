from odoo import fields, models

from ..models.asr_hour_entry import MODALITIES

# The figures of the validated hours are kept in two summary tables, refreshed from the entries
# in the transaction that changes them (asr.hour.entry._asr_refresh_figures): a grouped read
# or a clause form reads a few indexed rows instead of aggregating every entry of the region.
FIGURE_TABLES = """
    CREATE TABLE IF NOT EXISTS asr_hour_month_total (
        id serial PRIMARY KEY,
        clause_id integer NOT NULL REFERENCES asr_clause(id) ON DELETE CASCADE,
        charter_id integer REFERENCES asr_charter(id) ON DELETE SET NULL,
        month date NOT NULL,
        modality varchar NOT NULL,
        hours double precision NOT NULL DEFAULT 0,
        entry_count integer NOT NULL DEFAULT 0,
        beneficiary_count integer NOT NULL DEFAULT 0
    );
    CREATE INDEX IF NOT EXISTS asr_hour_month_total_clause_month_idx
        ON asr_hour_month_total (clause_id, month);
    CREATE INDEX IF NOT EXISTS asr_hour_month_total_charter_month_idx
        ON asr_hour_month_total (charter_id, month);
    CREATE TABLE IF NOT EXISTS asr_clause_modality_total (
        id serial PRIMARY KEY,
        clause_id integer NOT NULL REFERENCES asr_clause(id) ON DELETE CASCADE,
        charter_id integer REFERENCES asr_charter(id) ON DELETE SET NULL,
        modality varchar NOT NULL,
        hours double precision NOT NULL DEFAULT 0,
        share double precision NOT NULL DEFAULT 0,
        beneficiary_count integer NOT NULL DEFAULT 0
    );
    CREATE INDEX IF NOT EXISTS asr_clause_modality_total_clause_idx
        ON asr_clause_modality_total (clause_id);
    CREATE INDEX IF NOT EXISTS asr_clause_modality_total_charter_idx
        ON asr_clause_modality_total (charter_id);
"""


def create_view(cr, name, query):
    """(Re)create the view ``name`` over the summary tables (created when missing)."""
    # sql-composed: FIGURE_TABLES is the module's DDL constant, no value
    cr.execute(FIGURE_TABLES)
    cr.execute("SELECT relkind FROM pg_class WHERE relname = %s", (name,))
    kind = cr.fetchone()
    if kind and kind[0] == 'v':
        # sql-composed: the view's name is the model's table
        cr.execute('DROP VIEW %s CASCADE' % name)
    # sql-composed: the view's name and query are the module's constants
    cr.execute('CREATE VIEW %s AS (%s)' % (name, query))


class AsrHourReport(models.Model):
    """Validated insertion hours per clause, month and modality: the figures of the clauses,
    the monthly graph and the bilans read this, never a Python loop. A view over the summary
    table asr_hour_month_total; the charter is the entry's. The clause is joined for its
    market and contractor (a LEFT JOIN that PostgreSQL leaves out when they are not read)."""

    _name = 'asr.hour.report'
    _inherit = ['asr.clause.order.mixin', 'asr.read.mixin']
    _description = 'Insertion hours per month'
    _auto = False
    _order = 'month desc, id desc'

    clause_id = fields.Many2one('asr.clause', 'Clause', readonly=True)
    charter_id = fields.Many2one('asr.charter', 'Charter', readonly=True)
    market_id = fields.Many2one('asr.market', 'Market', readonly=True)
    partner_id = fields.Many2one('res.partner', 'Contractor', readonly=True)
    month = fields.Date('Month', readonly=True)
    modality = fields.Selection(MODALITIES, 'Modality', readonly=True)
    hours = fields.Float('Hours', readonly=True)
    entry_count = fields.Integer('Entries', readonly=True)
    beneficiary_count = fields.Integer(
        'People that month', readonly=True,
        help="Distinct people in the month and modality; people are counted once per clause on "
             "the clause itself.")

    def init(self):
        create_view(self.env.cr, self._table, """
            SELECT t.id, t.clause_id, t.charter_id, c.market_id, c.partner_id, t.month,
                   t.modality, t.hours, t.entry_count, t.beneficiary_count
            FROM asr_hour_month_total t LEFT JOIN asr_clause c ON c.id = t.clause_id""")

from odoo import fields, models, tools

from odoo.addons.asr_beneficiaries.models.asr_beneficiary import GENDERS, OUTCOMES

from ..models.asr_figures import AGE_BAND_SQL

AGE_BANDS = [('under_26', 'Under 26'), ('26_49', '26 to 49'), ('50_over', '50 and over'),
             ('unknown', 'Not known')]


class AsrPeopleReport(models.Model):
    """People with validated insertion hours, one row per charter, year and person: counting
    rows counts distinct people, so that a pivot by gender, age band, QPV residence or
    outcome gives the numbers of the annual bilans (asr.figures._asr_people, same rules:
    the age reached in the year, the validated entries). No identity: the person is not a
    field of the report. The id is computed from the person and the year (a person belongs to
    one charter), never by a window function, so that a filter on the charter and the year
    reaches the entries' index instead of grouping the whole region first."""

    _name = 'asr.people.report'
    _description = 'People in insertion per year'
    _auto = False
    _order = 'year desc, charter_id'

    charter_id = fields.Many2one('asr.charter', 'Charter', readonly=True)
    company_id = fields.Many2one('res.company', 'Company', readonly=True)
    year = fields.Integer('Year', readonly=True, group_operator=False)
    gender = fields.Selection(GENDERS + [('unknown', 'Not known')], 'Gender', readonly=True)
    age_band = fields.Selection(AGE_BANDS, 'Age band', readonly=True)
    qpv_resident = fields.Boolean('Lives in a QPV', readonly=True)
    outcome = fields.Selection(OUTCOMES, 'Outcome after 6 months', readonly=True)
    hours = fields.Float('Validated hours', readonly=True)
    clause_count = fields.Integer('Clauses', readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # sql-composed: the view's name is the model's table, AGE_BAND_SQL the figures' rule
        self.env.cr.execute("""
            CREATE VIEW %s AS (
                SELECT p.beneficiary_id::bigint * 1000 + p.year - 1900 AS id,
                       p.charter_id, ch.company_id, p.year, coalesce(b.gender, 'unknown') AS gender,
                       %s AS age_band, coalesce(b.qpv_resident, false) AS qpv_resident,
                       coalesce(b.outcome, 'unknown') AS outcome, p.hours, p.clause_count
                FROM (SELECT e.charter_id, date_part('year', e.month)::int AS year,
                             e.beneficiary_id, sum(e.hours) AS hours,
                             count(DISTINCT e.clause_id) AS clause_count
                      FROM asr_hour_entry e
                      WHERE e.state = 'validated' AND e.beneficiary_id IS NOT NULL
                      GROUP BY e.charter_id, date_part('year', e.month), e.beneficiary_id) p
                JOIN asr_beneficiary b ON b.id = p.beneficiary_id
                LEFT JOIN asr_charter ch ON ch.id = p.charter_id
            )""" % (self._table, AGE_BAND_SQL % {'year': 'p.year'}))

"""11.0.1.2.0: the access log of people (asr.access.log) replaces the auditlog rule, which
copied identities into its lines; the totals of the clauses and the figure tables are filled
from the hours already recorded."""
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    rule = env.ref('asr_beneficiaries.auditlog_rule_beneficiary', raise_if_not_found=False)
    if rule:
        # auditlog's past rows stay (their values are erased when a person is anonymised)
        rule.unsubscribe()
        rule.unlink()
    env['asr.hour.entry']._asr_refresh_figures()

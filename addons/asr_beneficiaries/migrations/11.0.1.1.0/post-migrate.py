"""11.0.1.1.0: reads of people are logged by the model itself, under the real user; the
auditlog rule of people no longer patches read (its log obeys a context key any caller can
send)."""
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    rule = env.ref('asr_beneficiaries.auditlog_rule_beneficiary', raise_if_not_found=False)
    if rule and rule.log_read:
        rule.unsubscribe()
        rule.write({'log_read': False})
        rule.subscribe()

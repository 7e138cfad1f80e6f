from odoo import api, models


class ResUsers(models.Model):
    _inherit = 'res.users'

    @api.multi
    def _asr_set_home_action(self):
        """Land these users on their ASR work (the dashboard "My work") instead of the Discuss
        inbox: the demo users get it, real users get it from the Action menu of the users'
        list (Settings > Users) or their Preferences tab."""
        action = self.env.ref('asr_reporting.asr_dashboard_action')
        self.write({'action_id': action.id})
        return True

from odoo import api, models


class MailMessage(models.Model):
    _inherit = 'mail.message'

    @api.model
    def _get_default_from(self):
        """A sender given in the context (``default_email_from``) wins, as any default does:
        Odoo fills the sender before the defaults, from the superuser when a portal page
        posts (e.g. the message of a closed activity)."""
        if self.env.context.get('default_email_from'):
            return self.env.context['default_email_from']
        return super(MailMessage, self)._get_default_from()

    @api.model
    def _message_read_dict_postprocess(self, messages, message_tree):
        """The chatter shows the tracked fields' names and selection labels in the reader's
        language, whatever the language they were recorded in."""
        res = super(MailMessage, self)._message_read_dict_postprocess(messages, message_tree)
        ids = [tracking['id'] for message in messages
               for tracking in message.get('tracking_value_ids') or ()]
        if ids:
            Tracking = self.env['mail.tracking.value'].sudo()
            descriptions = dict((tracking.id, tracking._asr_display_field_desc())
                                for tracking in Tracking.browse(ids))
            for message in messages:
                for tracking in message.get('tracking_value_ids') or ():
                    tracking['changed_field'] = descriptions.get(tracking['id'],
                                                                 tracking['changed_field'])
        return res

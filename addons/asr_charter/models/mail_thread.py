from email.utils import formataddr

from odoo import api, models


class MailThread(models.AbstractModel):
    """The chatter of the ASR records is written in the language of the user who acts.

    The web client always sends its language; module data (the demo), server jobs and XML-RPC
    clients send none, and Odoo then names the model of a creation message ("... created")
    and renders its activity messages in English. ASR records have no translatable field, so
    creating them in the user's language changes nothing else.
    """

    _inherit = 'mail.thread'

    @api.model
    def _asr_chatter_lang(self):
        """The user's language when the ASR record's chatter would otherwise be English."""
        if self.env.context.get('lang'):
            return None
        if not (self._name.startswith('asr.')
                or getattr(type(self), '_asr_user_lang_chatter', False)):
            return None
        return self.env.user.lang or None

    @api.model
    def create(self, values):
        lang = self._asr_chatter_lang()
        if lang:
            record = super(MailThread, self.with_context(lang=lang)).create(values)
            return record.with_env(self.env)
        return super(MailThread, self).create(values)

    @api.model
    def _asr_author_values(self, actor):
        """Author and sender of a message written by ``actor`` (a user): a portal page acts as
        superuser once it has checked its user, and Odoo would otherwise sign the message
        with the superuser's name and address."""
        values = {'author_id': actor.partner_id.id}
        if actor.email:
            values['email_from'] = formataddr((actor.name, actor.email))
        return values

    @api.multi
    def _asr_post_as(self, actor, **kwargs):
        """``message_post`` signed by ``actor``."""
        values = self._asr_author_values(actor)
        values.update(kwargs)
        return self.message_post(**values)

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


class MailTrackingValue(models.Model):
    _inherit = 'mail.tracking.value'

    def _asr_field(self):
        """The tracked field (the base field of a related one), or None when the message has
        no model or the field no longer exists."""
        self.ensure_one()
        model = self.mail_message_id.model
        if not model or model not in self.env:
            return None
        return self.env[model]._fields.get(self.field)

    def _asr_lang_env(self, lang):
        return self.env(context=dict(self.env.context, lang=lang))

    def _asr_reader_lang(self):
        return self.env.context.get('lang') or self.env.user.lang or None

    @api.multi
    def _asr_display_field_desc(self):
        """The tracked field's label in the reader's language."""
        self.ensure_one()
        field = self._asr_field()
        lang = self._asr_reader_lang()
        if field is None or not lang:
            return self.field_desc
        return field.get_description(self._asr_lang_env(lang))['string'] or self.field_desc

    def _asr_selection_label(self, label):
        """``label``, recorded in any installed language, in the reader's language."""
        field = self._asr_field()
        lang = self._asr_reader_lang()
        if not label or field is None or field.type != 'selection' or not lang:
            return label
        while field.related and field.related_field is not None:
            field = field.related_field
        shown = dict(field._description_selection(self._asr_lang_env(lang)))
        if label in shown.values():
            return label
        codes = [None] + [code for code, _name in self.env['res.lang'].get_installed()]
        for code in codes:
            for key, text in field._description_selection(self._asr_lang_env(code)):
                if text == label and key in shown:
                    return shown[key]
        return label

    @api.multi
    def get_display_value(self, type):
        values = super(MailTrackingValue, self).get_display_value(type)
        return [record._asr_selection_label(value) if record.field_type == 'selection'
                else value for record, value in zip(self, values)]

from odoo import api, models


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

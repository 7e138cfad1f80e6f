from odoo import SUPERUSER_ID, api, models

from odoo.addons.asr_charter.models.asr_guard_mixin import field_names


class AsrPersonLinkMixin(models.AbstractModel):
    """Records that point to people (hour entries, the GDPR wizards).

    Odoo shows the name of a linked record as the superuser, whatever the reader may see
    (``read``, ``onchange``, ``read_group``): here the name of a person is given only to users
    who may read that person (the facilitator and the personal-data staff of the person's
    charter); the others get the person's reference (B-00042). Grouping by a person is
    recorded in the audit trail.
    """

    _name = 'asr.person.link.mixin'
    _description = 'Link to people, masked for those who may not read them'

    @api.model
    def _asr_person_fields(self):
        return [name for name, field in self._fields.items()
                if field.type == 'many2one' and field.comodel_name == 'asr.beneficiary']

    @api.model
    def _asr_readable_people(self, ids):
        """The ids among ``ids`` of the people the current user may read."""
        People = self.env['asr.beneficiary']
        if self.env.uid == SUPERUSER_ID:
            return set(ids)
        if not ids or not People.check_access_rights('read', raise_exception=False):
            return set()
        return set(People.with_context(active_test=False).search(
            [('id', 'in', list(ids))]).ids)

    @api.model
    def _asr_mask_people(self, rows, names=None):
        """Replace, in read-like results (dicts whose person fields hold (id, name)), the
        names of the people the user may not read by their reference."""
        names = [n for n in (names or self._asr_person_fields())]
        if self.env.uid == SUPERUSER_ID or not names or not rows:
            return rows
        ids = {row[name][0] for row in rows for name in names
               if isinstance(row.get(name), (list, tuple)) and row[name]}
        readable = self._asr_readable_people(ids)
        code = self.env['asr.beneficiary'].browse
        for row in rows:
            for name in names:
                value = row.get(name)
                if isinstance(value, (list, tuple)) and value and value[0] not in readable:
                    row[name] = (value[0], code(value[0]).code)
        return rows

    @api.multi
    def read(self, fields=None, load='_classic_read'):
        rows = super(AsrPersonLinkMixin, self).read(fields=fields, load=load)
        if load == '_classic_read':
            self._asr_mask_people(rows)
        return rows

    @api.multi
    def onchange(self, values, field_name, field_onchange):
        result = super(AsrPersonLinkMixin, self).onchange(values, field_name, field_onchange)
        if result.get('value'):
            self._asr_mask_people([result['value']])
        return result

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False,
                   lazy=True):
        groups = super(AsrPersonLinkMixin, self).read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)
        person_fields = self._asr_person_fields()
        used = [name for name in field_names(groupby) if name in person_fields]
        if used:
            self._asr_mask_people(groups, used)
            self.env['asr.beneficiary']._asr_audit('group', fields=used, model=self._name)
        return groups

from werkzeug.exceptions import Forbidden

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

WAITING = ('draft', 'submitted')
DONE = ('validated', 'rejected')


def month_label(month):
    """'2025-05-01' -> '05/2025'."""
    return month and '%s/%s' % (month[5:7], month[:4]) or ''


class AsrHoursPortal(CustomerPortal):
    """The facilitator validates the eligibility of the people and the monthly hour entries
    of their charters. Records are searched and changed with the user's own rights (record
    rules, the models' facilitator checks) and displayed with sudo."""

    def _prepare_portal_layout_values(self):
        values = super(AsrHoursPortal, self)._prepare_portal_layout_values()
        if self._asr_facilitator():
            values['asr_hour_waiting_count'] = request.env['asr.hour.entry'].search_count(
                [('state', 'in', WAITING)])
            values['asr_beneficiary_pending_count'] = request.env['asr.beneficiary'] \
                .search_count([('state', '=', 'draft')])
        return values

    @staticmethod
    def _asr_facilitator():
        return request.env.user.has_group('asr_charter.group_asr_facilitator')

    def _asr_checked(self, model, record_id):
        """The record read and writable with the user's own rights; Forbidden otherwise."""
        if not self._asr_facilitator():
            raise Forbidden()
        record = request.env[model].browse(record_id)
        try:
            record.check_access_rights('write')
            if not record.exists():
                raise MissingError(_('This record does not exist.'))
            record.check_access_rule('read')
            record.check_access_rule('write')
        except (AccessError, MissingError):
            raise Forbidden()
        return record

    @staticmethod
    def _asr_run(record, method):
        """Run ``method`` in a savepoint: on an error nothing of it stays; the error message
        (translated by the model) is returned, or None."""
        try:
            with request.env.cr.savepoint():
                method()
        except (UserError, ValidationError) as err:
            record.invalidate_cache()
            return err.name
        except AccessError:
            record.invalidate_cache()
            raise Forbidden()
        return None

    # -- hour entries ---------------------------------------------------------------------
    @http.route(['/my/asr/hours'], type='http', auth='user', website=True)
    def portal_my_asr_hours(self, **kw):
        if not self._asr_facilitator():
            return request.redirect('/my')
        return self._asr_render_hours()

    def _asr_render_hours(self, error=None, error_id=None, form=None):
        entries = request.env['asr.hour.entry']
        # searched with the user's rights (record rules), displayed with sudo
        waiting = entries.search([('state', 'in', WAITING)]).sudo()
        waiting = waiting.sorted(lambda e: (e.clause_id.code or '', e.clause_id.id,
                                            e.month or '', e.id))
        groups = []
        for entry in waiting:
            if not groups or groups[-1][0] != entry.clause_id:
                groups.append((entry.clause_id, []))
            groups[-1][1].append(entry)
        done = entries.search([('state', 'in', DONE)],
                              order='validated_on desc, write_date desc, id desc',
                              limit=20).sudo()
        values = self._prepare_portal_layout_values()
        values.update({
            'groups': groups, 'done': done, 'error': error, 'error_id': error_id,
            'form': form or {}, 'month_label': month_label, 'page_name': 'asr_hours',
        })
        return request.render('asr_beneficiaries.portal_my_asr_hours', values)

    @http.route(['/my/asr/hours/<int:entry_id>/validate'], type='http', auth='user',
                methods=['POST'], website=True)
    def portal_my_asr_hour_validate(self, entry_id, **kw):
        entry = self._asr_checked('asr.hour.entry', entry_id)
        error = self._asr_run(entry, entry.action_validate)
        if error:
            return self._asr_render_hours(error=error, error_id=entry.id)
        return request.redirect('/my/asr/hours?validated=%s' % entry.id)

    @http.route(['/my/asr/hours/<int:entry_id>/reject'], type='http', auth='user',
                methods=['POST'], website=True)
    def portal_my_asr_hour_reject(self, entry_id, reason=None, **kw):
        entry = self._asr_checked('asr.hour.entry', entry_id)
        error = self._asr_run(entry, lambda: entry.action_reject(reason))
        if error:
            return self._asr_render_hours(error=error, error_id=entry.id,
                                          form={'reason': reason or ''})
        return request.redirect('/my/asr/hours?rejected=%s' % entry.id)

    # -- beneficiaries --------------------------------------------------------------------
    @http.route(['/my/asr/beneficiaries'], type='http', auth='user', website=True)
    def portal_my_asr_beneficiaries(self, **kw):
        if not self._asr_facilitator():
            return request.redirect('/my')
        return self._asr_render_beneficiaries()

    def _asr_render_beneficiaries(self, error=None, error_id=None, form=None):
        people = request.env['asr.beneficiary']
        values = self._prepare_portal_layout_values()
        values.update({
            'pending': people.search([('state', '=', 'draft')]).sudo(),
            'validated': people.search([('state', '=', 'validated')],
                                       order='validity_end, id').sudo(),
            'proofs': people._fields['proof_kind']._description_selection(request.env),
            'error': error, 'error_id': error_id, 'form': form or {},
            'page_name': 'asr_beneficiaries',
        })
        return request.render('asr_beneficiaries.portal_my_asr_beneficiaries', values)

    @http.route(['/my/asr/beneficiaries/<int:person_id>/validate'], type='http', auth='user',
                methods=['POST'], website=True)
    def portal_my_asr_beneficiary_validate(self, person_id, proof_kind=None, **kw):
        person = self._asr_checked('asr.beneficiary', person_id)
        proofs = dict(person._fields['proof_kind'].selection)
        if proof_kind and proof_kind not in proofs:
            proof_kind = None

        def validate():
            if proof_kind:
                person.write({'proof_kind': proof_kind})
            person.action_validate_eligibility()

        error = self._asr_run(person, validate)
        if error:
            return self._asr_render_beneficiaries(error=error, error_id=person.id,
                                                  form={'proof_kind': proof_kind or ''})
        return request.redirect('/my/asr/beneficiaries?validated=%s' % person.id)

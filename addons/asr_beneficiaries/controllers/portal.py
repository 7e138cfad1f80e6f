from werkzeug.exceptions import Forbidden

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.asr_charter.controllers.portal import asr_clip, asr_form_too_large
from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.asr_hour_entry import REASON_MAX_LENGTH
from ..rules.hours import month_text

WAITING = ('draft', 'submitted')
DONE = ('validated', 'rejected')
# what the pages show of a person: read as the facilitator, so that the audit trail of each
# person shows the facilitator's own reads
SHOWN_PERSON_FIELDS = ['name', 'code', 'criterion_ids', 'eligibility_status', 'proof_kind',
                       'validity_end']


class AsrHoursPortal(CustomerPortal):
    """The facilitator validates the eligibility of the people and the monthly hour entries
    of their charters. Portal users have no write access over RPC: the pages search and read
    with the user's own rights (record rules), then the models' workflow methods check the
    user again (facilitator of the record's charter) and write as superuser, signing with the
    user. An error leaves nothing written."""

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
        """The record, readable with the user's own rights; Forbidden otherwise."""
        if not self._asr_facilitator():
            raise Forbidden()
        record = request.env[model].browse(record_id)
        try:
            record.check_access_rights('read')
            if not record.exists():
                raise MissingError(_('This record does not exist.'))
            record.check_access_rule('read')
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

    @staticmethod
    def _asr_read_people(people):
        """Read what the page shows of ``people`` as the user: logged in their audit trail."""
        if people:
            people.read(SHOWN_PERSON_FIELDS)

    # -- hour entries ---------------------------------------------------------------------
    @http.route(['/my/asr/hours'], type='http', auth='user', website=True)
    def portal_my_asr_hours(self, **kw):
        if not self._asr_facilitator():
            return request.redirect('/my')
        return self._asr_render_hours()

    def _asr_render_hours(self, error=None, error_id=None, form=None):
        entries = request.env['asr.hour.entry']
        # searched with the user's rights (record rules), displayed with sudo
        waiting = entries.search([('state', 'in', WAITING)])
        done = entries.search([('state', 'in', DONE)],
                              order='validated_on desc, write_date desc, id desc', limit=20)
        self._asr_read_people((waiting | done).mapped('beneficiary_id'))
        waiting = waiting.sudo().sorted(lambda e: (e.clause_id.code or '', e.clause_id.id,
                                                   e.month or '', e.id))
        groups = []
        for entry in waiting:
            if not groups or groups[-1][0] != entry.clause_id:
                groups.append((entry.clause_id, []))
            groups[-1][1].append(entry)
        values = self._prepare_portal_layout_values()
        values.update({
            'groups': groups, 'done': done.sudo(), 'error': error, 'error_id': error_id,
            'form': form or {}, 'month_label': month_text, 'page_name': 'asr_hours',
        })
        return request.render('asr_beneficiaries.portal_my_asr_hours', values)

    @http.route(['/my/asr/hours/<int:entry_id>/validate'], type='http', auth='user',
                methods=['POST'], website=True)
    def portal_my_asr_hour_validate(self, entry_id, **kw):
        entry = self._asr_checked('asr.hour.entry', entry_id)
        user = request.env.user
        error = self._asr_run(entry, lambda: entry.sudo()._asr_validate(user))
        if error:
            return self._asr_render_hours(error=error, error_id=entry.id)
        return request.redirect('/my/asr/hours?validated=%s' % entry.id)

    @http.route(['/my/asr/hours/<int:entry_id>/reject'], type='http', auth='user',
                methods=['POST'], website=True)
    def portal_my_asr_hour_reject(self, entry_id, reason=None, **kw):
        entry = self._asr_checked('asr.hour.entry', entry_id)
        user = request.env.user
        if asr_form_too_large():
            return self._asr_render_hours(error=_(
                "The form sent is too large: the reason is limited to %s characters.")
                % REASON_MAX_LENGTH, error_id=entry.id)
        error = self._asr_run(entry, lambda: entry.sudo()._asr_reject(user, reason))
        if error:
            return self._asr_render_hours(error=error, error_id=entry.id,
                                          form={'reason': asr_clip(reason, REASON_MAX_LENGTH)})
        return request.redirect('/my/asr/hours?rejected=%s' % entry.id)

    # -- beneficiaries --------------------------------------------------------------------
    @http.route(['/my/asr/beneficiaries'], type='http', auth='user', website=True)
    def portal_my_asr_beneficiaries(self, **kw):
        if not self._asr_facilitator():
            return request.redirect('/my')
        return self._asr_render_beneficiaries()

    def _asr_render_beneficiaries(self, error=None, error_id=None, form=None):
        people = request.env['asr.beneficiary']
        pending = people.search([('state', '=', 'draft')])
        validated = people.search([('state', '=', 'validated')], order='validity_end, id')
        self._asr_read_people(pending | validated)
        values = self._prepare_portal_layout_values()
        values.update({
            'pending': pending.sudo(), 'validated': validated.sudo(),
            'proofs': people._fields['proof_kind']._description_selection(request.env),
            'error': error, 'error_id': error_id, 'form': form or {},
            'page_name': 'asr_beneficiaries',
        })
        return request.render('asr_beneficiaries.portal_my_asr_beneficiaries', values)

    @http.route(['/my/asr/beneficiaries/<int:person_id>/validate'], type='http', auth='user',
                methods=['POST'], website=True)
    def portal_my_asr_beneficiary_validate(self, person_id, proof_kind=None, **kw):
        person = self._asr_checked('asr.beneficiary', person_id)
        user = request.env.user
        proofs = dict(person._fields['proof_kind'].selection)
        if proof_kind not in proofs:
            proof_kind = None
        error = self._asr_run(person, lambda: person.sudo()._asr_validate_eligibility(
            user, proof_kind=proof_kind))
        if error:
            return self._asr_render_beneficiaries(error=error, error_id=person.id,
                                                  form={'proof_kind': proof_kind or ''})
        return request.redirect('/my/asr/beneficiaries?validated=%s' % person.id)

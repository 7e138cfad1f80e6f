from werkzeug.exceptions import Forbidden

from odoo import _, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.asr_charter.controllers.portal import (
    PORTAL_SHORT_LIST_SIZE, asr_checked, asr_clip, asr_form_too_large, asr_labels, asr_page,
    asr_page_of, asr_page_url, asr_preload, asr_shown)
from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.asr_hour_entry import REASON_MAX_LENGTH
from odoo.addons.asr_charter.rules.dates import fr_month

WAITING = ('draft', 'submitted')
DONE = ('validated', 'rejected')
# the lists of the pages, one page at a time, in an order the indexes serve: the waiting
# entries oldest month first (each page grouped by clause), the people to validate by name
# (the people's own order), the validated people soonest end of eligibility first
WAITING_DOMAIN = [('state', 'in', WAITING)]
WAITING_KEYS = ('month', 'id')
PENDING_DOMAIN = [('state', '=', 'draft')]
PENDING_KEYS = ('last_name', 'first_name', 'id')
VALIDATED_DOMAIN = [('state', '=', 'validated')]
VALIDATED_ORDER = 'validity_end, id'
# what the hours page shows of an entry, loaded in one query for the page
SHOWN_ENTRY_FIELDS = ('clause_id', 'beneficiary_id', 'month', 'modality', 'employer_id', 'hours',
                      'amount', 'company_id', 'state', 'reject_reason')
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

    @staticmethod
    def _asr_checked(model, record_id):
        """The record, readable with the user's own rights; Forbidden otherwise."""
        return asr_checked(model, record_id)

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
    def _asr_read_people(people, names=SHOWN_PERSON_FIELDS):
        """Read what the page shows of ``people`` (``names``) as the user: logged in their
        audit trail."""
        if people:
            people.read(list(names))

    # -- hour entries ---------------------------------------------------------------------
    @http.route(['/my/asr/hours', '/my/asr/hours/page/<int:page>'], type='http', auth='user',
                website=True)
    def portal_my_asr_hours(self, page=1, **kw):
        if not self._asr_facilitator():
            return request.redirect('/my')
        return self._asr_render_hours(page=page)

    def _asr_render_hours(self, error=None, error_id=None, form=None, page=1):
        entries = request.env['asr.hour.entry']
        # searched with the user's rights (record rules): one page of the waiting entries and
        # the last checked ones; displayed with sudo
        waiting, pager = asr_page(entries, WAITING_DOMAIN, ', '.join(WAITING_KEYS),
                                  '/my/asr/hours', page)
        done = entries.search([('state', 'in', DONE)],
                              order='validated_on desc, write_date desc, id desc',
                              limit=PORTAL_SHORT_LIST_SIZE)
        self._asr_read_people((waiting | done).mapped('beneficiary_id'), ['name'])
        shown = asr_preload(asr_shown(waiting | done), SHOWN_ENTRY_FIELDS)
        clauses = asr_preload(shown.mapped('clause_id'), ('code', 'display_name', 'partner_id'))
        asr_preload(clauses.mapped('partner_id') | shown.mapped('employer_id'), ('name',))
        asr_preload(shown.mapped('beneficiary_id'), ('name',))
        # sorted as a list: recordset.sorted() browses anew and loses the prefetch, so every
        # clause and contractor of the page was then read on its own
        waiting = sorted(asr_shown(waiting), key=lambda e: (
            e.clause_id.code or '', e.clause_id.id, e.month or '', e.id))
        groups = []
        for entry in waiting:
            if not groups or groups[-1][0] != entry.clause_id:
                groups.append((entry.clause_id, []))
            groups[-1][1].append(entry)
        values = self._prepare_portal_layout_values()
        values.update({
            'groups': groups, 'done': asr_shown(done), 'error': error, 'error_id': error_id,
            'labels': asr_labels(entries, 'modality', 'state'),
            'form': form or {}, 'month_label': fr_month, 'page_name': 'asr_hours',
            'pager': pager,
        })
        return request.render('asr_beneficiaries.portal_my_asr_hours', values)

    @http.route(['/my/asr/hours/<int:entry_id>/validate'], type='http', auth='user',
                methods=['POST'], website=True)
    def portal_my_asr_hour_validate(self, entry_id, **kw):
        entry = self._asr_checked('asr.hour.entry', entry_id)
        user = request.env.user
        # the page the entry is listed on: the error is shown there, and the user goes back
        # there once it is validated
        page = asr_page_of(entry, WAITING_DOMAIN, WAITING_KEYS)
        # sudo: checked above; _asr_validate checks the facilitator again
        error = self._asr_run(entry, lambda: entry.sudo()._asr_validate(user))
        if error:
            return self._asr_render_hours(error=error, error_id=entry.id, page=page)
        return request.redirect(asr_page_url('/my/asr/hours', page, validated=entry.id))

    @http.route(['/my/asr/hours/<int:entry_id>/reject'], type='http', auth='user',
                methods=['POST'], website=True)
    def portal_my_asr_hour_reject(self, entry_id, reason=None, **kw):
        entry = self._asr_checked('asr.hour.entry', entry_id)
        user = request.env.user
        page = asr_page_of(entry, WAITING_DOMAIN, WAITING_KEYS)
        if asr_form_too_large():
            return self._asr_render_hours(error=_(
                "The form sent is too large: the reason is limited to %s characters.")
                % REASON_MAX_LENGTH, error_id=entry.id, page=page)
        # sudo: checked above; _asr_reject checks the facilitator again, signs with them
        error = self._asr_run(entry, lambda: entry.sudo()._asr_reject(user, reason))
        if error:
            return self._asr_render_hours(error=error, error_id=entry.id, page=page,
                                          form={'reason': asr_clip(reason, REASON_MAX_LENGTH)})
        return request.redirect(asr_page_url('/my/asr/hours', page, rejected=entry.id))

    # -- beneficiaries --------------------------------------------------------------------
    @http.route(['/my/asr/beneficiaries', '/my/asr/beneficiaries/page/<int:page>'],
                type='http', auth='user', website=True)
    def portal_my_asr_beneficiaries(self, page=1, **kw):
        if not self._asr_facilitator():
            return request.redirect('/my')
        return self._asr_render_beneficiaries(page=page)

    def _asr_render_beneficiaries(self, error=None, error_id=None, form=None, page=1):
        people = request.env['asr.beneficiary']
        # searched with the user's rights (record rules): one page of the people to validate
        # and the first validated ones, with a link to all of them
        pending, pager = asr_page(people, PENDING_DOMAIN, ', '.join(PENDING_KEYS),
                                  '/my/asr/beneficiaries', page)
        validated = people.search(VALIDATED_DOMAIN, order=VALIDATED_ORDER,
                                  limit=PORTAL_SHORT_LIST_SIZE)
        self._asr_read_people(pending | validated)
        values = self._prepare_portal_layout_values()
        values.update({
            'pending': asr_shown(pending), 'validated': asr_shown(validated), 'pager': pager,
            'validated_count': people.search_count(VALIDATED_DOMAIN),
            'proofs': people._fields['proof_kind']._description_selection(request.env),
            'error': error, 'error_id': error_id, 'form': form or {},
            'page_name': 'asr_beneficiaries',
        })
        return request.render('asr_beneficiaries.portal_my_asr_beneficiaries', values)

    @http.route(['/my/asr/beneficiaries/validated',
                 '/my/asr/beneficiaries/validated/page/<int:page>'], type='http', auth='user',
                website=True)
    def portal_my_asr_beneficiaries_validated(self, page=1, **kw):
        if not self._asr_facilitator():
            return request.redirect('/my')
        validated, pager = asr_page(request.env['asr.beneficiary'], VALIDATED_DOMAIN,
                                    VALIDATED_ORDER, '/my/asr/beneficiaries/validated', page)
        self._asr_read_people(validated)
        values = self._prepare_portal_layout_values()
        values.update({
            'validated': asr_shown(validated), 'pager': pager,
            'page_name': 'asr_beneficiaries_validated',
        })
        return request.render('asr_beneficiaries.portal_my_asr_beneficiaries_validated', values)

    @http.route(['/my/asr/beneficiaries/<int:person_id>/validate'], type='http', auth='user',
                methods=['POST'], website=True)
    def portal_my_asr_beneficiary_validate(self, person_id, proof_kind=None, **kw):
        person = self._asr_checked('asr.beneficiary', person_id)
        user = request.env.user
        proofs = dict(person._fields['proof_kind'].selection)
        if proof_kind not in proofs:
            proof_kind = None
        # the page the person is listed on: the error is shown there, and the user goes back
        # there once the eligibility is validated
        page = asr_page_of(person, PENDING_DOMAIN, PENDING_KEYS)
        # sudo: checked above; the method checks the facilitator again, signs with them
        error = self._asr_run(person, lambda: person.sudo()._asr_validate_eligibility(
            user, proof_kind=proof_kind))
        if error:
            return self._asr_render_beneficiaries(error=error, error_id=person.id, page=page,
                                                  form={'proof_kind': proof_kind or ''})
        return request.redirect(asr_page_url('/my/asr/beneficiaries', page,
                                             validated=person.id))

import base64

from werkzeug.exceptions import Forbidden

from odoo import _, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.asr_charter.controllers.portal import (
    asr_checked, asr_clip, asr_is_facilitator, asr_page, asr_shown)
from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.asr_penalty import REASON_MAX_LENGTH

# the registered letter attached to a reduction: a scan, a few megabytes at most; the request
# is refused before anything of it is read
LETTER_MAX_BYTES = 10 * 1024 * 1024
SORTS = {
    'date': ('date_from desc, id desc', 'Period'),
    'amount': ('amount_total desc, id desc', 'Amount due'),
    'state': ('state, date_from desc, id desc', 'State'),
}


class AsrPenaltyPortal(CustomerPortal):
    """The facilitator follows the penalties of their charters' clauses and proposes a
    reduction (difficulties notified in time by registered letter)."""

    def _prepare_portal_layout_values(self):
        values = super(AsrPenaltyPortal, self)._prepare_portal_layout_values()
        if asr_is_facilitator():
            values['asr_penalty_count'] = request.env['asr.penalty'].search_count([])
        return values

    @staticmethod
    def _asr_penalty_check_access(penalty_id):
        """The penalty read with the user's own rights; Forbidden when not theirs."""
        return asr_checked('asr.penalty', penalty_id)

    @http.route(['/my/asr/penalties', '/my/asr/penalties/page/<int:page>'], type='http',
                auth='user', website=True)
    def portal_my_asr_penalties(self, page=1, sortby=None, **kw):
        if not asr_is_facilitator():
            return request.redirect('/my')
        if sortby not in SORTS:
            sortby = 'date'
        values = self._prepare_portal_layout_values()
        # searched with the user's rights (record rules: their charters), displayed as the
        # server
        penalties, pager = asr_page(request.env['asr.penalty'], [], SORTS[sortby][0],
                                    '/my/asr/penalties', page, url_args={'sortby': sortby})
        values.update({
            'penalties': asr_shown(penalties), 'pager': pager, 'sortby': sortby,
            'searchbar_sortings': {key: {'label': _(label), 'order': order}
                                   for key, (order, label) in SORTS.items()},
            'default_url': '/my/asr/penalties', 'page_name': 'asr_penalties',
        })
        return request.render('asr_reporting.portal_my_asr_penalties', values)

    @http.route(['/my/asr/penalties/<int:penalty_id>'], type='http', auth='user',
                website=True)
    def portal_my_asr_penalty(self, penalty_id, **kw):
        penalty = self._asr_penalty_check_access(penalty_id)
        return self._render_penalty(penalty)

    def _render_penalty(self, penalty, error=None, form=None):
        values = self._prepare_portal_layout_values()
        penalty = asr_shown(penalty)
        values.update({'penalty': penalty, 'lines': penalty.line_ids, 'error': error,
                       'form': form or {}, 'page_name': 'asr_penalty',
                       'saved': request.params.get('reduction_proposed')})
        return request.render('asr_reporting.portal_my_asr_penalty', values)

    @http.route(['/my/asr/penalties/<int:penalty_id>/reduction'], type='http', auth='user',
                methods=['POST'], website=True)
    def portal_my_asr_penalty_reduction(self, penalty_id, amount=None, reason=None,
                                        letter_date=None, **kw):
        penalty = self._asr_penalty_check_access(penalty_id)
        form = {'amount': asr_clip(amount, 30), 'reason': asr_clip(reason, REASON_MAX_LENGTH),
                'letter_date': asr_clip(letter_date, 10)}
        length = request.httprequest.content_length or 0
        if length > LETTER_MAX_BYTES + 64 * 1024:
            return self._render_penalty(penalty, form=form, error=_(
                "The registered letter is too large: %s MB at most.")
                % (LETTER_MAX_BYTES // (1024 * 1024)))
        upload = request.httprequest.files.get('letter')
        letter = letter_name = None
        if upload and upload.filename:
            content = upload.read(LETTER_MAX_BYTES + 1)
            if len(content) > LETTER_MAX_BYTES:
                return self._render_penalty(penalty, form=form, error=_(
                    "The registered letter is too large: %s MB at most.")
                    % (LETTER_MAX_BYTES // (1024 * 1024)))
            letter, letter_name = base64.b64encode(content), upload.filename[:200]
        try:
            # the portal user has no write access: once the penalty is checked as theirs
            # (their charter's), the user is checked again as the charter's facilitator and
            # the model checks the values; an error leaves nothing written
            with request.env.cr.savepoint():
                # sudo: penalty checked readable above; the facilitator is checked next
                target = penalty.sudo()
                target.charter_id._asr_check_handles_people(request.env.user, _(
                    "Only the facilitator of the charter proposes a reduction."))
                target._asr_propose_reduction(request.env.user, amount, reason,
                                              letter_date or None, letter, letter_name)
        except (UserError, ValidationError) as err:
            penalty.invalidate_cache()
            return self._render_penalty(penalty, error=err.name, form=form)
        except AccessError:
            raise Forbidden()
        return request.redirect('/my/asr/penalties/%s?reduction_proposed=1' % penalty.id)

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

# A portal form carries a few texts, never a file: a bigger request is refused before anything
# is read from it (a reverse proxy should also cap request bodies, see README).
PORTAL_FORM_MAX_BYTES = 1024 * 1024


def asr_form_too_large(max_bytes=PORTAL_FORM_MAX_BYTES):
    """Whether the current request's body is above what a portal form needs."""
    length = request.httprequest.content_length or 0
    return length > max_bytes


def asr_clip(text, length):
    """A text sent back into a form after an error, cut to the field's limit."""
    return text[:length] if isinstance(text, str) else ''


class AsrCharterPortal(CustomerPortal):
    """Portal pages of the facilitator: the charters whose facilitator structure is theirs."""

    def _prepare_portal_layout_values(self):
        values = super(AsrCharterPortal, self)._prepare_portal_layout_values()
        charters = request.env['asr.charter']
        if charters.check_access_rights('read', raise_exception=False):
            values['asr_charter_count'] = charters.search_count([])
        return values

    def _asr_charter_check_access(self, charter_id):
        """The charter, read with the user's own rights (access checked server-side)."""
        charter = request.env['asr.charter'].browse(charter_id)
        charter.check_access_rights('read')
        charter.check_access_rule('read')
        return charter.exists() or charter.browse()

    @http.route(['/my/asr/charters'], type='http', auth='user', website=True)
    def portal_my_asr_charters(self, **kw):
        values = self._prepare_portal_layout_values()
        charters = request.env['asr.charter']
        if not charters.check_access_rights('read', raise_exception=False):
            return request.redirect('/my')
        # searched with the user's rights (record rules), displayed with sudo: the territory
        # and member partners are not readable by portal users
        values.update({
            'charters': charters.search([], order='act_date desc, id desc').sudo(),
            'page_name': 'asr_charters',
        })
        return request.render('asr_charter.portal_my_asr_charters', values)

    @http.route(['/my/asr/charters/<int:charter_id>'], type='http', auth='user', website=True)
    def portal_my_asr_charter(self, charter_id, **kw):
        try:
            charter = self._asr_charter_check_access(charter_id)
        except (AccessError, MissingError):
            return request.redirect('/my')
        if not charter:
            return request.redirect('/my')
        values = self._prepare_portal_layout_values()
        charter = charter.sudo()
        values.update({
            'charter': charter,
            'members': charter.member_ids.filtered('in_force'),
            'committees': charter.committee_ids.filtered(lambda c: c.state != 'cancelled'),
            'page_name': 'asr_charter',
        })
        return request.render('asr_charter.portal_my_asr_charter', values)

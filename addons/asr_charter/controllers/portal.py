from werkzeug.exceptions import Forbidden
from werkzeug.urls import url_encode

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal, pager as portal_pager

# A portal form carries a few texts, never a file: a bigger request is refused before anything
# is read from it (a reverse proxy should also cap request bodies, see README).
PORTAL_FORM_MAX_BYTES = 1024 * 1024
# Rows of one page of a portal list (Odoo's pager, /page/<n> routes): at regional scale a
# facilitator has tens of thousands of people and hour entries, a page never loads them all.
PORTAL_PAGE_SIZE = 40
# Rows of a short list beside the main one (last opinions, last checked hours, ...); when
# there are more, the page links to their own paginated list.
PORTAL_SHORT_LIST_SIZE = 20


def asr_form_too_large(max_bytes=PORTAL_FORM_MAX_BYTES):
    """Whether the current request's body is above what a portal form needs."""
    length = request.httprequest.content_length or 0
    return length > max_bytes


def asr_is_facilitator():
    """Whether the user is a facilitator's portal user (the portal pages of the follow-up)."""
    return request.env.user.has_group('asr_charter.group_asr_facilitator')


def asr_checked(model, record_id):
    """The record ``record_id`` of ``model`` for a facilitator's portal user, read with the
    user's own rights (access rights and record rules); Forbidden when it is not theirs or
    does not exist (the same answer, so that an id reveals nothing)."""
    if not asr_is_facilitator():
        raise Forbidden()
    record = request.env[model].browse(record_id)
    try:
        record.check_access_rights('read')
        if not record.exists():
            raise MissingError(model)
        record.check_access_rule('read')
    except (AccessError, MissingError):
        raise Forbidden()
    return record


def asr_clip(text, length):
    """A text sent back into a form after an error, cut to the field's limit."""
    return text[:length] if isinstance(text, str) else ''


def asr_page(records, domain, order, url, page=1, step=PORTAL_PAGE_SIZE, url_args=None):
    """One page of the records of ``domain``, searched in ``records``' environment (with the
    user's record rules unless it is sudo): ``(page's records, pager)``.

    The total is counted in SQL and only the page's rows are read (``limit``/``offset``);
    ``order`` must be deterministic (ending with ``id``). A page beyond the last shows the
    last one, as Odoo's pager does; ``url_args`` are the filters kept in the pager's links.
    """
    total = records.search_count(domain)
    pager = portal_pager(url=url, total=total, page=page, step=step, url_args=url_args)
    found = records.search(domain, order=order, limit=step, offset=pager['offset'])
    return found, pager


def asr_shown(records):
    """``records`` as a page displays them (as the server, once searched with the user's
    rights): each field the template reads is loaded for all the page's rows in one query,
    without the other columns of the model (a contractor's name does not load the 64
    columns of 40 partners)."""
    # sudo: records searched with the user's rights before; displayed as the server
    return records.sudo().with_context(prefetch_fields=False)


def asr_preload(records, names):
    """Load the fields ``names`` the page shows of ``records`` (an ``asr_shown`` set) in one
    query, instead of one query per field as the template reaches them; ``records``."""
    if records:
        records.read(list(names), load='_classic_write')
    return records


def asr_labels(model, *names):
    """``{field: {value: label}}`` of selection fields of ``model``, translated once for
    the page (``t-field`` on a selection translates all its options for every row)."""
    described = model.fields_get(list(names), ['selection'])
    return {name: dict(described[name]['selection']) for name in names}


def asr_page_url(url, page, **params):
    """The address of page ``page`` of the list at ``url``, as Odoo's pager writes it, with
    the query ``params`` (e.g. the record just validated, for the page's message)."""
    if page > 1:
        url = '%s/page/%s' % (url, page)
    return '%s?%s' % (url, url_encode(params)) if params else url


def asr_page_of(record, domain, keys, step=PORTAL_PAGE_SIZE):
    """The page number where ``record`` stands in the list of ``domain`` sorted ascending
    by ``keys`` (required stored fields, the last one ``id``), counted in SQL from the
    record's own sort values: e.g. to show a refused entry again on its page. The sort
    values are read as the server (the record is checked readable before)."""
    names = [key for key in keys if key != 'id']
    # sudo: the record is checked readable before; only its sort keys are read
    values = dict(record.sudo().read(names)[0] if names else {}, id=record.id)
    if not all(values[name] for name in names):
        return 1
    before = []
    for index, key in enumerate(keys):
        branch = [(prior, '=', values[prior]) for prior in keys[:index]]
        branch = ['&'] * len(branch) + branch + [(key, '<', values[key])]
        before = ['|'] + before + branch if before else branch
    return record.search_count(domain + before) // step + 1


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

    @http.route(['/my/asr/charters', '/my/asr/charters/page/<int:page>'], type='http',
                auth='user', website=True)
    def portal_my_asr_charters(self, page=1, **kw):
        values = self._prepare_portal_layout_values()
        charters = request.env['asr.charter']
        if not charters.check_access_rights('read', raise_exception=False):
            return request.redirect('/my')
        # searched with the user's rights (record rules), displayed with sudo: the territory
        # and member partners are not readable by portal users
        charters, pager = asr_page(charters, [], 'act_date desc, id desc', '/my/asr/charters',
                                   page)
        values.update({
            'charters': asr_shown(charters),
            'pager': pager,
            'page_name': 'asr_charters',
        })
        return request.render('asr_charter.portal_my_asr_charters', values)

    def _asr_charter_checked(self, charter_id):
        """The charter if the user may read it, else None (the pages then go back to /my)."""
        try:
            charter = self._asr_charter_check_access(charter_id)
        except (AccessError, MissingError):
            return None
        return charter or None

    @staticmethod
    def _asr_committee_domain(charter):
        return [('charter_id', '=', charter.id), ('state', '!=', 'cancelled')]

    @http.route(['/my/asr/charters/<int:charter_id>',
                 '/my/asr/charters/<int:charter_id>/page/<int:page>'], type='http',
                auth='user', website=True)
    def portal_my_asr_charter(self, charter_id, page=1, **kw):
        charter = self._asr_charter_checked(charter_id)
        if not charter:
            return request.redirect('/my')
        values = self._prepare_portal_layout_values()
        charter = asr_shown(charter)
        # the charter is checked: its members and committees are searched as the server, one
        # page of the members in force, the last committees with a link to all of them
        members, pager = asr_page(
            asr_shown(request.env['asr.charter.member']),
            [('charter_id', '=', charter.id), ('in_force', '=', True)],
            'membership desc, role, id', '/my/asr/charters/%s' % charter.id, page)
        Committee = asr_shown(request.env['asr.charter.committee'])
        domain = self._asr_committee_domain(charter)
        values.update({
            'charter': charter,
            'members': members,
            'pager': pager,
            'committees': Committee.search(domain, order='date desc, id desc',
                                           limit=PORTAL_SHORT_LIST_SIZE),
            'committee_count': Committee.search_count(domain),
            'page_name': 'asr_charter',
        })
        return request.render('asr_charter.portal_my_asr_charter', values)

    @http.route(['/my/asr/charters/<int:charter_id>/committees',
                 '/my/asr/charters/<int:charter_id>/committees/page/<int:page>'],
                type='http', auth='user', website=True)
    def portal_my_asr_charter_committees(self, charter_id, page=1, **kw):
        charter = self._asr_charter_checked(charter_id)
        if not charter:
            return request.redirect('/my')
        values = self._prepare_portal_layout_values()
        charter = asr_shown(charter)
        committees, pager = asr_page(
            asr_shown(request.env['asr.charter.committee']), self._asr_committee_domain(charter),
            'date desc, id desc', '/my/asr/charters/%s/committees' % charter.id, page)
        values.update({
            'charter': charter,
            'committees': committees,
            'pager': pager,
            'page_name': 'asr_charter_committees',
        })
        return request.render('asr_charter.portal_my_asr_charter_committees', values)

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.http import content_disposition, request

from odoo.addons.asr_charter.controllers.portal import (asr_checked, asr_is_facilitator,
                                                        asr_page)
from odoo.addons.portal.controllers.portal import CustomerPortal

FORMATS = {'pdf': ('asr_reporting.action_report_asr_bilan', 'application/pdf'),
           'xlsx': ('asr_reporting.action_report_asr_bilan_xlsx',
                    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')}


class AsrBilanPortal(CustomerPortal):
    """The facilitator's bilans: for each of their charters, the key figures of the year
    (the numbers of the annual bilan, from the same figures layer), and the annual bilan of
    each year of the charter to download as PDF or workbook."""

    def _prepare_portal_layout_values(self):
        values = super(AsrBilanPortal, self)._prepare_portal_layout_values()
        if asr_is_facilitator():
            values['asr_bilan_charter_count'] = request.env['asr.charter'].search_count([])
        return values

    @http.route(['/my/asr/bilans', '/my/asr/bilans/page/<int:page>'], type='http',
                auth='user', website=True)
    def portal_my_asr_bilans(self, page=1, **kw):
        if not asr_is_facilitator():
            return request.redirect('/my')
        values = self._prepare_portal_layout_values()
        # the charters searched with the user's rights (record rules: their charters)
        charters, pager = asr_page(request.env['asr.charter'], [], 'name, id',
                                   '/my/asr/bilans', page, step=10)
        year = fields.Date.from_string(fields.Date.context_today(charters)).year
        # sudo: the figures of the charters searched above with the user's rights
        document = request.env['asr.bilan.document'].sudo()
        rows = []
        # sudo: charters searched with the user's rights, read as the server
        for charter in charters.sudo():
            since = fields.Date.from_string(charter.date_in_force or charter.act_date)
            first = since.year if since else year
            rows.append({
                'charter': charter,
                'kpis': document._asr_charter_key_figures(charter, year),
                'years': list(range(year, max(first, year - 9) - 1, -1)),
            })
        values.update({'rows': rows, 'year': year, 'pager': pager,
                       'page_name': 'asr_bilans', 'default_url': '/my/asr/bilans'})
        return request.render('asr_reporting.portal_my_asr_bilans', values)

    @http.route(['/my/asr/bilans/<int:charter_id>/<int:year>/<string:kind>'], type='http',
                auth='user', website=True)
    def portal_my_asr_bilan_file(self, charter_id, year, kind, **kw):
        charter = asr_checked('asr.charter', charter_id)
        if kind not in FORMATS or not 1900 <= year <= 2100:
            raise NotFound()
        report, mime = FORMATS[kind]
        # the bilan holds aggregates only, small counts masked
        # sudo: the charter is the facilitator's (checked above with their rights)
        bilan = request.env['asr.bilan'].sudo().create({
            'kind': 'charter', 'charter_id': charter.id, 'year': year})
        # sudo: the report of the bilan of the charter checked above
        action = request.env.ref(report).sudo()
        if kind == 'pdf':
            content = action.render_qweb_pdf(bilan.ids)[0]
        else:
            # sudo: the workbook of the bilan of the charter checked above
            content = request.env['report.asr_reporting.bilan_xlsx'].sudo().with_context(
                active_model='asr.bilan').create_xlsx_report(bilan.ids, {})[0]
        return request.make_response(content, headers=[
            ('Content-Type', mime), ('Content-Length', len(content)),
            ('Content-Disposition', content_disposition(
                '%s.%s' % (bilan._asr_file_stem(), kind)))])

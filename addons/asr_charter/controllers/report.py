from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.base.ir.ir_qweb.qweb import QWebException
from odoo.addons.web.controllers.main import ReportController


class AsrReportController(ReportController):
    """ASR reports (PDF, HTML, XLSX) answer 403 to a user who may not read their records,
    before anything is rendered, instead of an error page."""

    @http.route()
    def report_routes(self, reportname, docids=None, converter=None, **data):
        report = request.env['ir.actions.report']._get_report_from_name(reportname)
        if not report or not (report.model or '').startswith('asr.'):
            return super(AsrReportController, self).report_routes(
                reportname, docids=docids, converter=converter, **data)
        if docids:
            try:
                ids = [int(i) for i in docids.split(',')]
            except ValueError:
                raise NotFound()
            records = request.env[report.model].browse(ids)
            try:
                records.check_access_rights('read')
                if len(records.exists()) != len(set(ids)):
                    raise MissingError(report.model)
                records.check_access_rule('read')
            except (AccessError, MissingError):
                raise Forbidden()
        try:
            return super(AsrReportController, self).report_routes(
                reportname, docids=docids, converter=converter, **data)
        except (AccessError, MissingError):
            raise Forbidden()
        except QWebException as err:
            if isinstance(getattr(err, 'error', None), (AccessError, MissingError)):
                raise Forbidden()
            raise

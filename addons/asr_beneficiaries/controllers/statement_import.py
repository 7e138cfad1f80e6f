from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import content_disposition, request


class AsrStatementImportTemplate(http.Controller):
    """The templates of the statement import, downloaded from its wizard: for the users who
    may import that kind of file (the rights are those of the import, checked by
    ``asr.statement.import._asr_template``); 403 for the others."""

    @http.route('/asr/import/template/<string:kind>/<string:fmt>', type='http', auth='user',
                methods=['GET'])
    def asr_import_template(self, kind, fmt, **kwargs):
        if kind not in ('hours', 'beneficiaries') or fmt not in ('csv', 'xlsx'):
            raise NotFound()
        try:
            filename, content, mimetype = request.env['asr.statement.import']._asr_template(
                kind, fmt)
        except AccessError:
            raise Forbidden()
        return request.make_response(content, headers=[
            ('Content-Type', mimetype), ('Content-Length', str(len(content))),
            ('Content-Disposition', content_disposition(filename)),
            ('Cache-Control', 'no-store'), ('X-Content-Type-Options', 'nosniff')])

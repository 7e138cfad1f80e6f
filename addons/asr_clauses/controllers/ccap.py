from werkzeug.exceptions import Forbidden

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request


class AsrCcapText(http.Controller):
    """The lot's CCAP article as plain text, to paste into the buyer's documents."""

    @http.route('/asr/lot/<int:lot_id>/ccap.txt', type='http', auth='user')
    def ccap_text(self, lot_id, **kw):
        lot = request.env['asr.market.lot'].browse(lot_id)
        try:
            lot.check_access_rights('read')
            lot.check_access_rule('read')
            text = lot._ccap_text() if lot.exists() else None
        except (AccessError, MissingError):
            raise Forbidden()
        if text is None:
            raise Forbidden()
        filename = 'clauses_sociales_lot_%s.txt' % lot.number
        return request.make_response(text.encode('utf-8'), headers=[
            ('Content-Type', 'text/plain; charset=utf-8'),
            ('Content-Disposition', 'attachment; filename="%s"' % filename)])

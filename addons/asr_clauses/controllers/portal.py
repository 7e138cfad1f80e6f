from werkzeug.exceptions import Forbidden

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class AsrMarketPortal(CustomerPortal):
    """The facilitator gives the opinion on examined markets of their charters."""

    def _prepare_portal_layout_values(self):
        values = super(AsrMarketPortal, self)._prepare_portal_layout_values()
        markets = request.env['asr.market']
        if self._asr_is_facilitator():
            values['asr_market_waiting_count'] = markets.search_count(
                [('state', '=', 'examined')])
        return values

    @staticmethod
    def _asr_is_facilitator():
        return request.env.user.has_group('asr_charter.group_asr_facilitator')

    def _asr_market_check_access(self, market_id):
        """The market read with the user's own rights; Forbidden when not theirs."""
        if not self._asr_is_facilitator():
            raise Forbidden()
        market = request.env['asr.market'].browse(market_id)
        try:
            market.check_access_rights('read')
            market.check_access_rule('read')
            if not market.exists():
                raise MissingError(_('This market does not exist.'))
        except (AccessError, MissingError):
            raise Forbidden()
        return market

    @http.route(['/my/asr/markets'], type='http', auth='user', website=True)
    def portal_my_asr_markets(self, **kw):
        markets = request.env['asr.market']
        if not self._asr_is_facilitator():
            return request.redirect('/my')
        values = self._prepare_portal_layout_values()
        # searched with the user's rights (record rules), displayed with sudo
        values.update({
            'waiting': markets.search([('state', '=', 'examined')],
                                      order='consultation_date, id').sudo(),
            'answered': markets.search([('state', 'in', ('opinion', 'validated'))],
                                       order='opinion_date desc, id desc', limit=20).sudo(),
            'page_name': 'asr_markets',
        })
        return request.render('asr_clauses.portal_my_asr_markets', values)

    @http.route(['/my/asr/markets/<int:market_id>'], type='http', auth='user', website=True)
    def portal_my_asr_market(self, market_id, **kw):
        market = self._asr_market_check_access(market_id)
        return self._render_market(market)

    def _render_market(self, market, error=None, form=None):
        values = self._prepare_portal_layout_values()
        values.update({'market': market.sudo(), 'page_name': 'asr_market', 'error': error,
                       'form': form or {},
                       'opinions': market._fields['opinion']._description_selection(
                           request.env)})
        return request.render('asr_clauses.portal_my_asr_market', values)

    @http.route(['/my/asr/markets/<int:market_id>/opinion'], type='http', auth='user',
                methods=['POST'], website=True)
    def portal_my_asr_market_opinion(self, market_id, opinion=None, text=None,
                                     recommendation=None, **kw):
        market = self._asr_market_check_access(market_id)
        try:
            # the portal user has no write access: the checked market is written as superuser,
            # the opinion is signed with the user's partner
            market.sudo().action_give_opinion(opinion, text, recommendation,
                                              author=request.env.user.partner_id)
        except UserError as err:
            return self._render_market(market, error=err.name, form={
                'opinion': opinion, 'text': text, 'recommendation': recommendation})
        return request.redirect('/my/asr/markets?opinion_given=%s' % market.id)

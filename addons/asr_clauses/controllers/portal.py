from werkzeug.exceptions import Forbidden

from odoo import _, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.asr_charter.controllers.portal import (
    PORTAL_SHORT_LIST_SIZE, asr_checked, asr_clip, asr_form_too_large, asr_page, asr_shown)
from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.asr_market import OPINION_MAX_LENGTH


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

    @staticmethod
    def _asr_market_check_access(market_id):
        """The market read with the user's own rights; Forbidden when not theirs."""
        return asr_checked('asr.market', market_id)

    @http.route(['/my/asr/markets', '/my/asr/markets/page/<int:page>'], type='http',
                auth='user', website=True)
    def portal_my_asr_markets(self, page=1, **kw):
        markets = request.env['asr.market']
        if not self._asr_is_facilitator():
            return request.redirect('/my')
        values = self._prepare_portal_layout_values()
        # searched with the user's rights (record rules), one page of the markets waiting and
        # the last opinions; displayed with sudo
        waiting, pager = asr_page(markets, [('state', '=', 'examined')],
                                  'consultation_date, id', '/my/asr/markets', page)
        values.update({
            'waiting': asr_shown(waiting),
            'pager': pager,
            'answered': asr_shown(markets.search([('state', 'in', ('opinion', 'validated'))],
                                                 order='opinion_date desc, id desc',
                                                 limit=PORTAL_SHORT_LIST_SIZE)),
            'page_name': 'asr_markets',
        })
        return request.render('asr_clauses.portal_my_asr_markets', values)

    @http.route(['/my/asr/markets/<int:market_id>',
                 '/my/asr/markets/<int:market_id>/page/<int:page>'], type='http',
                auth='user', website=True)
    def portal_my_asr_market(self, market_id, page=1, **kw):
        market = self._asr_market_check_access(market_id)
        return self._render_market(market, page=page)

    def _render_market(self, market, error=None, form=None, page=1):
        values = self._prepare_portal_layout_values()
        market = asr_shown(market)
        # the market is checked: one page of its lots, searched as the server (as its lots
        # were read before); a lot's few dispositions are read with it
        lots, pager = asr_page(asr_shown(request.env['asr.market.lot']),
                               [('market_id', '=', market.id)], 'number, id',
                               '/my/asr/markets/%s' % market.id, page)
        values.update({'market': market, 'lots': lots, 'pager': pager,
                       'page_name': 'asr_market', 'error': error,
                       'form': form or {},
                       'opinions': market._fields['opinion']._description_selection(
                           request.env)})
        return request.render('asr_clauses.portal_my_asr_market', values)

    @http.route(['/my/asr/markets/<int:market_id>/opinion'], type='http', auth='user',
                methods=['POST'], website=True)
    def portal_my_asr_market_opinion(self, market_id, opinion=None, text=None,
                                     recommendation=None, **kw):
        market = self._asr_market_check_access(market_id)
        if asr_form_too_large():
            return self._render_market(market, error=_(
                "The form sent is too large: the opinion and the recommendation are limited "
                "to %s characters each.") % OPINION_MAX_LENGTH)
        form = {'opinion': opinion if isinstance(opinion, str) else '',
                'text': asr_clip(text, OPINION_MAX_LENGTH),
                'recommendation': asr_clip(recommendation, OPINION_MAX_LENGTH)}
        try:
            # the portal user has no write access: once the market is checked as theirs, the
            # model checks the user again (facilitator of the charter) and writes as superuser;
            # the opinion is signed with the user's partner; an error leaves nothing written
            with request.env.cr.savepoint():
                # sudo: market checked readable above; the method checks the facilitator again
                market.sudo()._asr_give_opinion(request.env.user, opinion, text,
                                                recommendation)
        except (UserError, ValidationError) as err:
            market.invalidate_cache()
            return self._render_market(market, error=err.name, form=form)
        except AccessError:
            raise Forbidden()
        return request.redirect('/my/asr/markets?opinion_given=%s' % market.id)

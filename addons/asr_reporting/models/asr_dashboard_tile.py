from odoo import _, api, fields, models
from odoo.addons.asr_charter.exceptions import AsrValidationError
from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval

KINDS = [('todo', 'To do'), ('watch', 'To watch')]


class AsrDashboardTile(models.Model):
    """A tile of the landing page "My work": a count of records waiting for someone of a role
    (the buyer's markets to examine, the manager's examinations to validate, the hours to
    validate...), opening them in their list.

    The count and the list are one domain: ``domain`` is evaluated with ``uid`` and ``today``
    and searched as the user (record rules apply), with one COUNT (or one grouped read when
    the tile also sums a measure). A user sees the tiles of their groups (record rule)."""

    _name = 'asr.dashboard.tile'
    _description = 'Tile of the ASR landing page'
    _order = 'sequence, id'

    name = fields.Char('Title', required=True, translate=True)
    description = fields.Char('Description', translate=True)
    sequence = fields.Integer('Sequence', default=10)
    group_id = fields.Many2one('res.groups', 'Shown to', required=True, ondelete='cascade',
                               help="The tile is shown to the members of this group (and of "
                                    "the groups implying it).")
    action_id = fields.Many2one('ir.actions.act_window', 'Opens', required=True,
                                ondelete='cascade')
    res_model = fields.Char(related='action_id.res_model', readonly=True, string='Model')
    domain = fields.Char('Domain', required=True, default='[]',
                         help="Records counted and listed, e.g. [('user_id', '=', uid)]; "
                              "uid and today (YYYY-MM-DD) may be used.")
    measure_field = fields.Char('Summed field', help="A numeric field added up on the tile.")
    measure_unit = fields.Char('Unit of the sum', translate=True)
    kind = fields.Selection(KINDS, 'Kind', required=True, default='todo',
                            help="To do: highlighted while records wait.")
    count = fields.Integer('Records', compute='_compute_count')
    measure_total = fields.Float('Total', compute='_compute_count', digits=(16, 0))

    @api.constrains('domain', 'action_id', 'measure_field')
    def _check_domain(self):
        for tile in self:
            if tile.res_model not in self.env:
                raise AsrValidationError('tile.unknown_model',
                                         _("The tile \"%s\" opens an unknown model.") % tile.name)
            model = self.env[tile.res_model]
            try:
                expression.expression(tile._asr_full_domain(), model.sudo())
            except Exception as error:
                raise AsrValidationError('tile.domain_invalid',
                                         _("The domain of the tile \"%s\" is not valid: %s")
                                         % (tile.name, error))
            if tile.measure_field and model._fields.get(tile.measure_field) is None:
                raise AsrValidationError('tile.unknown_measure',
                                         _("The tile \"%s\" sums an unknown field.") % tile.name)

    def _asr_eval_context(self):
        return {'uid': self.env.uid, 'today': fields.Date.context_today(self)}

    def _asr_domain(self):
        """The tile's domain, evaluated."""
        self.ensure_one()
        return safe_eval(self.domain or '[]', self._asr_eval_context())

    def _asr_full_domain(self):
        """The tile's domain within its action's own domain: what is counted and listed."""
        self.ensure_one()
        action_domain = safe_eval(self.action_id.sudo().domain or '[]',
                                  self._asr_eval_context())
        return expression.AND([action_domain, self._asr_domain()])

    @api.multi
    def _compute_count(self):
        for tile in self:
            model = self.env[tile.res_model]
            domain = tile._asr_full_domain()
            if tile.measure_field:
                groups = model.read_group(domain, [tile.measure_field], [])
                group = groups[0] if groups else {}
                tile.count = group.get('__count', 0)
                tile.measure_total = group.get(tile.measure_field) or 0.0
            else:
                tile.count = model.search_count(domain)
                tile.measure_total = 0.0

    @api.multi
    def action_open(self):
        """The tile's records, in the list of its action (the action's default filters left
        out: the list shows what the tile counts)."""
        self.ensure_one()
        action = self.action_id.read()[0]
        try:
            context = safe_eval(action.get('context') or '{}', self._asr_eval_context())
        except Exception:
            context = {}
        context = {key: value for key, value in context.items()
                   if not key.startswith('search_default_')}
        action.update({'name': self.name, 'domain': self._asr_full_domain(),
                       'context': context, 'target': 'current'})
        return action

from odoo import models


class AsrClauseOrderMixin(models.AbstractModel):
    """Records sorted or grouped by their clause follow the clauses' references (CL-00001...),
    i.e. their ids, read from the record's own column.

    Odoo sorts a many2one by the target's ``_order`` (a clause: its lot, then the lot's market,
    then the market's consultation date), which joins three tables to every row before a grouped
    read can group them: on 1.5 million hour entries that join was most of a read_group by
    clause.
    """

    _name = 'asr.clause.order.mixin'
    _description = 'Order by clause reference'

    def _generate_m2o_order_by(self, alias, order_field, query, reverse_direction, seen):
        if order_field == 'clause_id':
            return ['"%s"."clause_id" %s' % (alias, 'DESC' if reverse_direction else '')]
        return super(AsrClauseOrderMixin, self)._generate_m2o_order_by(
            alias, order_field, query, reverse_direction, seen)

from odoo import api, models


class AsrReadMixin(models.AbstractModel):
    """Reads of ASR records for a client (lists, forms, search_read, the API) load only the
    columns they show.

    By default, the ORM loads every column of a related model the first time one of its
    fields is needed: displaying the contractor of 80 clauses reads the 64 columns of 80
    partners to return their names (about 100 ms of a 130 ms list on the regional
    database). Under ``prefetch_fields=False`` it reads only the fields asked for: the names,
    one column. The records' own fields are read in one query either way; the ORM's internal
    loads (``_classic_write``) keep their prefetching.
    """
    _name = 'asr.read.mixin'
    _description = 'Narrow reads of the ASR records'

    @api.multi
    def read(self, fields=None, load='_classic_read'):
        if load == '_classic_read' and self._context.get('prefetch_fields', True):
            self = self.with_context(prefetch_fields=False)
        return super(AsrReadMixin, self).read(fields=fields, load=load)

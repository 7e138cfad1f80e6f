from odoo import fields, models


class AsrImportJobLine(models.Model):
    """A row of a background import that was rejected, with its column and reason."""

    _name = 'asr.import.job.line'
    _description = 'Rejected row of a background import'
    _order = 'job_id, number, id'

    job_id = fields.Many2one('asr.import.job', 'Import', required=True,
                             index=True, ondelete='cascade', readonly=True)
    number = fields.Integer('Row', readonly=True)
    column_name = fields.Char('Column', readonly=True)
    message = fields.Char('Reason', readonly=True)

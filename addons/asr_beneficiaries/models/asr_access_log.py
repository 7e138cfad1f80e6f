import threading

from odoo import _, api, fields, http, models

from odoo.addons.asr_charter.exceptions import AsrUserError

CHANNELS = [
    ('form', 'Form'),
    ('list', 'List'),
    ('portal', 'Portal'),
    ('export', 'Export'),
    ('report', 'Report'),
    ('rpc', 'API (XML-RPC / JSON-RPC)'),
    ('web', 'Web client (other)'),
    ('server', 'Server (scheduled task)'),
]
OPERATIONS = [
    ('read', 'Read'),
    ('search', 'Search by name'),
    ('group', 'Grouped read'),
    ('export', 'Export'),
    ('create', 'Creation'),
    ('write', 'Change'),
    ('unlink', 'Deletion'),
    ('validate', 'Eligibility validated'),
    ('anonymise', 'Anonymisation'),
]
# the web client's calls that show records as a list (the others show one record)
LIST_METHODS = ('search_read', 'read_group', 'web_read_group', 'name_search')
NOTE_MAX_LENGTH = 200
FIELDS_MAX_LENGTH = 1000
REFERENCES_SHOWN = 50


def request_channel(operation):
    """Through what a person's data is reached: the HTTP route of the current request (the
    web client's list or form calls, the portal, XML-RPC or JSON-RPC, reports), an export, or
    the server itself (scheduled tasks, shell)."""
    if operation == 'export':
        return 'export'
    request = http.request
    if not request:
        # XML-RPC calls run outside Odoo's HTTP request objects; their dispatcher marks the
        # thread with the caller's uid (a scheduled task's thread never has one)
        if getattr(threading.current_thread(), 'uid', None):
            return 'rpc'
        return 'server'
    path = request.httprequest.path or ''
    if path.startswith(('/xmlrpc', '/jsonrpc')):
        return 'rpc'
    if path.startswith('/my'):
        return 'portal'
    if path.startswith('/web/export'):
        return 'export'
    if path.startswith('/report'):
        return 'report'
    if path.startswith('/web/dataset/search_read'):
        return 'list'
    if path.startswith('/web/dataset/call'):
        method = path.rstrip('/').rsplit('/', 1)[-1]
        return 'list' if method in LIST_METHODS else 'form'
    return 'web'


class AsrAccessLog(models.Model):
    """Who reached which people, when, through which channel, and what they changed (GDPR
    art. 5(2) and 30).

    One row per operation and model (a list of 80 people is one row, not 80 rows of 12 fields
    each), holding the people's ids and the names of the fields read or changed, never a value:
    the log keeps no copy of an identity, so that an anonymisation erases nothing in it and
    leaves its own row. Rows are written in SQL by ``asr.beneficiary._asr_audit`` under the
    real user, whatever the context says; nobody changes or deletes them through Odoo.
    """

    _name = 'asr.access.log'
    _description = 'Access log of personal data'
    _order = 'create_date desc, id desc'
    _rec_name = 'operation'

    user_id = fields.Many2one('res.users', 'User', readonly=True, index=True)
    channel = fields.Selection(CHANNELS, 'Channel', readonly=True)
    operation = fields.Selection(OPERATIONS, 'Operation', readonly=True, index=True)
    model = fields.Char('Model', readonly=True)
    record_count = fields.Integer('People', readonly=True)
    field_names = fields.Char('Fields read or changed', readonly=True)
    note = fields.Char('Note', readonly=True)
    references = fields.Text('References', compute='_compute_references')
    beneficiary_id = fields.Many2one('asr.beneficiary', 'Person', compute='_compute_references',
                                     search='_search_beneficiary_id',
                                     help="Search the operations on one person.")

    def init(self):
        cr = self.env.cr
        cr.execute("""ALTER TABLE asr_access_log
                      ADD COLUMN IF NOT EXISTS res_ids integer[] NOT NULL DEFAULT '{}'""")
        cr.execute("""CREATE INDEX IF NOT EXISTS asr_access_log_res_ids_idx
                      ON asr_access_log USING gin (res_ids)""")
        cr.execute("""CREATE INDEX IF NOT EXISTS asr_access_log_create_date_idx
                      ON asr_access_log (create_date DESC, id DESC)""")

    @api.multi
    def _ids_by_log(self):
        if not self.ids:
            return {}
        self.env.cr.execute("SELECT id, res_ids FROM asr_access_log WHERE id IN %s",
                            (tuple(self.ids),))
        return dict(self.env.cr.fetchall())

    @api.multi
    def _compute_references(self):
        """The references (B-00042) of the people, never their names."""
        ids = self._ids_by_log()
        prefix = self.env['asr.beneficiary']._code_prefix
        for log in self:
            people = ids.get(log.id) or []
            shown = ', '.join('%s%05d' % (prefix, pid) for pid in people[:REFERENCES_SHOWN])
            if len(people) > REFERENCES_SHOWN:
                shown += _(' and %s others') % (len(people) - REFERENCES_SHOWN)
            log.references = shown
            log.beneficiary_id = people[0] if len(people) == 1 else False

    @api.model
    def _search_beneficiary_id(self, operator, value):
        texts = [value] if isinstance(value, str) else value
        if (operator in ('=', 'in', 'ilike') and texts and isinstance(texts, (list, tuple))
                and all(isinstance(text, str) for text in texts)):
            # references typed in the search view (B-00042); an unknown one finds nothing
            code_to_id = self.env['asr.beneficiary'].code_to_id
            operator, value = 'in', [code_to_id(text) or 0 for text in texts]
        if operator not in ('=', 'in') or not value:
            raise AsrUserError('access_log.search', _(
                "Search the access log by one person or a list of people."))
        people = value if isinstance(value, (list, tuple)) else [value]
        try:
            people = [int(pid) for pid in people]
        except (TypeError, ValueError):
            raise AsrUserError('access_log.search', _(
                "Search the access log by one person or a list of people."))
        self.env.cr.execute("SELECT id FROM asr_access_log WHERE res_ids && %s::integer[]",
                            (people,))
        return [('id', 'in', [row[0] for row in self.env.cr.fetchall()])]

    @api.model
    def _log(self, operation, model, ids=(), field_names=(), note='', user=None):
        """One row: ``operation`` on the records ``ids`` of ``model`` by ``user`` (the
        environment's user by default), in one INSERT."""
        uid = user.id if user else self.env.uid
        ids = sorted({int(i) for i in ids if isinstance(i, int)})
        self.env.cr.execute("""
            INSERT INTO asr_access_log (create_uid, create_date, write_uid, write_date,
                user_id, channel, operation, model, record_count, res_ids, field_names, note)
            VALUES (%s, now() at time zone 'UTC', %s, now() at time zone 'UTC',
                    %s, %s, %s, %s, %s, %s, %s, %s)""",
                            (uid, uid, uid, request_channel(operation), operation, model,
                             len(ids), ids,
                             ', '.join(sorted(set(field_names)))[:FIELDS_MAX_LENGTH] or None,
                             (note or '')[:NOTE_MAX_LENGTH] or None))

    @api.model
    def create(self, vals):
        self.check_access_rights('create')  # nobody has it: an AccessError first
        raise AsrUserError('access_log.create',
                           _("The access log is written by the server only."))

    @api.multi
    def write(self, vals):
        self.check_access_rights('write')
        raise AsrUserError('access_log.write', _("The access log cannot be changed."))

    @api.multi
    def unlink(self):
        self.check_access_rights('unlink')
        raise AsrUserError('access_log.unlink', _("The access log cannot be deleted."))

from odoo import SUPERUSER_ID, _, api, models
from odoo.addons.asr_charter.exceptions import AsrAccessError, AsrValidationError
from odoo.models import BaseModel, MAGIC_COLUMNS

from ..rules import inputs
from ..rules.dates import fr_date
from ..rules.numbers import fr_number

ASR_MODULES = ('asr_charter', 'asr_clauses', 'asr_beneficiaries', 'asr_reporting')


class _Transition(str):
    """Marks an environment as running a workflow method of the server.

    Only server code builds it: the contexts that XML-RPC and JSON-RPC decode hold plain
    strings, never an instance of this class, so a remote caller cannot forge it.
    """


TRANSITION = _Transition('asr_transition')


def field_names(specs):
    """The field names of read_group specifications: 'month:month' -> 'month',
    'hours:sum' -> 'hours', 'count(id)' -> 'count'; a single groupby string is one spec."""
    specs = [specs] if isinstance(specs, str) else list(specs or [])
    return [spec.split(':')[0].split('(')[0].strip() for spec in specs]


class AsrGuardMixin(models.AbstractModel):
    """What every ASR record enforces on the server, whoever writes it (form, portal, import,
    XML-RPC), so that a readonly field in a view is readonly for real:

    - workflow fields (states, validators, validation and receipt dates, charter links
      derived by the server, computed figures) are written only by the workflow methods
      (``_asr_trusted()``); frozen fields are set at creation and never changed;
    - every value is checked: texts without NUL byte and within their length, finite numbers
      within their range, real dates between 1900 and 2100, known selection values, existing
      records, uploads within 20 MB; required texts are not blank;
    - a record written by a user must still be within that user's record rules afterwards
      (nobody moves a record out of their own scope, e.g. to another charter);
    - fields reserved to some groups cannot be searched, grouped, sorted or exported by the
      others (the ORM itself only hides them from ``read``).

    The superuser (installation, demo data, server jobs) passes the workflow checks, never
    the value checks.
    """

    _name = 'asr.guard.mixin'
    _inherit = ['asr.read.mixin', 'asr.name.search.mixin']
    _description = 'Server-side guard of the ASR records'

    # -- declarations of each model, merged over its extensions (see _asr_declared) ------
    # fields written only by the workflow methods, besides the readonly and computed ones
    _asr_protected = ()
    # fields given at creation and never changed afterwards (e.g. the charter of a person)
    _asr_frozen = ()
    # {field: maximum length} for texts, {field: (low, high)} for numbers; the other fields
    # get the defaults of rules.inputs
    _asr_limits = {}

    @api.model
    def _asr_declared(self, attribute):
        """The union of ``attribute`` over the classes that make the model: the model's own
        and its extensions in other addons each declare their part."""
        merged = {} if isinstance(getattr(self, attribute), dict) else set()
        for cls in reversed(type(self).__mro__):
            part = cls.__dict__.get(attribute)
            if part:
                merged.update(part)
        return merged

    # -- workflow ------------------------------------------------------------------------
    def _asr_in_transition(self):
        return type(self.env.context.get('asr_transition')) is _Transition

    def _asr_trusted(self):
        """The same records, allowed to write their workflow fields: for workflow methods,
        after they have checked who acts and on what."""
        return self.with_context(asr_transition=TRANSITION)

    def _asr_writer(self, actor):
        """The records to write a workflow change of ``actor`` with: trusted; when the actor
        is not the environment's user (a portal page writing as superuser once it has checked
        the actor), without automatic tracking: the workflow method posts who did it."""
        writer = self._asr_trusted()
        if self.env.uid != actor.id:
            writer = writer.with_context(tracking_disable=True)
        return writer

    def _asr_is_superuser(self):
        return self.env.uid == SUPERUSER_ID

    def _asr_check_backend_user(self):
        """The public workflow methods are the back office's buttons: portal users act
        through their portal pages, which check them and call the workflow themselves."""
        if not self._asr_is_superuser() and self.env.user.share:
            raise AsrAccessError('guard.portal_user',
                                 _("Portal users act through their portal pages."))

    @api.model
    def _asr_all_protected(self):
        """Explicitly protected fields, plus this project's readonly fields (without
        ``states``) and computed fields without inverse."""
        names = set(self._asr_declared('_asr_protected'))
        for name, field in self._fields.items():
            if name in MAGIC_COLUMNS or field._module not in ASR_MODULES:
                continue
            if (field.compute and not field.inverse) or (field.readonly and not field.states):
                names.add(name)
        return names

    # -- create / write ------------------------------------------------------------------
    @api.model
    def create(self, vals):
        self._asr_check_inputs(vals)
        if self._asr_is_superuser():
            return super(AsrGuardMixin, self).create(vals)
        if not self._asr_in_transition():
            self._asr_guard_create(vals)
            return super(AsrGuardMixin, self).create(vals)
        # a workflow method creates the record (e.g. a market and its reference): the records
        # nested in its x2many values (its lots and their clauses, typed in one form) are
        # created after it, as the user, each through its own guard
        vals, nested = self._asr_split_nested(vals)
        record = super(AsrGuardMixin, self).create(vals)
        record._asr_write_nested(nested, create=True)
        return record

    @api.multi
    def write(self, vals):
        self._asr_check_inputs(vals, creating=False)
        nested = {}
        if not (self._asr_is_superuser() or self._asr_in_transition()):
            self._asr_guard_write(vals)
        elif not self._asr_is_superuser():
            vals, nested = self._asr_split_nested(vals)
        res = super(AsrGuardMixin, self).write(vals)
        self._asr_write_nested(nested)
        if not self._asr_is_superuser():
            # nobody moves a record out of their own record rules (another charter...)
            self.exists().check_access_rule('write')
        return res

    @api.model
    def _asr_split_nested(self, vals):
        """(``vals`` without the x2many values that reach guarded ASR records, those values):
        the trust of a workflow method covers its own record, not the records that its
        caller nests in the values (x2many commands create and write records)."""
        own, nested = dict(vals), {}
        for name, value in vals.items():
            field = self._fields.get(name)
            if (field is not None and field.type in ('one2many', 'many2many') and value
                    and not field.compute and self._asr_is_guarded(field.comodel_name)):
                nested[name] = own.pop(name)
        return own, nested

    @api.model
    def _asr_is_guarded(self, model_name):
        model = self.env[model_name]
        return isinstance(model, AsrGuardMixin) and not model._transient

    @api.multi
    def _asr_write_nested(self, nested, create=False):
        """Apply x2many values as the ORM does (inverse set by the relation, context defaults
        dropped), outside the workflow's trust: every nested record passes its own guard."""
        if not nested:
            return
        context = {key: value for key, value in self.env.context.items()
                   if key != 'asr_transition' and not key.startswith('default_')}
        records = self.with_context(context)
        for name in sorted(nested, key=lambda n: self._fields[n]._sequence):
            self._fields[name].write(records, nested[name], create=create)
        records.modified(list(nested))
        records._validate_fields(list(nested))
        if self.env.recompute and self.env.context.get('recompute', True):
            records.recompute()

    @api.model
    def _asr_guard_create(self, vals):
        """Refuse workflow fields set at creation, whatever their source (values, context
        defaults, user defaults): only the field's own default is accepted."""
        full = self._add_missing_default_values(dict(vals))
        for name in self._asr_all_protected():
            if name not in full or not full[name]:
                continue
            field = self._fields[name]
            default = field.default(self) if field.default else False
            if field.type == 'many2one' and isinstance(default, BaseModel):
                default = default.id
            if full[name] != default:
                self._asr_raise_protected(name)

    @api.multi
    def _asr_guard_write(self, vals):
        protected = self._asr_all_protected()
        frozen = set(self._asr_declared('_asr_frozen'))
        for name in set(vals) & (protected | frozen):
            field = self._fields[name]
            for record in self:
                current = field.convert_to_write(record[name], record)
                if current != vals[name] and (current or vals[name]):
                    if name in protected:
                        self._asr_raise_protected(name)
                    raise AsrAccessError('guard.frozen_field', _(
                        'The field "%s" cannot be changed once the record '
                        'exists.') % self._asr_field_label(name))

    @api.model
    def _asr_guard_vals(self, vals, creating=True):
        """The checks of create/write on the caller's values, for the models whose create or
        write add server-side workflow values before calling super with _asr_trusted()."""
        self._asr_check_inputs(vals, creating=creating)
        if self._asr_is_superuser() or self._asr_in_transition():
            return
        if creating:
            self._asr_guard_create(vals)
        else:
            self._asr_guard_write(vals)

    def _asr_raise_protected(self, name):
        raise AsrAccessError('guard.protected_field', _(
            'The field "%s" is set by the application (its buttons and '
            'workflow), not directly.') % self._asr_field_label(name))

    @api.model
    def _asr_user_env(self):
        """The environment in the user's language when the call gave none (XML-RPC clients
        send no context): labels in messages are then French like the messages."""
        if self.env.lang:
            return self.env
        return self.with_context(lang=self.env.user.lang or 'fr_FR').env

    @api.model
    def _asr_field_label(self, name):
        field = self._fields.get(name)
        if not field:
            return name
        return field.get_description(self._asr_user_env())['string']

    # -- values --------------------------------------------------------------------------
    @api.model
    def _asr_check_inputs(self, vals, creating=True):
        """Check every value of ``vals`` (rules.inputs); a French ValidationError names the
        field and the limit."""
        limits = self._asr_declared('_asr_limits')
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None or name in MAGIC_COLUMNS:
                continue
            try:
                self._asr_check_value(field, value, limits.get(name))
            except inputs.InputError as err:
                raise AsrValidationError('input.' + err.key,
                                         self._asr_input_message(name, err))
        self._asr_check_required(vals)

    @api.model
    def _asr_check_value(self, field, value, limit):
        kind = field.type
        if kind in ('char', 'text', 'html'):
            default = inputs.CHAR_MAX if kind == 'char' else inputs.TEXT_MAX
            required = field.required and kind == 'char' and not field.compute
            inputs.check_text(value, limit or default, required=required)
        elif kind == 'selection':
            if value not in (None, False):
                inputs.check_text(value if isinstance(value, str) else str(value))
                allowed = field.get_values(self.env)
                if value not in allowed and str(value) not in [str(v) for v in allowed]:
                    raise inputs.InputError('selection', value=value)
        elif kind in ('float', 'monetary'):
            low, high = limit or (-inputs.NUMBER_MAX, inputs.NUMBER_MAX)
            inputs.check_number(value, low, high)
        elif kind == 'integer':
            low, high = limit or (inputs.INT_MIN, inputs.INT_MAX)
            inputs.check_number(value, low, high, integer=True)
        elif kind in ('date', 'datetime'):
            inputs.check_date(value)
        elif kind == 'binary':
            if value and isinstance(value, (str, bytes)):
                inputs.check_upload(inputs.base64_size(value), limit or
                                    inputs.UPLOAD_MAX_BYTES)
        elif kind == 'many2one':
            self._asr_check_ids(field, [value] if value not in (None, False) else [])
        elif kind in ('many2many', 'one2many'):
            self._asr_check_ids(field, self._asr_command_ids(value))

    @api.model
    def _asr_command_ids(self, commands):
        """The ids that x2many commands link: (4, id), (6, 0, ids), a plain list of ids;
        anything else is returned as it is, for the value checks to refuse."""
        if not isinstance(commands, (list, tuple)):
            return [commands] if commands else []
        ids = []
        for command in commands or ():
            if isinstance(command, (list, tuple)) and command:
                if command[0] == 4 and len(command) > 1:
                    ids.append(command[1])
                elif command[0] == 6 and len(command) > 2:
                    ids.extend(command[2] or [])
            elif isinstance(command, int) and not isinstance(command, bool):
                ids.append(command)
        return ids

    @api.model
    def _asr_check_ids(self, field, ids):
        """Linked ids are whole numbers of existing records."""
        if not ids:
            return
        wanted = set()
        for value in ids:
            if isinstance(value, BaseModel):
                wanted.update(value.ids)
            elif isinstance(value, int) and not isinstance(value, bool) and 0 < value <= \
                    inputs.INT_MAX:
                wanted.add(value)
            else:
                raise inputs.InputError('record_missing', value=value)
        comodel = self.env[field.comodel_name].sudo().with_context(active_test=False)
        if len(comodel.browse(list(wanted)).exists()) != len(wanted):
            raise inputs.InputError('record_missing', value=sorted(wanted))

    @api.model
    def _asr_check_required(self, vals):
        """Required fields given are not emptied (a blank name, no record)."""
        for name, value in vals.items():
            field = self._fields.get(name)
            if not field or not field.required or field.compute or field.type in (
                    'boolean', 'float', 'integer', 'monetary', 'one2many', 'many2many'):
                continue
            if value in (None, False) or (isinstance(value, str) and not value.strip()):
                raise AsrValidationError('input.blank', self._asr_input_message(
                    name, inputs.InputError('blank')))

    @api.model
    def _asr_input_message(self, name, err):
        label = self._asr_field_label(name)
        values = err.values
        if err.key == 'blank':
            return _('The field "%s" is required.') % label
        if err.key == 'type_text':
            return _('The field "%s" expects a text.') % label
        if err.key == 'nul':
            return _('The field "%s" contains a NUL character, which is not allowed.') % label
        if err.key == 'too_long':
            return _('The field "%s" is limited to %s characters (%s given).') % (
                label, values['max'], values['length'])
        if err.key == 'type_number':
            return _('The field "%s" expects a number.') % label
        if err.key == 'not_finite':
            return _('The field "%s" must be a finite number.') % label
        if err.key == 'integer':
            return _('The field "%s" expects a whole number.') % label
        if err.key == 'too_high':
            return _('The field "%s" is at most %s (%s given).') % (
                label, fr_number(values['high'], 6), fr_number(values['value'], 6))
        if err.key == 'too_low':
            return _('The field "%s" is at least %s (%s given).') % (
                label, fr_number(values['low'], 6), fr_number(values['value'], 6))
        if err.key == 'date_format':
            return _('The field "%s" expects a valid date (%s given).') % (
                label, str(values.get('value'))[:40])
        if err.key == 'date_range':
            return _('The date of the field "%s" must be between %s and %s.') % (
                label, fr_date(inputs.DATE_MIN), fr_date(inputs.DATE_MAX))
        if err.key == 'selection':
            return _('The value "%s" is not allowed for the field "%s".') % (
                str(values.get('value'))[:40], label)
        if err.key == 'record_missing':
            return _('The field "%s" refers to a record that does not exist.') % label
        if err.key == 'upload_size':
            return _('The file of the field "%s" weighs %s MB: the limit is %s MB.') % (
                label, fr_number(round(values['size'] / 1048576.0, 1)),
                values['max'] // 1048576)
        if err.key == 'zip':
            return _('The postal code must have five digits (%s given).') % (
                str(values.get('value'))[:20])
        return '%s: %s' % (label, err.key)

    # -- fields reserved to some groups ----------------------------------------------------
    @api.model
    def _asr_check_path(self, path):
        """Refuse a field path (``a.b.c`` or ``a/b/c``) that crosses a field reserved to groups
        the user is not in."""
        model = self
        for name in path.replace('/', '.').split('.'):
            if name in ('id', '.id', ''):
                continue
            field = model._fields.get(name)
            if field is None:
                return
            if field.groups and not model.user_has_groups(field.groups):
                raise AsrAccessError('guard.path', _(
                    'You are not allowed to search, group, sort or export by '
                    'the field "%s".') % field.get_description(
                    self._asr_user_env())['string'])
            if not field.relational:
                return
            model = self.env[field.comodel_name]

    @api.model
    def _asr_check_domain(self, domain):
        for leaf in domain or ():
            if isinstance(leaf, (list, tuple)) and len(leaf) == 3 and isinstance(leaf[0], str):
                self._asr_check_path(leaf[0])

    @api.model
    def _asr_check_order(self, order):
        for part in (order or '').split(','):
            words = part.strip().split()
            if words:
                self._asr_check_path(words[0].strip('"'))

    @api.model
    def _search(self, args, offset=0, limit=None, order=None, count=False,
                access_rights_uid=None):
        if not self._asr_is_superuser() and access_rights_uid in (None, self.env.uid):
            self._asr_check_domain(args)
            self._asr_check_order(order)
        return super(AsrGuardMixin, self)._search(
            args, offset=offset, limit=limit, order=order, count=count,
            access_rights_uid=access_rights_uid)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False,
                   lazy=True):
        if not self._asr_is_superuser():
            self._asr_check_domain(domain)
            self._asr_check_order(orderby)
            for name in field_names(fields) + field_names(groupby):
                self._asr_check_path(name)
        return super(AsrGuardMixin, self).read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)

    @api.multi
    def export_data(self, fields_to_export, raw_data=False):
        if not self._asr_is_superuser():
            for path in fields_to_export or ():
                self._asr_check_path(path)
        return super(AsrGuardMixin, self).export_data(fields_to_export, raw_data=raw_data)

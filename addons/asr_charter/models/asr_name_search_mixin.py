from odoo import api, fields, models
from odoo.osv import expression

from ..rules.dates import period_of

# a negative operator finds the records that none of the fields matches
NEGATIVE = {'!=': '=', '<>': '=', 'not like': 'like', 'not ilike': 'ilike', 'not in': 'in'}
POSITIVE = ('=', 'like', 'ilike', '=like', '=ilike', 'in')


def _label_matches(key, label, operator, texts):
    if operator in ('=', 'in'):
        return key in texts or label in texts
    if operator == 'like':
        return any(t in label for t in texts)
    if operator == 'ilike':
        return any(t.lower() in label.lower() for t in texts)
    return False


def _paths_domain(model, paths, operator, name, access_rights_uid=None):
    """The domain of ``model`` matching ``name`` on one of ``paths`` with the positive
    ``operator``, or None when none can match it (a word searched in a number). The fields of
    a parent ('market_id.name', 'market_id.reference') are searched first, together, among
    the parents (as the ORM does for one path), with the access rights of
    ``access_rights_uid`` and the user's record rules."""
    heads = {}  # {'market_id': ['name', 'reference'], 'name': ['']}, in the paths' order
    for path in paths:
        head, _dot, rest = path.partition('.')
        heads.setdefault(head, []).append(rest)
    domains = []
    for head, rests in heads.items():
        field = model._fields[head]
        if '' in rests:
            domains.append(_field_domain(model, field, operator, name))
        nested = [rest for rest in rests if rest]
        if nested:
            parents = model.env[field.comodel_name].with_context(active_test=False)
            domain = _paths_domain(parents, nested, operator, name, access_rights_uid)
            if domain:
                domains.append([(head, 'in', parents._search(
                    domain, order='id', access_rights_uid=access_rights_uid))])
    domains = [domain for domain in domains if domain]
    return expression.OR(domains) if domains else None


def _field_domain(model, field, operator, name):
    """The domain matching ``name`` on ``field`` of ``model``, or None."""
    values = name if isinstance(name, (list, tuple)) else [name]
    texts = [v for v in values if isinstance(v, str)]
    if field.type == 'integer':
        numbers = [int(t) for t in texts if t.strip().isdecimal() and len(t.strip()) < 10]
        if numbers and operator in ('=', 'ilike', '=ilike', 'in'):
            return [(field.name, 'in', numbers)]
        return None
    if field.type == 'selection':
        env = model.env if model.env.lang else model.with_context(
            lang=model.env.user.lang or 'fr_FR').env
        keys = [key for key, label in field._description_selection(env)
                if _label_matches(key, label or '', operator, texts)]
        return [(field.name, 'in', keys)] if keys else None
    if field.type == 'date':
        periods = [period_of(t) for t in texts] if operator in ('=', 'ilike', 'in') else []
        domains = [['&', (field.name, '>=', fields.Date.to_string(start)),
                    (field.name, '<', fields.Date.to_string(end))]
                   for start, end in filter(None, periods)]
        return expression.OR(domains) if domains else None
    return [(field.name, operator, name)]


class AsrNameSearchMixin(models.AbstractModel):
    """A record picker (many2one) finds an ASR record by what its user knows of it: its name,
    its reference or code, its parent's name or reference (a lot by its market's name, a
    clause by CL-00012 or the school's name...).

    Each model declares the paths searched in ``_asr_name_search_fields``: stored fields,
    dotted through a many2one for a parent, so that the search is one SQL query (after one
    query per parent for all its fields, as the ORM does with a dotted path) under the
    user's access rights (or those of ``name_get_uid``) and record rules. Extensions in
    other addons add their paths (e.g. the clause's code). Integers match a number typed,
    selections their label in the user's language, dates a day, month or year written in
    French. A negative operator ('not ilike', '!=', 'not in') finds the records that none
    of the paths matches.
    """

    _name = 'asr.name.search.mixin'
    _description = 'Search of the ASR records by name, reference, code and parent'

    # paths searched by name_search; the union over the model's extensions
    _asr_name_search_fields = ()

    @api.model
    def _asr_name_search_paths(self):
        paths = []
        for cls in reversed(type(self).__mro__):
            for path in cls.__dict__.get('_asr_name_search_fields') or ():
                if path not in paths:
                    paths.append(path)
        return paths

    @api.model
    def _asr_name_search_domain(self, name, operator, access_rights_uid=None):
        """The domain of the records that ``name`` designates with ``operator``."""
        domain = _paths_domain(self, self._asr_name_search_paths(),
                               NEGATIVE.get(operator, operator), name,
                               access_rights_uid) or expression.FALSE_DOMAIN
        if operator in NEGATIVE:
            # none of the paths matches: a NULL parent or field matches none either
            matching = self.with_context(active_test=False)._search(
                domain, order='id', access_rights_uid=access_rights_uid)
            return [('id', 'not in', matching)]
        return domain

    @api.model
    def _asr_name_search_ids(self, name='', args=None, operator='ilike', limit=100,
                             access_rights_uid=None):
        domain = expression.normalize_domain(list(args or []))
        if name or operator != 'ilike':
            domain = expression.AND([
                domain, self._asr_name_search_domain(name, operator, access_rights_uid)])
        return self._search(domain, limit=limit, access_rights_uid=access_rights_uid)

    @api.model
    def _name_search(self, name='', args=None, operator='ilike', limit=100, name_get_uid=None):
        if (not self._asr_name_search_paths()
                or NEGATIVE.get(operator, operator) not in POSITIVE):
            return super(AsrNameSearchMixin, self)._name_search(
                name=name, args=args, operator=operator, limit=limit, name_get_uid=name_get_uid)
        # as Odoo's: the ids under the user's record rules, named by name_get_uid if given
        access_rights_uid = name_get_uid or self._uid
        ids = self._asr_name_search_ids(name, args, operator, limit, access_rights_uid)
        return self.browse(ids).sudo(access_rights_uid).name_get()

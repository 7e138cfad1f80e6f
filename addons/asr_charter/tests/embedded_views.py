"""Reading the one2many fields of a form view as the web client does (helpers of the tests,
not a test module): which list and which form it shows for each line, and how the inverse
field (the parent) appears in them."""
import json
import re

from lxml import etree

VIEW_REF = re.compile(r"'([a-z]*_view_ref)' *: *'(.*?)'")
# the chatter's widgets show followers, messages and activities: no list nor form of lines
CHATTER = ('mail_followers', 'mail_thread', 'mail_activity')


def modifiers(node):
    return json.loads(node.get('modifiers') or '{}')


def field_nodes(arch, name=None):
    """The top-level field nodes of an arch returned by fields_view_get (the inline sub-views
    of x2many fields are not in it: they are in ``fields[name]['views']``)."""
    root = etree.fromstring(arch)
    return [node for node in root.iter('field') if name is None or node.get('name') == name]


def embedded_one2many(env, model, view_id=None):
    """For each one2many field of the form view of ``model``: a dict with its name, the
    comodel, the inverse field, the field node's modifiers, and the arch (and fields) of the
    list and of the form the web client opens for its lines: inline, given by a
    ``*_view_ref`` key of the field's context (as the web client reads it), or the comodel's
    default view."""
    view = env[model].fields_view_get(view_id=view_id, view_type='form')
    result = []
    for node in field_nodes(view['arch']):
        info = view['fields'].get(node.get('name'))
        if not info or info['type'] != 'one2many' or node.get('widget') in CHATTER:
            continue
        refs = dict(VIEW_REF.findall(node.get('context') or ''))
        inline = info.get('views') or {}
        embedded = {'name': node.get('name'), 'comodel': info['relation'],
                    'inverse': info.get('relation_field'), 'modifiers': modifiers(node),
                    'form_view_ref': refs.get('form_view_ref'),
                    'readonly': info.get('readonly')}
        for kind in ('tree', 'form'):
            if kind in inline:
                sub = inline[kind]
            else:
                ref = refs.get('%s_view_ref' % kind)
                sub = env[info['relation']].fields_view_get(
                    view_id=env.ref(ref).id if ref else None, view_type=kind)
            embedded[kind] = sub
        result.append(embedded)
    return result


def inverse_problems(embedded):
    """What keeps the web client from saving a new line of ``embedded`` before its parent:
    the inverse field shown to be typed (visible, or required) in the list or the form, and
    the columns of a list opening a form that the form does not know (the web client sends
    them back, readonly or not)."""
    if embedded['modifiers'].get('readonly') is True or embedded.get('readonly') is True:
        return []  # no line is created there
    problems = []
    inverse = embedded['inverse']
    tree = embedded['tree']
    editable = bool(etree.fromstring(tree['arch']).get('editable'))
    for node in field_nodes(tree['arch'], inverse) if inverse else ():
        if not modifiers(node).get('column_invisible'):
            problems.append('%s: list shows %s' % (embedded['name'], inverse))
    if editable:
        return problems
    form = embedded['form']
    for node in field_nodes(form['arch'], inverse) if inverse else ():
        mods = modifiers(node)
        if mods.get('invisible') is not True or mods.get('required'):
            problems.append('%s: form shows %s to be typed (%s)' % (
                embedded['name'], inverse, mods))
    form_fields = {node.get('name') for node in field_nodes(form['arch'])}
    for node in field_nodes(tree['arch']):
        if node.get('name') not in form_fields:
            problems.append('%s: column %s missing from the form' % (
                embedded['name'], node.get('name')))
    return problems

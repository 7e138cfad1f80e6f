"""Every string a user reads is translated: no term of an addon's French .po is left empty or
fuzzy (scripts/i18n.py adds new terms with an empty translation)."""
import ast
import glob
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def po_entries(path):
    """(flags, msgid, msgstr) of each entry of a .po file; obsolete entries (#~) skipped."""
    entries, flags, current, key = [], set(), {}, None

    def close():
        if 'msgid' in current:
            entries.append((frozenset(flags), current['msgid'], current.get('msgstr', '')))

    with open(path, encoding='utf-8') as handle:
        for raw in handle:
            line = raw.strip()
            if not line:
                close()
                flags, current, key = set(), {}, None
            elif line.startswith('#,'):
                flags.update(flag.strip() for flag in line[2:].split(','))
            elif line.startswith('#'):
                continue
            elif line.startswith(('msgid ', 'msgstr ')):
                key, _space, value = line.partition(' ')
                current[key] = ast.literal_eval(value)
            elif line.startswith('"') and key:
                current[key] += ast.literal_eval(line)
    close()
    return entries


def untranslated(path):
    return [msgid for flags, msgid, msgstr in po_entries(path)
            if msgid and (not msgstr.strip() or 'fuzzy' in flags)]


def test_po_parser_finds_empty_and_fuzzy_terms(tmp_path):
    po = tmp_path / 'fr.po'
    po.write_text('msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
                  '#. module: asr_test\nmsgid "Closed"\nmsgstr "Clôturée"\n\n'
                  'msgid "Open"\nmsgstr ""\n\n'
                  '#, fuzzy\nmsgid "Draft"\nmsgstr "Brouillon"\n\n'
                  'msgid ""\n"Two "\n"lines"\nmsgstr ""\n"Deux "\n"lignes"\n\n'
                  '#~ msgid "Old"\n#~ msgstr ""\n', encoding='utf-8')
    assert untranslated(str(po)) == ['Open', 'Draft']


def test_every_french_po_is_complete():
    paths = sorted(glob.glob(os.path.join(ROOT, 'addons', '*', 'i18n', 'fr.po')))
    assert len(paths) >= 4, paths
    missing = ['%s: %r' % (os.path.relpath(path, ROOT), msgid)
               for path in paths for msgid in untranslated(path)]
    assert not missing, '%d terms without French:\n%s' % (len(missing), '\n'.join(missing))

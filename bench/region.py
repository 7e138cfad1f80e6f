"""A regional-scale ASR database for benchmarks, built in minutes (never part of the tests).

    .venv/bin/python bench/region.py --database asr_region [--scale 1.0] [--seed 1] [--reset]

At scale 1.0: 10 charters in force (each with its territory, towns, facilitator structure and
its contact, employment actors and IAE network as members, its own monthly hour cap and
validity of eligibility), about 2,500 validated markets, 5,250 awarded lots, 5,000 insertion
clauses in execution and 250 closed ones (plus social award criteria on some lots), 3,000
contractors with their contact and 210 inclusive structures (valid SIRET), 60,000 people
validated eligible with their criteria, 1.5 million monthly hour entries from 2021-11 to 2026-10
(every modality, subcontracting converted into hours by ``rules.hours.amount_to_hours``; mostly
validated, about 3,800 waiting, some rejected), and the monthly report of every clause-month
(mostly received, some late). Users (password = login): ``bench_admin`` (ASR manager and
personal data, named on every charter), ``bench_buyer`` (ASR buyer, in charge of the markets of
charters 1 and 2), ``bench_staff`` (personal data, staff of the facilitator of charter 1 and
named on it) and ``bench_fac01``..``bench_fac20`` (portal facilitators, two per charter).

The database is created when missing (``scripts/db.py``: the four addons, French, no demo
data); one that already holds ASR data is refused unless ``--reset`` (dropped and created
again). The charters and the users go through the ORM (a few records); everything else is
written with PostgreSQL COPY, table by table in dependency order, ids taken from the tables'
sequences, every stored column filled as the ORM would (defaults of the fields, stored computed
and related fields computed with the models' own rules), the foreign keys and indexes of the
big tables dropped during the COPY and created again afterwards (which validates every key).
Bulk records get no chatter message, follower nor access-log row.

The controls of the hour entries (rules/controls.py) hold by construction: first day of the
month, inside the clause's contract, the person of the clause's charter and eligible that
month, at most the charter's monthly cap per person and month, no duplicate key among the
entries that are not rejected, charter, contractor and company of the clause. After the load
``asr.hour.entry._asr_refresh_figures()`` (when the model has it) fills the clause totals and
the figure tables, then the script checks the data: global SQL checks of those controls on
every entry, and on a random sample of each model the stored computed fields against what
the ORM computes, the python constraints (``_validate_fields``) and the controls of the
entries (``_asr_controls``). Mismatches are printed and the exit status is 1 (the data is
committed before the checks: inspect it, then build again with ``--reset``). Last, VACUUM
ANALYZE, the timings, the row counts and the size of the database.
"""
import argparse
import datetime
import io
import os
import random
import re
import shutil
import subprocess
import sys
import time
from collections import defaultdict

import odoo
from odoo import SUPERUSER_ID, api

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODULES = 'asr_charter,asr_clauses,asr_beneficiaries,asr_reporting'
PROTECTED = re.compile(r'^(asr_demo$|asr_try|asr_test|asr_portal)')
FIRST_MONTH = datetime.date(2021, 11, 1)
MONTHS = 60  # 2021-11 .. 2026-10
LAST = MONTHS - 1
MAGIC = ('id', 'create_uid', 'create_date', 'write_uid', 'write_date')
CONTEXT = {'lang': 'fr_FR', 'tracking_disable': True, 'mail_create_nolog': True,
           'mail_create_nosubscribe': True, 'mail_notrack': True, 'no_reset_password': True}

# sizes at scale 1.0
EXEC_CLAUSES = 5000
CLOSED_CLAUSES = 250
PEOPLE = 60000
ENTRIES = 1500000
WAITING = 3800
CONTRACTORS = 3000
SUBCONTRACTING_SHARE = 0.03
REJECTED_SHARE = 0.006
AWARD_CRITERION_SHARE = 0.08
SAMPLE = 30

# the charters: weight (share of the region), territory, department, hourly cost, monthly cap,
# validity of eligibility (months), level-2 criteria required, report due day
CHARTERS = [
    (1.6, "Métropole des Rives de Seine", '76', 35.0, 208.0, 24, 1, 10),
    (1.4, "Communauté urbaine Plaine et Marne", '94', 32.0, 208.0, 36, 2, 10),
    (1.2, "Agglomération Lys et Deûle", '59', 30.0, 208.0, 36, 1, 15),
    (1.1, "Eurométropole du Rhin moyen", '67', 33.0, 180.0, 24, 1, 10),
    (1.0, "Territoire Loire Océan", '44', 28.0, 208.0, 36, 2, 5),
    (0.9, "Grand Lyon Sud", '69', 34.0, 208.0, 48, 1, 10),
    (0.8, "Agglomération Garonne Sud", '31', 31.0, 208.0, 24, 1, 12),
    (0.7, "Métropole Azur Littoral", '06', 30.0, 169.0, 36, 2, 10),
    (0.7, "Agglomération du Val d'Allier", '63', 29.0, 208.0, 48, 1, 10),
    (0.6, "Pays basque intérieur", '64', 35.0, 208.0, 36, 1, 20),
]
TOWNS = ["Saint-Exemple", "Villefictive", "Bourg-Modèle", "Champ-Témoin", "Pont-Essai",
         "Val-Prototype", "Mont-Maquette", "Port-Échantillon", "Lac-Démo", "Bois-Fictif"]
FIRST_NAMES = [
    'Camille', 'Yanis', 'Inès', 'Karim', 'Léa', 'Moussa', 'Nadia', 'Hugo', 'Aïcha', 'Thomas',
    'Sarah', 'Ousmane', 'Lou', 'Mamadou', 'Bilal', 'Yasmine', 'Julien', 'Fatou', 'Kevin',
    'Manon', 'Mohamed', 'Emma', 'Lucas', 'Chloé', 'Mehdi', 'Jade', 'Nathan', 'Amina', 'Théo',
    'Sofia', 'Rayan', 'Clara', 'Adama', 'Louise', 'Samir', 'Zoé', 'Ibrahima', 'Alice',
    'Dylan', 'Maëlys', 'Enzo', 'Salomé', 'Walid', 'Océane', 'Jordan', 'Mariam', 'Loïc',
    'Awa', 'Anthony', 'Kenza', 'Nicolas', 'Lina', 'Sébastien', 'Rokia', 'Maxime', 'Célia',
    'Hamza', 'Laura', 'Stéphane', 'Assia']
LAST_NAMES = [
    'Exemple', 'Fictif', 'Démo', 'Essai', 'Prototype', 'Témoin', 'Spécimen', 'Factice',
    'Modèle', 'Placebo', 'Semblant', 'Imaginaire', 'Échantillon', 'Maquette', 'Esquisse',
    'Brouillon', 'Copie', 'Calque', 'Patron', 'Gabarit', 'Ébauche', 'Épreuve', 'Reflet',
    'Simulacre', 'Fantaisie', 'Chimère', 'Mirage', 'Songe', 'Fable', 'Conte', 'Légende',
    'Mythe', 'Rêverie', 'Illusion', 'Apparence', 'Figure', 'Portrait', 'Silhouette', 'Ombre',
    'Profil', 'Croquis', 'Dessin', 'Tracé', 'Schéma', 'Plan', 'Projet', 'Canevas', 'Trame',
    'Motif', 'Thème', 'Sujet', 'Objet', 'Article', 'Pièce', 'Unité', 'Numéro', 'Indice',
    'Repère', 'Jalon', 'Borne', 'Balise', 'Signet', 'Marque', 'Trace', 'Empreinte', 'Sillage',
    'Vestige', 'Fragment', 'Éclat', 'Parcelle', 'Miette', 'Grain', 'Atome', 'Point', 'Virgule',
    'Accent', 'Tilde', 'Cédille', 'Tréma', 'Apostrophe']
QPV_NAMES = ["Les Hautes Noues", "Bois l'Abbé", "Chantereine", "Petit Pré – Sablières",
             "Mont-Mesly – La Habette", "Les Bleuets", "La Source", "Les Tilleuls"]
REJECT_REASONS = [
    "Heures en double avec le relevé du mois.",
    "Contrat de travail non fourni au facilitateur.",
    "Heures au-delà du contrat de mission transmis.",
    "Personne absente du chantier ce mois-ci selon le relevé de l'entreprise."]
WORKS_OBJECTS = ["Réhabilitation du groupe scolaire", "Construction d'une médiathèque",
                 "Rénovation énergétique de logements", "Aménagement des espaces publics",
                 "Extension du centre technique", "Réfection de la voirie",
                 "Construction d'un gymnase", "Restructuration de l'hôtel de ville"]
SERVICE_OBJECTS = {'trade_green_spaces': "Entretien des espaces verts",
                   'trade_cleaning': "Nettoyage des locaux et des espaces extérieurs"}
WORKS_TRADES = ('trade_structural_work', 'trade_masonry', 'trade_interior_painting',
                'trade_metal_frames', 'trade_plumbing', 'trade_electricity', 'trade_roads')
# modalities of the people's entries, weighted as in the demo data
MODALITY_WEIGHTS = [('cdi', 43), ('cdd', 46), ('professionalisation', 31),
                    ('apprenticeship', 36), ('etti', 18), ('ai', 33), ('geiq', 26),
                    ('temp_agency', 22), ('training', 5)]
# employer of each modality: None = the lot's contractor, else a kind of inclusive structure
EMPLOYER_KIND = {'etti': 'etti', 'ai': 'ai', 'geiq': 'geiq', 'temp_agency': 'temp',
                 'subcontracting_siae': 'siae', 'subcontracting_esat': 'esat',
                 'subcontracting_ea': 'ea'}
# inclusive structures of each charter: (kind of employer, asr_structure_kind, count, label)
STRUCTURES = [('etti', 'etti', 3, "Tremplin Intérim Insertion"), ('ai', 'ai', 3,
              "Association intermédiaire"), ('geiq', 'geiq', 2, "GEIQ BTP"),
              ('temp', None, 3, "Intérim Express"), ('siae', 'aci', 3, "Jardins solidaires"),
              ('siae', 'ei', 3, "Entreprise d'insertion"), ('esat', 'esat', 2, "ESAT"),
              ('ea', 'ea', 2, "Entreprise adaptée")]
SIAE_KINDS = ('aci', 'ai', 'ei', 'etti', 'eiti')
CRITERIA_LEVEL1 = [('rsa', 40), ('detld', 30), ('ass', 15), ('aah', 15)]
PROOF_OF = {'rsa': 'caf', 'aah': 'caf', 'ass': 'ass', 'detld': 'france_travail',
            'deld': 'france_travail', 'rqth': 'mdph', 'jeune': 'mission_locale',
            'pass_iae': 'pass_iae', 'plie': 'plie', 'qpv': 'address',
            'senior': 'france_travail'}


def log(text):
    print(text, flush=True)


# -- dates -----------------------------------------------------------------------------------
def month_start(index):
    """First day of the month ``index`` months after 2021-11 (negative before)."""
    years, month = divmod(FIRST_MONTH.month - 1 + index, 12)
    return datetime.date(FIRST_MONTH.year + years, month + 1, 1)


def month_end(index):
    return month_start(index + 1) - datetime.timedelta(days=1)


def month_index(day):
    return (day.year - FIRST_MONTH.year) * 12 + day.month - FIRST_MONTH.month


def stamp(day, rng, hour_from=8, hour_to=18):
    """A timestamp on ``day`` (a date) during office hours, as the ORM stores it (UTC)."""
    return datetime.datetime(day.year, day.month, day.day, rng.randint(hour_from, hour_to - 1),
                             rng.randint(0, 59), rng.randint(0, 59))


def weighted(rng, pairs):
    total = sum(weight for _value, weight in pairs)
    pick = rng.uniform(0, total)
    for value, weight in pairs:
        pick -= weight
        if pick <= 0:
            return value
    return pairs[-1][0]


def spread(total, weights, minimum=0):
    """``total`` split along ``weights`` (largest remainders), at least ``minimum`` each."""
    norm = float(sum(weights))
    raw = [max(minimum, total * w / norm) for w in weights]
    parts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[:max(0, total - sum(parts))]:
        parts[i] += 1
    return parts


# -- COPY --------------------------------------------------------------------------------------
ESCAPES = str.maketrans({'\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r'})


def fmt(value):
    """A value in PostgreSQL's COPY text format (None is NULL, booleans t/f)."""
    if value is None:
        return '\\N'
    if value is True:
        return 't'
    if value is False:
        return 'f'
    if isinstance(value, str):
        return value.translate(ESCAPES)
    return str(value)


def table_columns(cr, table):
    cr.execute("""SELECT column_name FROM information_schema.columns
                  WHERE table_schema = current_schema() AND table_name = %s""", (table,))
    return {row[0] for row in cr.fetchall()}


def reserve_ids(cr, table, count):
    """The first of ``count`` consecutive ids taken from the table's sequence."""
    if not count:
        return 0
    cr.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", (table,))
    first = cr.fetchone()[0]
    cr.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", (table, first + count - 1))
    return first


class Copier(object):
    """COPY into the table of ``model``: the explicit ``columns`` of each row, then every other
    stored column that has a default, with the value the ORM's create gives it."""

    def __init__(self, env, model, columns, table=None):
        self.cr = env.cr
        self.table = table or env[model]._table
        existing = table_columns(self.cr, self.table)
        unknown = [c for c in columns if c not in existing]
        if unknown:
            raise SystemExit('%s has no column %s: is the database up to date with the code? '
                             '(--reset)' % (self.table, ', '.join(unknown)))
        extra = []
        if model:
            Model = env[model]
            names = [name for name, field in Model._fields.items()
                     if field.store and field.column_type and name in existing
                     and name not in columns and name not in MAGIC]
            for name, value in sorted(Model.default_get(names).items()):
                field = Model._fields[name]
                if field.type in ('one2many', 'many2many'):
                    continue
                extra.append((name, field.convert_to_column(value, Model)))
        self.columns = list(columns) + [name for name, _value in extra]
        self.suffix = ''.join('\t' + fmt(value) for _name, value in extra)
        self.count = 0

    def copy(self, rows, chunk=200000):
        started = time.perf_counter()
        buf = io.StringIO()
        pending = 0
        sql = 'COPY %s (%s) FROM STDIN' % (self.table, ', '.join('"%s"' % c for c in self.columns))
        suffix = self.suffix + '\n'
        for row in rows:
            buf.write('\t'.join([fmt(v) for v in row]) + suffix)
            pending += 1
            if pending >= chunk:
                self._flush(sql, buf)
                self.count += pending
                buf, pending = io.StringIO(), 0
        if pending:
            self._flush(sql, buf)
            self.count += pending
        seconds = time.perf_counter() - started
        log('  %s: %d rows written (COPY) in %.1f s' % (self.table, self.count, seconds))
        return self.count

    def _flush(self, sql, buf):
        buf.seek(0)
        self.cr._obj.copy_expert(sql, buf)


class Detached(object):
    """Drop the foreign keys, unique constraints and indexes of ``table`` (not its primary key)
    for a bulk COPY, and create them again exactly as they were afterwards (which validates
    every foreign key and unique constraint)."""

    def __init__(self, cr, table):
        self.cr, self.table = cr, table

    def __enter__(self):
        cr = self.cr
        cr.execute("""SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
                      WHERE conrelid = %s::regclass AND contype IN ('f', 'u')""", (self.table,))
        self.constraints = cr.fetchall()
        cr.execute("""SELECT c.relname, pg_get_indexdef(i.indexrelid)
                      FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                      WHERE i.indrelid = %s::regclass AND NOT EXISTS (
                          SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)""",
                   (self.table,))
        self.indexes = cr.fetchall()
        for name, _definition in self.constraints:
            cr.execute('ALTER TABLE "%s" DROP CONSTRAINT "%s"' % (self.table, name))
        for name, _definition in self.indexes:
            cr.execute('DROP INDEX "%s"' % name)
        return self

    def __exit__(self, kind, value, traceback):
        if kind is not None:
            return False
        started = time.perf_counter()
        for _name, definition in self.indexes:
            self.cr.execute(definition)
        for name, definition in self.constraints:
            self.cr.execute('ALTER TABLE "%s" ADD CONSTRAINT "%s" %s'
                            % (self.table, name, definition))
        log('  %s: %d indexes and %d foreign keys or unique constraints created again in '
            '%.1f s' % (self.table, len(self.indexes), len(self.constraints),
                        time.perf_counter() - started))
        return False


# -- database ----------------------------------------------------------------------------------
def database_state(name):
    """None when the database is missing, else a dict: whether the ASR addons are installed,
    and how many ASR records it holds."""
    with odoo.sql_db.db_connect('postgres').cursor() as cr:
        cr.execute('SELECT 1 FROM pg_database WHERE datname = %s', (name,))
        if not cr.fetchone():
            return None
    with odoo.sql_db.db_connect(name).cursor() as cr:
        cr.execute("SELECT to_regclass('asr_hour_entry'), to_regclass('ir_module_module')")
        has_tables, has_modules = cr.fetchone()
        installed = False
        if has_modules:
            cr.execute("""SELECT count(*) FROM ir_module_module
                          WHERE name IN %s AND state = 'installed'""",
                       (tuple(MODULES.split(',')),))
            installed = cr.fetchone()[0] == len(MODULES.split(','))
        records = {}
        if has_tables:
            for label, query in (
                    ('charters', 'SELECT count(*) FROM asr_charter'),
                    ('markets', 'SELECT count(*) FROM asr_market'),
                    ('people', 'SELECT count(*) FROM asr_beneficiary'),
                    ('hour entries', 'SELECT count(*) FROM asr_hour_entry'),
                    ('bench users', "SELECT count(*) FROM res_users WHERE login LIKE 'bench\\_%'")):
                cr.execute(query)
                count = cr.fetchone()[0]
                if count:
                    records[label] = count
    return {'installed': installed, 'records': records}


def drop_database(name):
    """Drop the database and its filestore (Odoo's exp_drop refuses while list_db is off)."""
    odoo.modules.registry.Registry.delete(name)
    odoo.sql_db.close_db(name)
    with odoo.sql_db.db_connect('postgres').cursor() as cr:
        cr.autocommit(True)
        cr.execute('DROP DATABASE "%s" WITH (FORCE)' % name)
    filestore = odoo.tools.config.filestore(name)
    if os.path.exists(filestore):
        shutil.rmtree(filestore)


def create_database(config, name):
    path = os.path.join(ROOT, '.run', 'region-%s-create.log' % name)
    log('[region] creating %s (scripts/db.py, log in %s)' % (name, os.path.relpath(path, ROOT)))
    with open(path, 'w') as out:
        done = subprocess.run(
            [sys.executable, os.path.join(ROOT, 'scripts', 'db.py'), config, name,
             '--modules', MODULES, '--lang', 'fr_FR'], cwd=ROOT, stdout=out,
            stderr=subprocess.STDOUT)
    if done.returncode:
        with open(path) as out:
            tail = out.read()[-3000:]
        raise SystemExit('%s\n[region] scripts/db.py failed (exit %s), see %s'
                         % (tail, done.returncode, path))


def prepare_database(args):
    if PROTECTED.match(args.database):
        raise SystemExit('[region] %s is a database of the demo or of the tests: choose another '
                         'name (e.g. asr_region)' % args.database)
    state = database_state(args.database)
    if state is not None and (state['records'] or not state['installed']):
        if not args.reset:
            why = ('already holds ASR data (%s)' % ', '.join(
                '{:,} {}'.format(n, label) for label, n in state['records'].items())
                if state['records'] else 'does not have the ASR addons installed')
            raise SystemExit('[region] the database %s %s: run again with --reset to drop it and '
                             'build it anew' % (args.database, why))
        log('[region] dropping %s (--reset)' % args.database)
        drop_database(args.database)
        state = None
    if state is None:
        create_database(args.config, args.database)
    else:
        log('[region] %s exists with the addons and no ASR data: filling it' % args.database)


# -- the ORM part: charters and users -----------------------------------------------------------
class Region(object):
    """Everything generated, with the ids given to it."""

    def __init__(self, env, scale, seed, rules):
        self.env = env
        self.cr = env.cr
        self.scale = scale
        self.seed = seed
        self.rules = rules
        self.rng = random.Random(seed)
        self.today = datetime.date.today()
        self.now = datetime.datetime.utcnow().replace(microsecond=0)
        self.counts = {}
        self.refreshed = False

    # -- helpers --
    def ref(self, xmlid):
        return self.env.ref(xmlid).id

    def siret(self):
        """A new valid SIRET: SIREN (Luhn over 9 digits) + NIC (Luhn over the 14 digits)."""
        from stdnum import luhn
        rng = self.rng
        while True:
            siren = '%08d' % rng.randint(10000000, 99999999)
            siren += luhn.calc_check_digit(siren)
            body = siren + '%04d' % rng.randint(0, 9999)
            number = body + luhn.calc_check_digit(body)
            if number not in self.sirets and not number.startswith('356000000'):
                self.sirets.add(number)
                return self.rules['clean_siret'](number)

    # -- charters, their partners and members, users (ORM) --
    def build_charters(self):
        env, rng = self.env, self.rng
        Partner = env['res.partner']
        fr = self.ref('base.fr')
        self.country_fr = fr
        self.charters = []
        self.sirets = set()
        for index, spec in enumerate(CHARTERS, 1):
            weight, territory, dept, cost, cap, validity, level2, due_day = spec
            short = territory.split(' ', 1)[1] if ' ' in territory else territory
            zip_code = '%s%03d' % (dept, rng.randint(0, 99) * 10)
            territory_p = Partner.create({'name': '%s (fictive)' % territory, 'is_company': True,
                                          'zip': zip_code, 'country_id': fr})
            towns = [Partner.create({
                'name': 'Ville de %s-%s (fictive)' % (TOWNS[(index + k) % 10], dept),
                'is_company': True, 'country_id': fr,
                'zip': '%s%03d' % (dept, rng.randint(1, 99) * 10)}) for k in range(3)]
            facilitator = Partner.create({
                'name': 'Maison de l\'emploi %s (facilitateur, fictif)' % short,
                'is_company': True, 'zip': zip_code, 'country_id': fr,
                'comment': "Structure facilitatrice des clauses sociales du territoire."})
            contact = Partner.create({
                'name': 'Facilitatrice %02d' % index, 'parent_id': facilitator.id,
                'function': 'Facilitatrice des clauses sociales',
                'email': 'facilitation%02d@bench.example' % index})
            network = Partner.create({'name': 'Réseau IAE %s (fictif)' % short,
                                      'is_company': True, 'country_id': fr})
            france_travail = Partner.create({'name': 'France Travail %s (fictif)' % short,
                                             'is_company': True, 'country_id': fr})
            act_date = datetime.date(2019 + index % 3, 1 + (index * 5) % 12, 5 + index)
            act = str(act_date)
            members = [
                (0, 0, {'partner_id': territory_p.id, 'role': 'public_buyer',
                        'membership': 'signatory', 'date_join': act}),
                (0, 0, {'partner_id': facilitator.id, 'contact_id': contact.id,
                        'role': 'facilitator', 'membership': 'signatory', 'date_join': act}),
                (0, 0, {'partner_id': facilitator.id, 'role': 'employment_actor',
                        'employment_kind': 'plie', 'date_join': act}),
                (0, 0, {'partner_id': france_travail.id, 'role': 'employment_actor',
                        'employment_kind': 'france_travail', 'date_join': act}),
                (0, 0, {'partner_id': network.id, 'role': 'iae_network', 'date_join': act}),
            ] + [(0, 0, {'partner_id': town.id, 'role': 'public_buyer',
                         'membership': 'signatory',
                         'date_join': str(act_date + datetime.timedelta(days=90 * k))})
                 for k, town in enumerate(towns)]
            charter = env['asr.charter'].create({
                'name': "Charte achat socialement responsable — %s (bench %02d)"
                        % (territory, index),
                'territory_id': territory_p.id, 'act_number': 'CT%s.%d/%03d' % (
                    act_date.year, index, 100 + index), 'act_date': act,
                'hourly_cost': cost, 'insertion_rate': 5.0, 'insertion_rate_proximity': 10.0,
                'penalty_rate_missing_hour': 17.82, 'penalty_rate_late_day': 50.0,
                'report_due_day': due_day, 'penalty_cap_percent': 10.0,
                'eligibility_validity_months': validity,
                'eligibility_level2_required': level2, 'monthly_hour_cap': cap,
                'member_ids': members})
            charter.action_adopt()
            charter.action_put_in_force()
            charter.write({'date_in_force': str(act_date + datetime.timedelta(days=21))})
            self.charters.append({
                'index': index, 'id': charter.id, 'weight': weight, 'dept': dept,
                'short': short, 'cost': cost, 'cap': cap, 'validity': validity,
                'level2': level2, 'due_day': due_day, 'rate': 5.0, 'rate_gup': 10.0,
                'missing_hour': 17.82, 'late_day': 50.0, 'penalty_cap': 10.0,
                'retention': charter.retention_years,
                'buyers': [territory_p.id] + [t.id for t in towns],
                'facilitator': facilitator.id, 'contact': contact.id,
                'company': charter.company_id.id})

    def build_users(self):
        env = self.env
        Users = env['res.users']
        Partner = env['res.partner']
        group = self.ref

        def user(login, name, groups, parent=None):
            partner = Partner.create({'name': name, 'parent_id': parent,
                                      'email': '%s@bench.example' % login})
            return Users.create({'login': login, 'password': login, 'partner_id': partner.id,
                                 'lang': 'fr_FR', 'groups_id': [(6, 0, groups)]}).id

        first = self.charters[0]
        self.admin = user('bench_admin', 'Bench Responsable', [
            group('asr_charter.group_asr_manager'),
            group('asr_beneficiaries.group_asr_personal_data')])
        self.buyer = user('bench_buyer', 'Bench Acheteuse', [group('asr_charter.group_asr_buyer')])
        self.staff = user('bench_staff', 'Bench Suivi', [
            group('asr_beneficiaries.group_asr_personal_data')], first['facilitator'])
        self.facilitators = {}
        for number in range(1, 21):
            charter = self.charters[(number - 1) % len(self.charters)]
            uid = user('bench_fac%02d' % number, 'Bench Facilitateur %02d' % number,
                       [group('asr_charter.group_asr_facilitator')], charter['facilitator'])
            self.facilitators.setdefault(charter['id'], []).append(uid)
        # the opinions on the markets are signed by the first facilitator of the charter
        self.facilitator_partner = {
            c['id']: Users.browse(self.facilitators[c['id']][0]).partner_id.id
            for c in self.charters}
        Charter = env['asr.charter']
        for charter in self.charters:
            users = [self.admin] + ([self.staff] if charter is first else [])
            Charter.browse(charter['id']).write({'personal_data_user_ids': [(6, 0, users)]})
            charter['checkers'] = self.facilitators[charter['id']] + (
                [self.staff] if charter is first else [])
            charter['market_user'] = self.buyer if charter['index'] <= 2 else self.admin

    # -- partners: contractors and their contact, inclusive structures (COPY) --
    def plan_partners(self):
        rng = self.rng
        count = max(20, int(round(CONTRACTORS * self.scale)))
        homes = spread(count, [c['weight'] for c in self.charters], minimum=2)
        first_id = reserve_ids(self.cr, 'res_partner', 2 * count + sum(
            n for _e, _k, n, _l in STRUCTURES) * len(self.charters))
        next_id = [first_id]

        def new_id():
            next_id[0] += 1
            return next_id[0] - 1

        prefixes = ['Bâtival', 'Constructa', 'Rénov', 'Ouvrages', 'Travaux', 'Génie', 'Entreprise',
                    'Atelier', 'Compagnie', 'Société']
        trades = ['Construction', 'Bâtiment', 'Peinture', 'Électricité', 'Plomberie',
                  'Menuiserie', 'Voirie', 'Espaces verts', 'Propreté', 'Maçonnerie']
        self.partner_rows = []
        self.contractors = defaultdict(list)  # charter id -> [(partner id, contact id)]
        self.structures = defaultdict(lambda: defaultdict(list))  # charter -> kind -> ids
        day0 = datetime.date(2020, 6, 1)
        number = 0
        for charter, n in zip(self.charters, homes):
            for _k in range(n):
                number += 1
                pid, cid = new_id(), new_id()
                name = '%s %s %s %04d (fictif)' % (rng.choice(prefixes), rng.choice(trades),
                                                   charter['short'].split()[-1], number)
                zip_code = '%s%03d' % (charter['dept'], rng.randint(0, 99) * 10)
                street = '%d rue des Artisans' % rng.randint(1, 120)
                created = stamp(day0 + datetime.timedelta(days=rng.randint(0, 500)), rng)
                self.partner_rows.append(self.partner_row(
                    pid, name, True, None, zip_code, street, self.siret(), None, created,
                    supplier=True))
                contact = '%s %s' % (rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))
                self.partner_rows.append(self.partner_row(
                    cid, contact, False, (pid, name), zip_code, street, None, None, created,
                    function='Référent clause sociale',
                    email='clause%04d@bench.example' % number))
                self.contractors[charter['id']].append((pid, cid))
            for employer_kind, kind, n, label in STRUCTURES:
                for k in range(n):
                    pid = new_id()
                    name = '%s %s %d (fictif)' % (label, charter['short'], k + 1)
                    created = stamp(day0 + datetime.timedelta(days=rng.randint(0, 300)), rng)
                    self.partner_rows.append(self.partner_row(
                        pid, name, True, None, '%s%03d' % (charter['dept'], rng.randint(0, 99)
                                                           * 10),
                        '%d avenue de l\'Insertion' % rng.randint(1, 80), self.siret(), kind,
                        created, supplier=True))
                    self.structures[charter['id']][employer_kind].append(pid)
        self.partner_ids = [row[0] for row in self.partner_rows]

    def partner_row(self, pid, name, is_company, parent, zip_code, street, siret, kind, created,
                    supplier=None, function=None, email=None):
        """(id, name, display_name, is_company, parent_id, commercial_partner_id,
        commercial_company_name, commercial_partner_country_id, country_id, zip, street, city,
        asr_siret, asr_structure_kind, asr_convention_start, asr_convention_end, asr_is_siae,
        asr_inclusive, partner_share, supplier, function, email, create/write uid and date)"""
        city = 'Commune %s' % zip_code
        if parent:
            parent_id, parent_name = parent
            display, commercial, company_name = '%s, %s' % (parent_name, name), parent_id, \
                parent_name
        else:
            parent_id, display, commercial, company_name = None, name, pid, name
        siae = kind in SIAE_KINDS
        start = datetime.date(2021, 1, 1) if siae else None
        end = datetime.date(2027, 12, 31) if siae else None
        return (pid, name, display, is_company, parent_id, commercial, company_name,
                self.country_fr, self.country_fr, zip_code, street, city, siret, kind, start,
                end, siae, bool(kind), True, supplier, function, email,
                self.admin, created, self.admin, created)

    PARTNER_COLUMNS = ['id', 'name', 'display_name', 'is_company', 'parent_id',
                       'commercial_partner_id', 'commercial_company_name',
                       'commercial_partner_country_id', 'country_id', 'zip', 'street', 'city',
                       'asr_siret', 'asr_structure_kind', 'asr_convention_start',
                       'asr_convention_end', 'asr_is_siae', 'asr_inclusive', 'partner_share',
                       'supplier', 'function', 'email', 'create_uid', 'create_date',
                       'write_uid', 'write_date']

    # -- markets, lots, clauses --
    def plan_markets(self):
        rng, env = self.rng, self.env
        self.trades = {}
        for data in env['ir.model.data'].search([('model', '=', 'asr.trade'),
                                                 ('module', '=', 'asr_clauses')]):
            trade = env['asr.trade'].with_context(lang='fr_FR').browse(data.res_id)
            self.trades[data.name] = (trade.id, trade.labour_share, trade.name)
        n_exec = spread(int(round(EXEC_CLAUSES * self.scale)),
                        [c['weight'] for c in self.charters], minimum=2)
        n_closed = spread(int(round(CLOSED_CLAUSES * self.scale)),
                          [c['weight'] for c in self.charters], minimum=1)
        self.clauses = []   # insertion clauses, dicts
        self.markets = []
        self.lots = []
        self.extra_clauses = []  # social award criteria
        for charter, execs, closed in zip(self.charters, n_exec, n_closed):
            specs = []
            for _k in range(execs):
                end = rng.randint(52, 86)
                duration = rng.randint(12, 60)
                specs.append((min(58, max(0, end - duration + 1)), end, 'execution'))
            for _k in range(closed):
                end = rng.randint(10, 50)
                duration = rng.randint(10, 36)
                specs.append((max(0, end - duration + 1), end, 'closed'))
            specs.sort()
            position = 0
            while position < len(specs):
                size = min(weighted(rng, [(1, 35), (2, 35), (3, 20), (4, 10)]),
                           len(specs) - position)
                self.plan_market(charter, specs[position:position + size])
                position += size
        self.thresholds = env['asr.threshold']._as_rules()
        # the clauses of each charter running in each month
        self.actives = {}
        for charter in self.charters:
            active = defaultdict(list)
            for clause in self.clauses:
                if clause['charter'] is charter:
                    for m in range(clause['start'], clause['last'] + 1):
                        active[m].append(clause)
            self.actives[charter['id']] = active

    def plan_market(self, charter, specs):
        rng = self.rng
        services = rng.random() < 0.25
        if services:
            key = rng.choice(sorted(SERVICE_OBJECTS))
            lot_trades = [key] * len(specs)
            title = SERVICE_OBJECTS[key]
        else:
            lot_trades = rng.sample(WORKS_TRADES, len(specs))
            title = rng.choice(WORKS_OBJECTS)
        first_start = month_start(min(s[0] for s in specs))
        consultation = first_start - datetime.timedelta(days=rng.randint(120, 270))
        buyer_entity = rng.choice(charter['buyers'])
        market = {
            'charter': charter, 'nature': 'services' if services else 'works',
            'service_category': 'other' if services else None,
            'procedure': 'open' if rng.random() < 0.6 else 'adapted',
            'cpv_code': ('90910000' if lot_trades[0] == 'trade_cleaning' else '77310000')
            if services else rng.choice(['45454000', '45210000', '45233000', '45262000']),
            'proximity_management': services and rng.random() < 0.3,
            'buyer_entity_id': buyer_entity, 'user_id': charter['market_user'],
            'consultation_date': consultation,
            'duration_months': max(e - s + 1 for s, e, _st in specs),
            'name': '%s — %s (n° %d)' % (title, charter['short'], len(self.markets) + 1),
            'opinion': 'favourable' if rng.random() < 0.9 else 'reserved',
            'opinion_date': consultation - datetime.timedelta(days=rng.randint(20, 40)),
            'lots': [],
        }
        market['validation_date'] = market['opinion_date'] + datetime.timedelta(
            days=rng.randint(3, 12))
        market['opinion_author'] = self.facilitator_partner[charter['id']]
        market['created'] = stamp(market['opinion_date'] - datetime.timedelta(
            days=rng.randint(30, 90)), rng)
        self.markets.append(market)
        contractors = self.contractors[charter['id']]
        others = [c for cid, lst in self.contractors.items() if cid != charter['id']
                  for c in lst] if rng.random() < 0.1 else None
        for number, ((start, end, state), trade_key) in enumerate(zip(specs, lot_trades), 1):
            trade_id, share, trade_name = self.trades[trade_key]
            partner, contact = rng.choice(others or contractors)
            date_start = month_start(start)
            award = consultation + datetime.timedelta(days=rng.randint(
                20, max(21, (date_start - consultation).days - 5)))
            lot = {'market': market, 'number': number, 'name': 'Lot %d — %s' % (number,
                                                                                trade_name),
                   'trade_id': trade_id, 'labour_share': share, 'partner_id': partner,
                   'contact_id': contact, 'date_award': award, 'date_start': date_start,
                   'date_end': month_end(end), 'start': start, 'end': end}
            market['lots'].append(lot)
            self.lots.append(lot)
            clause = {'lot': lot, 'market': market, 'charter': charter, 'state': state,
                      'start': start, 'last': min(end, LAST), 'end': end,
                      'labour_share': share, 'hourly_cost': charter['cost'],
                      'insertion_rate': charter['rate_gup'] if market['proximity_management']
                      else charter['rate'], 'realised': 0.0, 'index': len(self.clauses)}
            lot['clause'] = clause
            self.clauses.append(clause)
            if rng.random() < AWARD_CRITERION_SHARE:
                self.extra_clauses.append({'lot': lot, 'market': market, 'charter': charter,
                                           'state': state, 'labour_share': share,
                                           'hourly_cost': charter['cost'],
                                           'insertion_rate': clause['insertion_rate'],
                                           'weight': float(rng.choice([10, 15, 20, 25]))})

    # -- people and their hours --
    def plan_people(self):
        rng, rules = self.rng, self.rules
        eligibility = rules['eligibility']
        criteria = {}
        for criterion in self.env['asr.eligibility.criterion'].search([]):
            criteria[criterion.code] = (criterion.id, int(criterion.level))
        n_people = spread(int(round(PEOPLE * self.scale)), [c['weight'] for c in self.charters],
                          minimum=5)
        total_entries = int(round(ENTRIES * self.scale))
        self.n_sub = int(round(total_entries * SUBCONTRACTING_SHARE))
        person_entries = total_entries - self.n_sub
        first_id = reserve_ids(self.cr, 'asr_beneficiary', sum(n_people))
        self.people = []
        self.entries = []   # (clause, person id, month index, modality, employer, hours,
        #                      amount, source)
        pid = first_id
        mean = person_entries / float(sum(n_people))
        deficit = 0.0
        for charter, count in zip(self.charters, n_people):
            active = self.actives[charter['id']]
            clauses = [c for c in self.clauses if c['charter'] is charter]
            for _k in range(count):
                person = self.plan_person(pid, charter, criteria, eligibility, clauses)
                pid += 1
                self.people.append(person)
                # each person's share, plus part of what the previous ones could not make
                base = max(1, int(round(rng.uniform(0.4, 1.6) * mean)))
                carry = int(min(deficit, 40))
                made = self.plan_missions(person, charter, active, base + carry)
                deficit = max(0.0, deficit + base - made)
        # fill what is missing over random people (a second mission in their months)
        attempts = 0
        missing = person_entries - len(self.entries)
        while missing > 0 and attempts < 20:
            attempts += 1
            for person in rng.sample(self.people, min(len(self.people), missing)):
                charter = person['charter']
                made = self.plan_missions(person, charter, self.actives[charter['id']],
                                          min(missing, rng.randint(3, 12)))
                missing -= made
                if missing <= 0:
                    break
        self.keep_people()
        # the exact count: drop random entries that are not a person's last month
        over = len(self.entries) - person_entries
        if over > 0:
            last = {p['id']: max(p['months']) for p in self.people if p['months']}
            droppable = [i for i, e in enumerate(self.entries) if e[2] < last[e[1]]]
            dropped = set(rng.sample(droppable, min(over, len(droppable))))
            self.entries = [e for i, e in enumerate(self.entries) if i not in dropped]

    def keep_people(self):
        """Every person works at least once in a month that the nightly anonymisation keeps
        today (last entry younger than the charter's retention): extra missions from then."""
        for person in self.people:
            charter = person['charter']
            limit = self.rules['eligibility'].add_months(self.today, -12 * charter['retention'])
            first = next((m for m in range(MONTHS) if month_start(m) >= limit), LAST)
            for _attempt in range(5):
                if person['months'] and max(person['months']) >= first:
                    break
                self.plan_missions(person, charter, self.actives[charter['id']],
                                   self.rng.randint(2, 6), start=first)

    def plan_person(self, pid, charter, criteria, eligibility, clauses):
        rng = self.rng
        months = charter['validity'] if rng.random() < 0.95 else rng.choice([12, 18])
        # validated a little before a month where their charter has work (a clause running),
        # eligible at least until the third month of the period
        clause = rng.choice(clauses)
        work = rng.randint(clause['start'], clause['last'])
        v = max(-12, 3 - months, work - rng.randint(0, min(months - 1, 12)))
        validation = month_start(v) + datetime.timedelta(days=rng.randint(0, 27))
        validation = min(validation, self.today)
        validity_end = eligibility.validity_end(validation, max(months, 1))
        age = rng.randint(16, 63)
        birth = self.today - datetime.timedelta(days=int(age * 365.25) + rng.randint(30, 330))
        gender = weighted(rng, [('female', 44), ('male', 54), ('other', 2)])
        qpv = rng.random() < 0.3
        codes = set()
        if rng.random() < 0.55:
            codes.add(weighted(rng, CRITERIA_LEVEL1))
            if qpv and rng.random() < 0.5:
                codes.add('qpv')
        else:
            pool = ['deld', 'rqth', 'pass_iae', 'plie'] + (['jeune'] if age < 26 else []) + (
                ['senior'] if age >= 50 else []) + (['qpv'] if qpv else [])
            wanted = max(charter['level2'], rng.randint(1, 3))
            codes.update(rng.sample(pool, min(wanted, len(pool))))
            levels = [criteria[c][1] for c in codes]
            if not eligibility.criteria_met(levels, charter['level2']):
                codes.add(weighted(rng, CRITERIA_LEVEL1))
        levels = [criteria[c][1] for c in codes]
        assert eligibility.criteria_met(levels, charter['level2'])
        main = sorted(codes, key=lambda c: (criteria[c][1], c))[0]
        informed = validation - datetime.timedelta(days=rng.randint(0, 20))
        outcome, outcome_date = 'unknown', None
        if validity_end < self.today - datetime.timedelta(days=183):
            outcome = weighted(rng, [('employment', 40), ('training', 15), ('none', 20),
                                     ('unknown', 25)])
            if outcome != 'unknown':
                outcome_date = min(self.today, validity_end + datetime.timedelta(
                    days=rng.randint(30, 180)))
        first_name = rng.choice(FIRST_NAMES)
        last_name = rng.choice(LAST_NAMES)
        if rng.random() < 0.1:
            last_name += '-' + rng.choice(LAST_NAMES)
        return {
            'id': pid, 'charter': charter, 'first_name': first_name, 'last_name': last_name,
            'birth_date': birth, 'gender': gender,
            'zip': '%s%03d' % (charter['dept'], rng.randint(0, 99) * 10),
            'qpv_resident': qpv,
            'qpv_name': rng.choice(QPV_NAMES) if qpv and rng.random() < 0.8 else None,
            'informed_on': informed, 'criteria': sorted(criteria[c][0] for c in codes),
            'proof_kind': PROOF_OF[main], 'validation_date': validation,
            'validator': rng.choice(charter['checkers']), 'validity_months': months,
            'validity_end': validity_end, 'outcome': outcome, 'outcome_date': outcome_date,
            'e0': max(0, month_index(validation)), 'e1': min(LAST, month_index(validity_end)),
            'months': {}, 'keys': set(),
        }

    def plan_missions(self, person, charter, active, target, start=0):
        """Missions of ``person`` on clauses of their charter active in their eligible months
        (from the month ``start`` on), until ``target`` entries are made (or no room is left);
        the number made."""
        rng = self.rng
        made = 0
        cap = charter['cap']
        e0, e1 = max(start, person['e0']), person['e1']
        if e0 > e1:
            return 0
        for _attempt in range(8):
            if made >= target:
                break
            m = rng.randint(e0, e1)
            candidates = active.get(m)
            if not candidates:
                continue
            clause = rng.choice(candidates)
            last = min(e1, clause['last'], m + rng.randint(2, 14) - 1)
            modality = weighted(rng, MODALITY_WEIGHTS)
            employer = self.employer(clause, modality)
            kind = rng.random()
            base = (rng.uniform(120, 151.67) if kind < 0.2 else rng.uniform(60, 110)
                    if kind < 0.65 else rng.uniform(14, 55))
            source = weighted(rng, [('manual', 45), ('import', 40), ('portal', 15)])
            for month in range(m, last + 1):
                if made >= target:
                    break
                # rules.hours.duplicate_key: the employer counts only without a person
                key = (clause['index'], month, modality)
                if key in person['keys']:
                    continue
                used = person['months'].get(month, 0.0)
                hours = round(base * rng.uniform(0.85, 1.1) * 4) / 4.0
                room = cap - used
                if hours > room:
                    hours = int(room * 4) / 4.0
                    if hours < 7:
                        continue
                person['keys'].add(key)
                person['months'][month] = used + hours
                self.entries.append((clause, person['id'], month, modality, employer, hours,
                                     None, source))
                made += 1
        return made

    def employer(self, clause, modality):
        kind = EMPLOYER_KIND.get(modality)
        if kind is None:
            return clause['lot']['partner_id']
        return self.rng.choice(self.structures[clause['charter']['id']][kind])

    def plan_subcontracting(self):
        rng = self.rng
        amount_to_hours = self.rules['amount_to_hours']
        weights = [(clause, clause['last'] - clause['start'] + 1) for clause in self.clauses]
        total_weight = float(sum(w for _c, w in weights))
        made = 0
        keys = set()
        kinds = [('subcontracting_siae', 5), ('subcontracting_esat', 6), ('subcontracting_ea', 3)]
        quota = [int(self.n_sub * w / total_weight) for _c, w in weights]
        for i in rng.sample(range(len(weights)), max(0, self.n_sub - sum(quota))):
            quota[i] += 1
        for (clause, _w), count in zip(weights, quota):
            for _k in range(count * 3):
                if count <= 0:
                    break
                month = rng.randint(clause['start'], clause['last'])
                modality = weighted(rng, kinds)
                employer = self.employer(clause, modality)
                key = (clause['index'], month, modality, employer)
                if key in keys:
                    continue
                keys.add(key)
                amount = round(rng.uniform(800, 25000), 2)
                hours = amount_to_hours(amount, clause['labour_share'], clause['hourly_cost'])
                self.entries.append((clause, None, month, modality, employer, hours, amount,
                                     rng.choice(['manual', 'import'])))
                count -= 1
                made += 1
        return made

    def plan_states(self):
        """Mostly validated, the last months' waiting ones, some rejected; the totals of each
        clause for its objective."""
        rng = self.rng
        n = len(self.entries)
        waiting_target = int(round(WAITING * self.scale))
        last = [i for i, e in enumerate(self.entries) if e[2] == LAST]
        before = [i for i, e in enumerate(self.entries) if e[2] == LAST - 1]
        take_last = min(len(last), int(waiting_target * 0.8))
        waiting = rng.sample(last, take_last) + rng.sample(
            before, min(len(before), waiting_target - take_last))
        self.states = ['validated'] * n
        for i in waiting:
            self.states[i] = 'submitted' if rng.random() < 0.7 else 'draft'
        candidates = [i for i in range(n) if self.states[i] == 'validated']
        for i in rng.sample(candidates, int(round(n * REJECTED_SHARE))):
            self.states[i] = 'rejected'
        for entry, state in zip(self.entries, self.states):
            if state == 'validated':
                entry[0]['realised'] += entry[5]

    def plan_amounts(self):
        """Amounts of the lots so that each clause's objective is near what it realises."""
        rng, rules = self.rng, self.rules
        today_month = self.today
        for clause in self.clauses:
            lot = clause['lot']
            realised = clause['realised']
            if clause['state'] == 'execution':
                expected = rules['projection'](realised, lot['date_start'], lot['date_end'],
                                               today_month)
                target = expected / rng.uniform(0.7, 1.4)
            else:
                target = realised / rng.uniform(0.8, 1.3)
            target = max(target, rng.uniform(150, 1500))
            factor = clause['labour_share'] / 100.0 * clause['insertion_rate'] / 100.0
            awarded = max(20000.0, round(target * clause['hourly_cost'] / factor, -2))
            lot['amount_awarded'] = awarded
            lot['amount_estimated'] = max(10000.0, round(awarded * rng.uniform(0.92, 1.12), -3))
            if rng.random() < 0.03:
                clause['override'] = int(round(target * rng.uniform(0.8, 1.2)))
                clause['override_reason'] = ("Objectif ajusté au phasage du chantier, sur avis "
                                             "du facilitateur.")
            else:
                clause['override'], clause['override_reason'] = 0, None
            clause['objectives'] = self.objectives('insertion', clause, lot)
        for market in self.markets:
            market['amount_estimated'] = sum(lot['amount_estimated'] for lot in market['lots'])

    def objectives(self, clause_type, clause, lot):
        """(estimated, awarded, objective) as asr.clause._compute_hour_objectives gives them."""
        rule, error = self.rules['hour_objective'], self.rules['HourObjectiveError']

        def objective_for(amount):
            if not amount:
                return 0
            try:
                return rule(amount, clause['labour_share'] / 100.0, clause['hourly_cost'],
                            clause['insertion_rate'] / 100.0)
            except error:
                return 0
        estimated = awarded = 0
        if clause_type == 'insertion':
            estimated = objective_for(lot['amount_estimated'])
            awarded = objective_for(lot['amount_awarded'])
        override = clause.get('override') or 0
        objective = (override or awarded or estimated) if clause_type == 'insertion' else 0
        return estimated, awarded, objective

    # -- writing (COPY) --
    def copy_partners(self):
        copier = Copier(self.env, 'res.partner', self.PARTNER_COLUMNS)
        self.counts['res_partner'] = copier.copy(self.partner_rows)

    def copy_markets(self):
        env, rng = self.env, self.rng
        first = reserve_ids(self.cr, 'asr_market', len(self.markets))
        sequence = env['ir.sequence'].search([('code', '=', 'asr.market')], limit=1)
        rule = self.rules['needs_social_condition_flag']
        rows = []
        for offset, m in enumerate(self.markets):
            m['id'] = first + offset
            consultation = m['consultation_date']
            year = consultation.year
            quarter = '%s-T%s' % (year, (consultation.month - 1) // 3 + 1)
            flag = rule(m['amount_estimated'], m['nature'], 'local', consultation,
                        self.thresholds, True, None)
            text = ("Clause d'insertion de %s %% des heures travaillées : le facilitateur "
                    "mobilisera le PLIE, les SIAE et le GEIQ du territoire."
                    % ('10' if m['proximity_management'] else '5'))
            recommendation = ("Associer les structures d'insertion dès la préparation du "
                              "chantier." if m['opinion'] == 'reserved' else None)
            validated = stamp(m['validation_date'], rng)
            rows.append((m['id'], m['name'], sequence._next(), m['nature'],
                         m['service_category'], m['procedure'], m['cpv_code'],
                         m['proximity_management'], m['charter']['id'], m['buyer_entity_id'],
                         m['user_id'], m['charter']['company'], m['amount_estimated'],
                         consultation, m['duration_months'], 'local', flag, 'validated',
                         m['opinion'], text, recommendation, m['opinion_date'],
                         m['opinion_author'], self.admin, m['validation_date'], year, quarter,
                         1, 1, 0, m['user_id'], m['created'], self.admin, validated))
        copier = Copier(env, 'asr.market', [
            'id', 'name', 'reference', 'nature', 'service_category', 'procedure', 'cpv_code',
            'proximity_management', 'charter_id', 'buyer_entity_id', 'user_id', 'company_id',
            'amount_estimated', 'consultation_date', 'duration_months', 'buyer_kind',
            'social_condition_flag', 'state', 'opinion', 'opinion_text',
            'opinion_recommendation', 'opinion_date', 'opinion_author_id',
            'validation_user_id', 'validation_date', 'year', 'quarter', 'examined_count',
            'disposition_count', 'reserved_count', 'create_uid', 'create_date', 'write_uid',
            'write_date'])
        self.counts['asr_market'] = copier.copy(rows)

    def copy_lots(self):
        first = reserve_ids(self.cr, 'asr_market_lot', len(self.lots))
        rows = []
        for offset, lot in enumerate(self.lots):
            lot['id'] = first + offset
            m = lot['market']
            rows.append((lot['id'], lot['number'], lot['name'], m['id'], m['charter']['id'],
                         m['charter']['company'], lot['trade_id'], lot['partner_id'],
                         lot['contact_id'], lot['amount_estimated'], lot['labour_share'],
                         lot['amount_awarded'], lot['date_award'], lot['date_start'],
                         lot['date_end'], False, True, m['user_id'], m['created'],
                         m['user_id'], stamp(lot['date_award'], self.rng)))
        copier = Copier(self.env, 'asr.market.lot', [
            'id', 'number', 'name', 'market_id', 'charter_id', 'company_id', 'trade_id',
            'partner_id', 'contact_id', 'amount_estimated', 'labour_share', 'amount_awarded',
            'date_award', 'date_start', 'date_end', 'no_disposition', 'awarded', 'create_uid',
            'create_date', 'write_uid', 'write_date'])
        self.counts['asr_market_lot'] = copier.copy(rows)

    def copy_clauses(self):
        rng = self.rng
        everything = [('insertion', c) for c in self.clauses] + [
            ('award_criterion', c) for c in self.extra_clauses]
        first = reserve_ids(self.cr, 'asr_clause', len(everything))
        legal = self.rules['LEGAL_BASIS']
        rows = []
        for offset, (clause_type, clause) in enumerate(everything):
            clause['id'] = first + offset
            lot, market, charter = clause['lot'], clause['market'], clause['charter']
            if clause_type == 'insertion':
                estimated, awarded, objective = clause['objectives']
                override, reason, weight = clause['override'], clause['override_reason'], 0.0
            else:
                estimated = awarded = objective = override = 0
                reason, weight = None, clause['weight']
            started = stamp(lot['date_start'], rng)
            written = started if clause['state'] == 'execution' else stamp(min(
                self.today, lot['date_end'] + datetime.timedelta(days=rng.randint(5, 60))), rng)
            rows.append((clause['id'], clause_type, legal.get(clause_type) or None, lot['id'],
                         market['id'], charter['id'], lot['partner_id'], charter['company'],
                         clause['labour_share'], clause['hourly_cost'],
                         clause['insertion_rate'], estimated, awarded, override, reason,
                         objective, weight, charter['missing_hour'], charter['late_day'],
                         charter['due_day'], charter['penalty_cap'], lot['date_start'],
                         lot['date_end'], clause['state'], market['user_id'],
                         market['created'], market['user_id'], written))
        copier = Copier(self.env, 'asr.clause', [
            'id', 'clause_type', 'legal_basis', 'lot_id', 'market_id', 'charter_id',
            'partner_id', 'company_id', 'labour_share', 'hourly_cost', 'insertion_rate',
            'hour_objective_estimated', 'hour_objective_awarded', 'hour_objective_override',
            'override_reason', 'hour_objective', 'criterion_weight',
            'penalty_rate_missing_hour', 'penalty_rate_late_day', 'report_due_day',
            'penalty_cap_percent', 'date_start', 'date_end', 'state', 'create_uid',
            'create_date', 'write_uid', 'write_date'])
        self.counts['asr_clause'] = copier.copy(rows)

    def copy_people(self):
        rng = self.rng
        rows, rel = [], []
        for p in self.people:
            created = stamp(p['informed_on'], rng)
            name = ' '.join(x for x in (p['last_name'].upper(), p['first_name']) if x)
            rows.append((p['id'], name, p['charter']['id'], p['charter']['company'],
                         p['first_name'], p['last_name'], p['birth_date'],
                         p['birth_date'].year, p['gender'], p['zip'], p['qpv_resident'],
                         p['qpv_name'], p['informed_on'], p['proof_kind'],
                         p['validation_date'], p['validator'], p['validity_months'],
                         p['validity_end'], 'validated', p['outcome'], p['outcome_date'], True,
                         p['validator'], created, p['validator'],
                         stamp(p['validation_date'], rng)))
            rel.extend((p['id'], c) for c in p['criteria'])
        copier = Copier(self.env, 'asr.beneficiary', [
            'id', 'name', 'charter_id', 'company_id', 'first_name', 'last_name', 'birth_date',
            'birth_year', 'gender', 'zip', 'qpv_resident', 'qpv_name', 'informed_on',
            'proof_kind', 'validation_date', 'validator_id', 'validity_months', 'validity_end',
            'state', 'outcome', 'outcome_date', 'active', 'create_uid', 'create_date',
            'write_uid', 'write_date'])
        with Detached(self.cr, 'asr_beneficiary'):
            self.counts['asr_beneficiary'] = copier.copy(rows)
        field = self.env['asr.beneficiary']._fields['criterion_ids']
        with Detached(self.cr, field.relation):
            self.counts[field.relation] = Copier(self.env, None, [
                field.column1, field.column2], table=field.relation).copy(rel)

    def entry_rows(self, first):
        rng = self.rng
        today = self.today
        now = self.now
        one = datetime.timedelta(days=1)
        months = [month_start(m) for m in range(MONTHS + 1)]
        for offset, (entry, state) in enumerate(zip(self.entries, self.states)):
            clause, person, m, modality, employer, hours, amount, source = entry
            charter = clause['charter']
            recorded = min(today, months[m + 1] + rng.randint(0, 8) * one)
            created = min(now, stamp(recorded, rng))
            recorder = rng.choice(charter['checkers'])
            checker = checked = reason = None
            written, writer = created, recorder
            if state in ('validated', 'rejected'):
                checker = rng.choice(charter['checkers'])
                checked = min(today, recorded + rng.randint(1, 15) * one)
                written, writer = max(created, stamp(checked, rng)), checker
                if state == 'rejected':
                    reason = rng.choice(REJECT_REASONS)
            yield (first + offset, clause['id'], charter['id'], clause['lot']['partner_id'],
                   charter['company'], person, months[m], modality, employer, hours, amount,
                   source, state, reason, checker, checked, recorder, created, writer, written)

    ENTRY_COLUMNS = ['id', 'clause_id', 'charter_id', 'partner_id', 'company_id',
                     'beneficiary_id', 'month', 'modality', 'employer_id', 'hours', 'amount',
                     'source', 'state', 'reject_reason', 'validated_by_id', 'validated_on',
                     'create_uid', 'create_date', 'write_uid', 'write_date']

    def copy_entries(self):
        first = reserve_ids(self.cr, 'asr_hour_entry', len(self.entries))
        self.first_entry = first
        copier = Copier(self.env, 'asr.hour.entry', self.ENTRY_COLUMNS)
        with Detached(self.cr, 'asr_hour_entry'):
            self.counts['asr_hour_entry'] = copier.copy(self.entry_rows(first))

    def report_rows(self, first):
        rng = self.rng
        today = self.today
        due_date, late = self.rules['report_due_date'], self.rules['days_late']
        number = first
        for clause in self.clauses:
            charter, market = clause['charter'], clause['market']
            for m in range(clause['start'], clause['last'] + 1):
                month = month_start(m)
                due = due_date(month, charter['due_day'])
                draw = rng.random()
                if m == LAST:
                    received = (due - datetime.timedelta(days=rng.randint(0, 9))
                                if draw < 0.65 else None)
                elif draw < 0.92:
                    received = due - datetime.timedelta(days=rng.randint(0, 9))
                elif draw < 0.99:
                    received = due + datetime.timedelta(days=rng.randint(1, 40))
                else:
                    received = None
                if received is not None:
                    # received once the month is over (its report exists from then on)
                    received = max(month_start(m + 1), min(today, received))
                days = late(due, received, today)
                state = 'received' if received else ('late' if days else 'expected')
                created = datetime.datetime.combine(month_start(m + 1), datetime.time(2, 0))
                writer = market['user_id'] if received else SUPERUSER_ID
                written = stamp(received, rng) if received else created
                yield (number, clause['id'], charter['id'], market['id'],
                       clause['lot']['partner_id'], charter['company'], month, due, received,
                       days, state, SUPERUSER_ID, created, writer, written)
                number += 1

    def copy_reports(self):
        count = sum(c['last'] - c['start'] + 1 for c in self.clauses)
        first = reserve_ids(self.cr, 'asr_monthly_report', count)
        copier = Copier(self.env, 'asr.monthly.report', [
            'id', 'clause_id', 'charter_id', 'market_id', 'partner_id', 'company_id', 'month',
            'due_date', 'received_date', 'days_late', 'state', 'create_uid', 'create_date',
            'write_uid', 'write_date'])
        with Detached(self.cr, 'asr_monthly_report'):
            self.counts['asr_monthly_report'] = copier.copy(self.report_rows(first))


# -- checks ------------------------------------------------------------------------------------
SQL_CHECKS = [
    ("entries whose month is not the first day of a month",
     "SELECT count(*) FROM asr_hour_entry WHERE month <> date_trunc('month', month)::date"),
    ("entries outside their clause's contract (not rejected)",
     """SELECT count(*) FROM asr_hour_entry e JOIN asr_clause c ON c.id = e.clause_id
        WHERE e.state <> 'rejected' AND (c.date_start IS NULL OR c.date_end IS NULL
              OR (e.month + interval '1 month' - interval '1 day')::date < c.date_start
              OR e.month > c.date_end)"""),
    ("entries on a clause that is not an insertion clause in execution or closed",
     """SELECT count(*) FROM asr_hour_entry e JOIN asr_clause c ON c.id = e.clause_id
        WHERE c.clause_type <> 'insertion' OR c.state NOT IN ('execution', 'closed')"""),
    ("entries whose charter, contractor or company is not the clause's",
     """SELECT count(*) FROM asr_hour_entry e JOIN asr_clause c ON c.id = e.clause_id
        WHERE e.charter_id IS DISTINCT FROM c.charter_id
           OR e.partner_id IS DISTINCT FROM c.partner_id
           OR e.company_id IS DISTINCT FROM c.company_id"""),
    ("entries whose person is of another charter",
     """SELECT count(*) FROM asr_hour_entry e JOIN asr_beneficiary b ON b.id = e.beneficiary_id
        WHERE b.charter_id <> e.charter_id"""),
    ("entries (not rejected) of a person not eligible that month",
     """SELECT count(*) FROM asr_hour_entry e JOIN asr_beneficiary b ON b.id = e.beneficiary_id
        WHERE e.state <> 'rejected' AND NOT (b.state = 'validated'
              AND b.validation_date <= (e.month + interval '1 month' - interval '1 day')::date
              AND b.validity_end >= e.month)"""),
    ("person-months above the charter's monthly cap (entries not rejected)",
     """SELECT count(*) FROM (
            SELECT e.beneficiary_id, e.month FROM asr_hour_entry e
            JOIN asr_charter ch ON ch.id = e.charter_id
            WHERE e.beneficiary_id IS NOT NULL AND e.state <> 'rejected'
            GROUP BY e.beneficiary_id, e.month, ch.monthly_hour_cap
            HAVING round((sum(e.hours) - coalesce(ch.monthly_hour_cap, 208))::numeric, 2) > 0
        ) AS above"""),
    ("duplicate keys (clause, person or subcontractor, month, modality) not rejected",
     """SELECT count(*) FROM (
            SELECT 1 FROM asr_hour_entry WHERE state <> 'rejected'
            GROUP BY clause_id, beneficiary_id,
                     CASE WHEN beneficiary_id IS NULL THEN employer_id END, month, modality
            HAVING count(*) > 1) AS twice"""),
    ("entries of people without a person, or subcontracting with one, or hours <= 0",
     """SELECT count(*) FROM asr_hour_entry
        WHERE (modality LIKE 'subcontracting%%') = (beneficiary_id IS NOT NULL)
           OR coalesce(hours, 0) <= 0
           OR (modality LIKE 'subcontracting%%' AND coalesce(amount, 0) <= 0)"""),
    ("entries whose state and checker do not match",
     """SELECT count(*) FROM asr_hour_entry
        WHERE (state IN ('validated', 'rejected')) <> (validated_by_id IS NOT NULL
                                                        AND validated_on IS NOT NULL)
           OR (state = 'rejected') <> (reject_reason IS NOT NULL)"""),
    ("people not validated eligible, without criteria, or of a charter without them",
     """SELECT count(*) FROM asr_beneficiary b WHERE b.state <> 'validated'
           OR b.validation_date IS NULL OR b.validity_end IS NULL
           OR NOT EXISTS (SELECT 1 FROM asr_beneficiary_asr_eligibility_criterion_rel r
                          WHERE r.asr_beneficiary_id = b.id)"""),
    ("people whom the nightly anonymisation would erase today (retention passed)",
     """SELECT count(*) FROM (
            SELECT b.id FROM asr_beneficiary b
            JOIN asr_charter ch ON ch.id = b.charter_id
            LEFT JOIN asr_hour_entry e ON e.beneficiary_id = b.id
            WHERE b.state <> 'anonymised'
            GROUP BY b.id, b.create_date, ch.retention_years
            HAVING coalesce(max(e.month), b.create_date::date)
                   < current_date - make_interval(years => ch.retention_years)) AS old"""),
    ("monthly reports not on the first day, or outside their clause's months",
     """SELECT count(*) FROM asr_monthly_report r JOIN asr_clause c ON c.id = r.clause_id
        WHERE r.month <> date_trunc('month', r.month)::date
           OR r.month < date_trunc('month', c.date_start)::date OR r.month > c.date_end
           OR r.received_date < r.month OR r.received_date > current_date"""),
]


class Checker(object):
    def __init__(self, env, region, rng):
        self.env = env
        self.region = region
        self.rng = rng
        self.problems = []

    def problem(self, text):
        self.problems.append(text)
        log('  MISMATCH: %s' % text)

    def run(self):
        self.sql_checks()
        self.subcontracting_hours()
        self.clause_totals()
        samples = self.samples()
        for model, ids in samples:
            self.stored_computes(model, ids)
            self.constraints(model, ids)
        self.entry_controls()
        return self.problems

    def sql_checks(self):
        cr = self.env.cr
        for label, query in SQL_CHECKS:
            cr.execute(query)
            count = cr.fetchone()[0]
            if count:
                self.problem('%s: %d' % (label, count))
        log('  %d SQL checks over every row' % len(SQL_CHECKS))

    def subcontracting_hours(self):
        amount_to_hours = self.region.rules['amount_to_hours']
        cr = self.env.cr
        cr.execute("""SELECT e.id, e.amount, e.hours, c.labour_share, c.hourly_cost
                      FROM asr_hour_entry e JOIN asr_clause c ON c.id = e.clause_id
                      WHERE e.modality LIKE 'subcontracting%%'""")
        rows = cr.fetchall()
        wrong = [row[0] for row in rows
                 if abs(amount_to_hours(float(row[1]), row[3], row[4]) - row[2]) > 1e-9]
        if wrong:
            self.problem('%d subcontracting entries whose hours are not amount_to_hours of '
                         'their amount (first ids %s)' % (len(wrong), wrong[:5]))
        log('  %d subcontracting entries: hours = amount_to_hours(amount, labour share, hourly '
            'cost)' % len(rows))

    def clause_totals(self):
        """The clause totals written by _asr_refresh_figures equal the generator's sums."""
        region, cr = self.region, self.env.cr
        cr.execute("SELECT to_regclass('asr_clause') IS NOT NULL AND EXISTS ("
                   "SELECT 1 FROM information_schema.columns WHERE table_name = 'asr_clause' "
                   "AND column_name = 'hours_realised')")
        if not cr.fetchone()[0] or not region.refreshed:
            return
        clauses = self.rng.sample(region.clauses, min(SAMPLE, len(region.clauses)))
        cr.execute('SELECT id, hours_realised FROM asr_clause WHERE id IN %s',
                   (tuple(c['id'] for c in clauses),))
        stored = dict(cr.fetchall())
        for clause in clauses:
            if abs((stored.get(clause['id']) or 0.0) - clause['realised']) > 0.01:
                self.problem('clause %s: hours_realised %s, validated hours generated %s'
                             % (clause['id'], stored.get(clause['id']), clause['realised']))
        log('  hours_realised of %d clauses = validated hours generated' % len(clauses))

    def samples(self):
        region, rng = self.region, self.rng

        def pick(ids, count=SAMPLE):
            ids = list(ids)
            return sorted(rng.sample(ids, min(count, len(ids))))
        entries = range(region.first_entry, region.first_entry + len(region.entries))
        return [
            ('res.partner', pick(region.partner_ids)),
            ('asr.charter', [c['id'] for c in region.charters]),
            ('asr.market', pick(m['id'] for m in region.markets)),
            ('asr.market.lot', pick(lot['id'] for lot in region.lots)),
            ('asr.clause', pick([c['id'] for c in region.clauses]
                                + [c['id'] for c in region.extra_clauses])),
            ('asr.beneficiary', pick(p['id'] for p in region.people)),
            ('asr.hour.entry', pick(entries)),
            ('asr.monthly.report', self.report_sample()),
        ]

    def report_sample(self):
        cr = self.env.cr
        cr.execute('SELECT id FROM asr_monthly_report')
        ids = [row[0] for row in cr.fetchall()]
        return sorted(self.rng.sample(ids, min(SAMPLE, len(ids))))

    def stored_computes(self, model, ids):
        """Each stored computed (or related) field of these records: the stored value against
        the value the ORM computes (in cache, nothing written)."""
        env = self.env
        env.cache.invalidate()
        Model = env[model].with_context(active_test=False)
        records = Model.browse(ids)
        existing = table_columns(env.cr, Model._table)
        computed = [f for f in Model._fields.values()
                    if f.store and f.compute and f.column_type and f.name in existing]
        if not computed or not ids:
            return
        env.cr.execute('SELECT id, %s FROM "%s" WHERE id IN %%s' % (
            ', '.join('"%s"' % f.name for f in computed), Model._table), (tuple(ids),))
        stored = {row[0]: row[1:] for row in env.cr.fetchall()}
        done = set()
        for field in computed:
            if field in done:
                continue
            field.compute_value(records)
            done.update(records._field_computed.get(field, [field]))
        mismatches = 0
        for record in records:
            for position, field in enumerate(computed):
                expected = None
                if env.cache.contains(record, field):
                    expected = field.convert_to_write(field.convert_to_record(
                        env.cache.get(record, field), record), record)
                value = stored[record.id][position]
                if not same(field, value, expected):
                    mismatches += 1
                    self.problem('%s %s: %s stored %r, computed %r'
                                 % (model, record.id, field.name, value, expected))
        env.cache.invalidate()
        log('  %-20s %3d records: %d stored computed fields compared (%s)'
            % (model, len(ids), len(computed), ', '.join(f.name for f in computed)))

    def constraints(self, model, ids):
        from odoo.exceptions import ValidationError
        env = self.env
        Model = env[model].with_context(active_test=False)
        names = list(Model._fields)
        checked = 0
        for record in Model.browse(ids):
            try:
                record._validate_fields(names)
                checked += 1
            except ValidationError as err:
                self.problem('%s %s: constraint refused: %s' % (model, record.id, err.name))
        env.cache.invalidate()
        log('  %-20s %3d records: python constraints (_validate_fields) run' % (model, checked))

    def entry_controls(self):
        """The controls of rules/controls.py on a sample of entries, as a write would run
        them (_asr_controls, the other entries of the database in place)."""
        env, region = self.env, self.region
        Entry = env['asr.hour.entry']
        picked = self.rng.sample(range(len(region.entries)), min(400, len(region.entries)))
        ids = sorted(region.first_entry + i for i in picked
                     if region.states[i] != 'rejected')[:300]
        entries = Entry.browse(ids)
        rows = [dict(entry._asr_current_values(), id=entry.id) for entry in entries]
        closed = {c['id'] for c in region.clauses if c['state'] == 'closed'}
        bad = 0
        for entry, row, errors in zip(entries, rows, Entry._asr_controls(rows,
                                                                         exclude_ids=ids)):
            errors = [e for e in errors if not (e[1] == 'clause_state'
                                                and row['clause_id'] in closed)]
            if errors:
                bad += 1
                self.problem('asr.hour.entry %s: controls refuse it: %s' % (entry.id, errors))
        try:
            entries._check_within_contract()
            entries._check_still_eligible()
        except Exception as err:  # a ValidationError naming the entry
            self.problem('asr.hour.entry sample: %s' % err)
        env.cache.invalidate()
        log('  asr.hour.entry       %3d entries: controls of rules/controls.py (_asr_controls, '
            'contract, eligibility): %d refused (closed clauses: their state excepted)'
            % (len(ids), bad))


def same(field, stored, expected):
    """Whether a stored column holds what the ORM would write for ``expected``."""
    kind = field.type
    if kind == 'boolean':
        return stored is bool(expected)
    if kind in ('integer',):
        return stored == int(expected or 0)
    if kind in ('float', 'monetary'):
        return stored is not None and abs(float(stored) - float(expected or 0.0)) < 0.005
    if expected in (False, None):
        return stored is None
    return str(stored) == str(expected)


# -- main --------------------------------------------------------------------------------------
def load_rules():
    from odoo.addons.asr_beneficiaries.rules import eligibility, hours
    from odoo.addons.asr_beneficiaries.rules.suppliers import clean_siret
    from odoo.addons.asr_clauses.models.asr_clause import LEGAL_BASIS
    from odoo.addons.asr_clauses.rules.hour_objective import HourObjectiveError, hour_objective
    from odoo.addons.asr_clauses.rules.legal_checks import needs_social_condition_flag
    return {'eligibility': eligibility, 'amount_to_hours': hours.amount_to_hours,
            'report_due_date': hours.report_due_date, 'days_late': hours.days_late,
            'projection': hours.projection, 'clean_siret': clean_siret,
            'LEGAL_BASIS': LEGAL_BASIS, 'hour_objective': hour_objective,
            'HourObjectiveError': HourObjectiveError,
            'needs_social_condition_flag': needs_social_condition_flag}


class Timer(object):
    def __init__(self):
        self.phases = []
        self.start = time.perf_counter()

    def __call__(self, name):
        timer = self

        class Phase(object):
            def __enter__(self):
                self.started = time.perf_counter()
                log('[region] %s...' % name)
                return self

            def __exit__(self, kind, value, traceback):
                seconds = time.perf_counter() - self.started
                timer.phases.append((name, seconds))
                if kind is None:
                    log('[region] %s: %.1f s' % (name, seconds))
                return False
        return Phase()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--database', required=True)
    parser.add_argument('--scale', type=float, default=1.0)
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--reset', action='store_true',
                        help="drop the database and build it anew when it holds ASR data")
    parser.add_argument('--config', default=os.path.join(ROOT, '.run', 'odoo.conf'))
    args = parser.parse_args(argv)
    if not 0 < args.scale <= 10:
        parser.error('--scale must be between 0 and 10')

    if not os.path.exists(args.config):
        parser.error('%s is missing: make demo or make test renders it (scripts/render_conf.py)'
                     % args.config)
    timer = Timer()
    odoo.tools.config.parse_config(['-c', args.config, '--log-level=warn'])
    with timer('database'):
        prepare_database(args)
    registry = odoo.registry(args.database)
    rules = load_rules()
    with api.Environment.manage(), registry.cursor() as cr:
        cr.execute("SET maintenance_work_mem = '512MB'")
        cr.execute('SET synchronous_commit = off')
        env = api.Environment(cr, SUPERUSER_ID, dict(CONTEXT))
        region = Region(env, args.scale, args.seed, rules)
        with timer('charters and users (ORM)'):
            region.build_charters()
            region.build_users()
        with timer('generation (in memory)'):
            region.plan_partners()
            region.plan_markets()
            region.plan_people()
            region.plan_subcontracting()
            region.plan_states()
            region.plan_amounts()
            log('  %d partners, %d markets, %d lots, %d insertion clauses (+%d award criteria), '
                '%d people, %d entries' % (
                    len(region.partner_rows), len(region.markets), len(region.lots),
                    len(region.clauses), len(region.extra_clauses), len(region.people),
                    len(region.entries)))
        with timer('COPY partners, markets, lots, clauses'):
            region.copy_partners()
            region.copy_markets()
            region.copy_lots()
            region.copy_clauses()
        with timer('COPY people and their criteria'):
            region.copy_people()
        with timer('COPY hour entries'):
            region.copy_entries()
        with timer('COPY monthly reports'):
            region.copy_reports()
        env.cache.invalidate()
        with timer('ANALYZE'):
            for table in ('res_partner', 'asr_market', 'asr_market_lot', 'asr_clause',
                          'asr_beneficiary', 'asr_hour_entry', 'asr_monthly_report'):
                cr.execute('ANALYZE "%s"' % table)
        Entry = env['asr.hour.entry']
        if hasattr(Entry, '_asr_refresh_figures'):
            with timer('_asr_refresh_figures()'):
                Entry._asr_refresh_figures()
                region.refreshed = True
        else:
            log('[region] asr.hour.entry has no _asr_refresh_figures: clause totals not filled')
        with timer('commit'):
            cr.commit()
        with timer('checks'):
            problems = Checker(env, region, random.Random(args.seed)).run()
            cr.rollback()
    with timer('VACUUM ANALYZE'):
        with odoo.sql_db.db_connect(args.database).cursor() as cr:
            cr.autocommit(True)
            cr.execute('VACUUM ANALYZE')
    report(args.database, region, timer, problems)
    return 1 if problems else 0


def report(database, region, timer, problems):
    with odoo.sql_db.db_connect(database).cursor() as cr:
        counts = []
        for table in ('res_partner', 'res_users', 'asr_charter', 'asr_charter_member',
                      'asr_market', 'asr_market_lot', 'asr_clause', 'asr_beneficiary',
                      'asr_beneficiary_asr_eligibility_criterion_rel', 'asr_hour_entry',
                      'asr_monthly_report', 'asr_hour_month_total',
                      'asr_clause_modality_total'):
            cr.execute('SELECT to_regclass(%s)', (table,))
            if cr.fetchone()[0]:
                cr.execute('SELECT count(*) FROM "%s"' % table)
                counts.append((table, cr.fetchone()[0]))
        cr.execute("SELECT state, count(*) FROM asr_hour_entry GROUP BY state ORDER BY state")
        states = cr.fetchall()
        cr.execute("SELECT source, count(*) FROM asr_hour_entry GROUP BY source ORDER BY source")
        sources = cr.fetchall()
        cr.execute("""SELECT count(*) FILTER (WHERE modality LIKE 'subcontracting%%'), count(*)
                      FROM asr_hour_entry""")
        sub, total = cr.fetchone()
        cr.execute("SELECT state, count(*) FROM asr_monthly_report GROUP BY state ORDER BY 1")
        reports = cr.fetchall()
        cr.execute("SELECT state, count(*) FROM asr_clause WHERE clause_type = 'insertion' "
                   "GROUP BY state ORDER BY 1")
        clauses = cr.fetchall()
        cr.execute('SELECT pg_size_pretty(pg_database_size(current_database()))')
        size = cr.fetchone()[0]
    print()
    print('%-46s %12s' % ('table', 'rows'))
    for table, count in counts:
        print('%-46s %12s' % (table, '{:,}'.format(count)))
    print()
    print('insertion clauses: %s' % ', '.join('%s %s' % (s, '{:,}'.format(n))
                                              for s, n in clauses))
    print('hour entries: %s; subcontracting %s of %s'
          % (', '.join('%s %s' % (s, '{:,}'.format(n)) for s, n in states),
             '{:,}'.format(sub), '{:,}'.format(total)))
    print('sources: %s' % ', '.join('%s %s' % (s, '{:,}'.format(n)) for s, n in sources))
    print('monthly reports: %s' % ', '.join('%s %s' % (s, '{:,}'.format(n))
                                            for s, n in reports))
    print()
    print('%-46s %10s' % ('phase', 'seconds'))
    for name, seconds in timer.phases:
        print('%-46s %10.1f' % (name, seconds))
    print('%-46s %10.1f' % ('total', time.perf_counter() - timer.start))
    print()
    print('database %s: %s' % (database, size))
    if problems:
        print('%d MISMATCHES (see above)' % len(problems))
    else:
        print('checks: no mismatch')


if __name__ == '__main__':
    sys.exit(main())

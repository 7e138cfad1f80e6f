from odoo.addons.asr_clauses.tests.common import ClauseCase


class BeneficiaryCase(ClauseCase):
    """An insertion clause in execution from March 2025 to December 2026 (objective 625 h:
    800,000 EUR x 50 % / 32 EUR x 5 %) and two people validated on 1 February 2025."""

    @classmethod
    def setUpClass(cls):
        super(BeneficiaryCase, cls).setUpClass()
        cls.award(cls.lot, 800000.0, start='2025-03-01', end='2026-12-31')
        cls.clause = cls.insertion_clause(state='execution')
        cls.rsa = cls.env.ref('asr_beneficiaries.criterion_rsa')
        cls.qpv = cls.env.ref('asr_beneficiaries.criterion_qpv')
        cls.rqth = cls.env.ref('asr_beneficiaries.criterion_rqth')
        cls.person = cls.person_validated('Exemple', 'Camille', '2025-02-01')
        cls.other_person = cls.person_validated('Fictif', 'Yanis', '2025-02-01')
        # who records, checks and validates people and hours: the facilitator's staff
        cls.staff = cls.facilitator_staff('asr_benef_case_staff')

    @classmethod
    def facilitator_staff(cls, login):
        """A user of "ASR / Personal data" working for the charter's facilitator."""
        user = cls.env['res.users'].with_context(no_reset_password=True).create({
            'name': login.title(), 'login': login, 'lang': 'fr_FR',
            'email': '%s@example.org' % login,
            'groups_id': [(6, 0, [cls.env.ref('asr_beneficiaries.group_asr_personal_data').id])],
        })
        user.partner_id.parent_id = cls.facilitator
        return user

    @classmethod
    def person_validated(cls, last_name, first_name, day, criteria=None, **vals):
        values = {'charter_id': cls.charter.id, 'last_name': last_name,
                  'first_name': first_name, 'birth_date': '1990-06-15', 'gender': 'female',
                  'criterion_ids': [(6, 0, (criteria or cls.rsa).ids)],
                  'proof_kind': 'caf'}
        values.update(vals)
        person = cls.env['asr.beneficiary'].create(values)
        person.with_context(validation_date=day).action_validate_eligibility()
        return person

    def statement(self):
        """A monthly statement of the clause: rows 2 and 3 good, 4 to 9 rejected (the monthly
        cap of row 6 is reached with the hours of row 2, in the same file or an earlier
        batch of a background import)."""
        code, person, other = self.clause.code, self.person.code, self.other_person.code
        return [
            ['clause', 'beneficiary', 'month', 'modality', 'hours'],
            [code, person, '03/2025', 'cdi', '120'],                 # row 2: good
            [code, other, '03/2025', 'ETTI', '35,5'],                # row 3: good
            [code, person, '02/2025', 'cdi', '10'],                  # row 4: before the start
            [code, 'B-99999', '03/2025', 'cdi', '10'],               # row 5: unknown person
            [code, person, '03/2025', 'formation', '100'],           # row 6: over 208 h
            [code, person, '04/2025', 'cdi', '-3'],                  # row 7: negative
            ['CL-99999', person, '04/2025', 'cdi', '10'],            # row 8: unknown clause
            [code, person, '04/2025', 'cdi', 'abc'],                 # row 9: not a number
        ]

    def entry(self, user=None, **vals):
        """An hour entry, recorded by ``user`` (the superuser by default)."""
        values = {'clause_id': self.clause.id, 'beneficiary_id': self.person.id,
                  'month': '2025-03-17', 'modality': 'cdi', 'hours': 100.0}
        values.update(vals)
        Entry = self.env['asr.hour.entry']
        return (Entry.sudo(user) if user else Entry).create(values)

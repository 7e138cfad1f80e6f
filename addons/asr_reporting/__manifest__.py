{
    'name': 'ASR — Achats socialement responsables (bilans)',
    'summary': "Bilans et exports des clauses sociales : heures d'insertion, objectifs, "
               "tableurs pour la finance",
    'version': '11.0.1.0.0',
    'category': 'Purchases',
    'author': 'ASR project',
    'license': 'AGPL-3',
    'depends': ['asr_beneficiaries', 'report_xlsx'],
    'data': [
        'report/asr_clause_hours_xlsx.xml',
        'views/menus.xml',
    ],
    'installable': True,
    'application': True,
}

{
    'name': "ASR — Bénéficiaires et heures d'insertion",
    'summary': "Personnes en insertion et heures réalisées au titre des clauses d'insertion",
    'version': '11.0.1.0.0',
    'category': 'Purchases',
    'author': 'ASR project',
    'license': 'AGPL-3',
    'depends': ['asr_clauses'],
    'data': [
        'security/asr_beneficiaries_security.xml',
        'security/ir.model.access.csv',
        'views/asr_beneficiary_views.xml',
        'views/asr_hour_entry_views.xml',
        'views/asr_clause_views.xml',
        'views/res_partner_views.xml',
        'wizards/asr_supplier_import_views.xml',
        'views/menus.xml',
    ],
    'demo': [
        'demo/asr_beneficiaries_demo.xml',
    ],
    'installable': True,
}

{
    'name': 'ASR — Charte des achats socialement responsables',
    'summary': "Charte territoriale d'achats socialement responsables : signataires, "
               "partenaires, comités techniques, évaluations annuelles",
    'version': '11.0.1.0.0',
    'category': 'Purchases',
    'author': 'ASR project',
    'license': 'AGPL-3',
    'depends': ['base', 'mail', 'portal'],
    'data': [
        'security/asr_charter_security.xml',
        'security/ir.model.access.csv',
        'views/assets.xml',
        'views/asr_charter_views.xml',
        'views/asr_charter_member_views.xml',
        'views/asr_charter_committee_views.xml',
        'views/asr_charter_committee_decision_views.xml',
        'views/asr_charter_evaluation_views.xml',
        'views/asr_charter_article_views.xml',
        'views/portal_templates.xml',
        'report/asr_charter_report.xml',
        'views/menus.xml',
    ],
    'demo': [
        'demo/asr_charter_demo.xml',
    ],
    'installable': True,
    # the root menu and the icon are this addon's: the Apps list shows it as the application
    'application': True,
}

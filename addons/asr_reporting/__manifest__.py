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
        'security/ir.model.access.csv',
        'security/asr_reporting_security.xml',
        'report/asr_clause_hours_xlsx.xml',
        'report/asr_clause_hour_chart_views.xml',
        'views/asr_clause_views.xml',
        'views/asr_dashboard_tile_views.xml',
        'views/res_users_views.xml',
        'views/menus.xml',
        'data/asr_dashboard_tile_data.xml',
    ],
    'demo': [
        'demo/asr_reporting_demo.xml',
    ],
    'installable': True,
}

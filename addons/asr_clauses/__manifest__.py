{
    'name': 'ASR — Clauses sociales des marchés',
    'summary': "Prévision des achats, examen social de chaque achat avec le facilitateur, "
               "dispositions sociales par lot, objectif d'heures, bons de commande",
    'version': '11.0.1.0.0',
    'category': 'Purchases',
    'author': 'ASR project',
    'license': 'AGPL-3',
    'depends': ['purchase', 'asr_charter'],
    'data': [
        'security/ir.model.access.csv',
        'security/asr_clauses_rules.xml',
        'data/asr_market_sequence.xml',
        'data/asr_trade_data.xml',
        'data/asr_threshold_data.xml',
        'views/asr_market_views.xml',
        'views/asr_market_lot_views.xml',
        'views/asr_clause_views.xml',
        'views/purchase_order_views.xml',
        'views/portal_templates.xml',
        'views/asr_indicator_views.xml',
        'views/menus.xml',
    ],
    'demo': [
        'demo/asr_clause_demo.xml',
    ],
    'installable': True,
}

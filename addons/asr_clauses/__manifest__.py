{
    'name': 'ASR — Clauses sociales des marchés',
    'summary': "Dispositions sociales des achats : clauses d'insertion et objectif d'heures, "
               "portées par les bons de commande",
    'version': '11.0.1.0.0',
    'category': 'Purchases',
    'author': 'ASR project',
    'license': 'AGPL-3',
    'depends': ['purchase', 'asr_charter'],
    'data': [
        'security/ir.model.access.csv',
        'views/asr_clause_views.xml',
        'views/purchase_order_views.xml',
        'views/menus.xml',
    ],
    'demo': [
        'demo/asr_clause_demo.xml',
    ],
    'installable': True,
}

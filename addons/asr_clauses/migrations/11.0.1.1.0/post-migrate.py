"""11.0.1.1.0: the insertion clause's model text no longer prints the form's hint
"(0 : sans plafond)" in the CCAP: its sentence on the cap of the penalties comes from the
placeholder {penalty_cap_sentence} ("... n'est pas plafonné." for a cap of 0). Model texts are
editable (noupdate): only the sentence shipped in 11.0.1.0.0 is replaced."""

OLD = ("Le montant cumulé des pénalités est plafonné à {penalty_cap} % du montant du marché "
       "(0 : sans plafond).")
NEW = "{penalty_cap_sentence}"


def migrate(cr, version):
    cr.execute("UPDATE asr_clause_template SET body = replace(body, %s, %s) "
               "WHERE position(%s in body) > 0", (OLD, NEW, OLD))

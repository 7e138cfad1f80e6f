# The two commands of the project (see README.md).
.PHONY: demo test setup prod-conf

demo:
	RESET=$(RESET) bash scripts/demo.sh

test:
	bash scripts/test.sh $(ARGS)

setup:
	bash scripts/setup.sh --browser

# production profile (README "Production"): deploy/odoo.prod.conf -> .run/odoo.prod.conf
prod-conf:
	mkdir -p .run
	python3 scripts/render_conf.py deploy/odoo.prod.conf .run/odoo.prod.conf
	@grep -E '^(workers|db_name|dbfilter|logfile|data_dir) ' .run/odoo.prod.conf

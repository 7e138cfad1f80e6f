# The two commands of the project (see README.md).
.PHONY: demo test setup

demo:
	RESET=$(RESET) bash scripts/demo.sh

test:
	bash scripts/test.sh $(ARGS)

setup:
	bash scripts/setup.sh --browser

## build-aux/syntax-check.mk: "make syntax-check", the house rules that a
## script can check (build-aux/syntax-check.sh).

EXTRA_DIST += build-aux/syntax-check.sh build-aux/callgraph.sh
PHONY_TARGETS += syntax-check

syntax-check:
	@$(SHELL) $(srcdir)/build-aux/syntax-check.sh $(srcdir)

## build-aux/syntax-check.mk: "make syntax-check", the house rules that a
## script can check (build-aux/syntax-check.sh).

EXTRA_DIST += build-aux/syntax-check.sh build-aux/callgraph.sh \
	build-aux/xen-seam.sh
PHONY_TARGETS += syntax-check

# The directories whose files must not call each other (checked on the
# compiled objects, so the library and the agent are built first).
CALLGRAPH_DIRS = lib agent

syntax-check: lib/libvir.la agent/xensnmpd
	@$(SHELL) $(srcdir)/build-aux/syntax-check.sh $(srcdir)
	@$(SHELL) $(srcdir)/build-aux/callgraph.sh -s $(srcdir) . $(CALLGRAPH_DIRS) \
		&& echo "callgraph: no circles in $(CALLGRAPH_DIRS)"
	@$(SHELL) $(srcdir)/build-aux/xen-seam.sh .

## tools/local.mk: small programs built on libvir.

noinst_PROGRAMS += tools/virlist
tools_virlist_SOURCES = tools/virlist.c
tools_virlist_LDADD = lib/libvir.la $(LIBXML_LIBS)

PHONY_TARGETS += demo
demo: tools/virlist$(EXEEXT)
	@tools/virlist$(EXEEXT) test:///default

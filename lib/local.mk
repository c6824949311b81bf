## lib/local.mk: libvir, the internal (not installed) hypervisor library.

noinst_LTLIBRARIES += lib/libvir.la

lib_libvir_la_SOURCES = \
	lib/libvir.c \
	lib/driver.c lib/driver.h \
	lib/datatypes.c lib/datatypes.h \
	lib/error.c lib/error.h \
	lib/log.c lib/log.h \
	lib/hash.c lib/hash.h \
	lib/uri.c lib/uri.h \
	lib/xml.c lib/xml.h \
	lib/domain_conf.c lib/domain_conf.h \
	lib/test/test_driver.c lib/test/test_driver.h \
	lib/test/test_domain.c lib/test/test_domain.h \
	lib/test/test_image.c lib/test/test_image.h \
	lib/test/test_node.c lib/test/test_node.h \
	lib/test/test_default.c
lib_libvir_la_CFLAGS = $(AM_CFLAGS)
lib_libvir_la_LIBADD = $(LIBXML_LIBS)

# The Xen driver: configure enables WITH_XEN when it finds libxenctrl,
# libxenstore and libxenlight and lib/xen/xen_driver.c exists; the driver's
# sources are listed here when they land.
if WITH_XEN
lib_libvir_la_CFLAGS += $(XEN_CFLAGS)
lib_libvir_la_LIBADD += $(XEN_LIBS)
endif

EXTRA_DIST += include/libvir.h

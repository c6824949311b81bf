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
	lib/number.c lib/number.h \
	lib/file.c lib/file.h \
	lib/random.c lib/random.h \
	lib/buf.c lib/buf.h \
	lib/uuid.c lib/uuid.h \
	lib/cpuset.c lib/cpuset.h \
	lib/mac.c lib/mac.h \
	lib/iostats.c lib/iostats.h \
	lib/xml.c lib/xml.h \
	lib/domain_conf.c lib/domain_conf.h \
	lib/test/test_driver.c lib/test/test_driver.h \
	lib/test/test_domain.c lib/test/test_domain.h \
	lib/test/test_image.c lib/test/test_image.h \
	lib/test/test_io.c lib/test/test_io.h \
	lib/test/test_node.c lib/test/test_node.h \
	lib/test/test_default.c
lib_libvir_la_CFLAGS = $(AM_CFLAGS)
lib_libvir_la_LIBADD = $(LIBXML_LIBS)

# The Xen driver: configure enables WITH_XEN when it finds libxenctrl,
# libxenstore, libxenlight and libxlutil and lib/xen/xen_driver.c exists.
if WITH_XEN
lib_libvir_la_SOURCES += \
	lib/xen/xen_driver.c lib/xen/xen_priv.h lib/xen/xen_stats.h \
	lib/xen/xen_ops.c lib/xen/xen_ops.h \
	lib/xen/xen_log.c \
	lib/xen/xen_node.c \
	lib/xen/xen_store.c lib/xen/xen_store.h \
	lib/xen/xen_watch.c \
	lib/xen/xen_track.c lib/xen/xen_track.h \
	lib/xen/xen_state.c lib/xen/xen_state.h \
	lib/xen/xen_config.c lib/xen/xen_config.h \
	lib/xen/xen_cfgsyntax.c lib/xen/xen_cfgsyntax.h \
	lib/xen/xen_domcfg.c lib/xen/xen_domcfg.h \
	lib/xen/xen_defined.c lib/xen/xen_defined.h \
	lib/xen/xen_define.c \
	lib/xen/xen_domlist.c lib/xen/xen_domlist.h \
	lib/xen/xen_reap.c lib/xen/xen_reap.h \
	lib/xen/xen_domain_read.c lib/xen/xen_domain_read.h \
	lib/xen/xen_domain_ctl.c lib/xen/xen_domain_ctl.h \
	lib/xen/xen_domain_set.c \
	lib/xen/xen_io.c lib/xen/xen_io.h \
	lib/xen/xen_domain_io.c \
	lib/xen/xen_save.c \
	lib/xen/xen_device.c
lib_libvir_la_CFLAGS += $(XEN_CFLAGS)
lib_libvir_la_LIBADD += $(XEN_LIBS)
endif

EXTRA_DIST += include/libvir.h include/libvir_events.h include/libvir_log.h \
	include/libvir_stats.h

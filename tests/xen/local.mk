## tests/xen/local.mk: "make check-xen" boots Debian's Xen 4.17 and a dom0
## under QEMU and runs tests/xen/dom0/*.sh inside dom0 against the real
## hypervisor; "make xen-shell" boots the same image with a dom0 shell on
## the terminal.  Neither is part of "make check" (tests/xen/README).

XEN_HARNESS_FILES = \
	tests/xen/README \
	tests/xen/check-xen.sh \
	tests/xen/fetch.sh \
	tests/xen/mkimage.sh \
	tests/xen/boot.sh \
	tests/xen/results.sh \
	tests/xen/dom0-init.sh \
	tests/xen/dom0-run-tests.sh \
	tests/xen/guest-init.sh \
	tests/xen/guests/pv1.cfg \
	tests/xen/guests/pv2.cfg \
	tests/xen/guests/pvh1.cfg \
	tests/xen/dom0/lib.sh \
	tests/xen/dom0/10-xl-info.sh \
	tests/xen/dom0/20-guests.sh \
	tests/xen/dom0/30-xl-control.sh \
	tests/xen/dom0/40-virlist.sh \
	tests/xen/dom0/50-snmpd.sh \
	tests/xen/dom0/60-conformance.sh \
	tests/xen/dom0/70-agent.sh \
	tests/xen/dom0/71-agent-set.sh \
	tests/xen/dom0/72-agent-start.sh \
	tests/xen/dom0/75-notify.sh \
	tests/xen/dom0/85-cost.sh \
	tests/xen/dom0/86-io.sh \
	tests/xen/dom0/90-bench.sh \
	tests/xen/dom0/95-agent-pvh.sh \
	tests/xen/dom0/99-xenstored.sh
EXTRA_DIST += $(XEN_HARNESS_FILES)

# Every program and module the build makes goes into dom0 (the real
# binaries, not libtool wrappers: mkimage.sh takes them from .libs).
XEN_DOM0_BINARIES = $(sbin_PROGRAMS) $(noinst_PROGRAMS) $(check_PROGRAMS) \
	$(pkglib_LTLIBRARIES)
XEN_HARNESS_ENV = abs_srcdir='$(abs_top_srcdir)' \
	abs_builddir='$(abs_top_builddir)' \
	XEN_PROGRAMS='$(XEN_DOM0_BINARIES)'

PHONY_TARGETS += check-xen xen-shell xen-image
check-xen: $(XEN_DOM0_BINARIES)
	@$(XEN_HARNESS_ENV) $(SHELL) $(srcdir)/tests/xen/check-xen.sh
xen-shell: $(XEN_DOM0_BINARIES)
	@$(XEN_HARNESS_ENV) $(SHELL) $(srcdir)/tests/xen/check-xen.sh --shell
# The images alone (tests/xen/image), without booting them.
xen-image: $(XEN_DOM0_BINARIES)
	@$(XEN_HARNESS_ENV) $(SHELL) $(srcdir)/tests/xen/check-xen.sh --image

# The image and the results go with "make clean"; the downloaded packages
# only with "make distclean".
clean-local: clean-xen-harness
clean-xen-harness:
	-rm -rf tests/xen/image tests/xen/results tests/xen/serial.log tests/xen/.lock
distclean-local: distclean-xen-harness
distclean-xen-harness:
	-rm -rf tests/xen/cache
PHONY_TARGETS += clean-xen-harness distclean-xen-harness

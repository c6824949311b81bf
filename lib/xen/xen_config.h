/*
 * xen_config.h: xl configuration files <-> domain definitions.
 *
 * Defined domains of the Xen driver are xl configuration files (xl.cfg(5)).
 * Parsing goes through libxlutil, the parser xl itself uses; writing is
 * ours.  The keys understood, and their counterparts in the domain XML:
 *
 *   name, uuid                     <name>, <uuid>
 *   type = "pv" | "pvh" | "hvm"    <os><type> linux | xenpvh | hvm
 *     (builder = "hvm", the older spelling, is read too)
 *   kernel, ramdisk                <os><kernel>, <os><initrd>
 *   cmdline, or root + extra       <os><cmdline>
 *   memory, maxmem (MiB)           <currentMemory>, <memory> (KiB)
 *   vcpus, maxvcpus                <vcpu current=''>, <vcpu>
 *   cpus = "0-3" | ["0", "1-2"]    <cputune><vcpupin>
 *   on_poweroff/_reboot/_crash     <on_poweroff> ... (destroy, restart,
 *                                  preserve, rename-restart)
 *   disk = [ "..." ]               <disk> (source, target, readonly, cdrom)
 *   vif = [ "mac=..,bridge=..,script=..,ip=.." ]   <interface>
 *   cpuid = "..."                  no XML form: kept for the guest's
 *                                  creation (PVH under QEMU needs it)
 *
 * Other keys are ignored on reading and not written.  A value the other
 * side cannot express (a coredump-destroy action, memory that is not a
 * whole number of MiB, a quote in a string) is an error that names it.
 */

#ifndef LIBVIR_XEN_CONFIG_H
#define LIBVIR_XEN_CONFIG_H

#include "domain_conf.h"

typedef struct _xenConfig xenConfig;

struct _xenConfig {
    virDomainDef *def; /* uuidSet is false when the file has no uuid */
    char *cpuid;       /* may be NULL */
    char *path;        /* the file it was read from; NULL when new */
};

/* Parses the xl configuration @text (@len bytes); @source names it in
 * error messages (a file path).  NULL on error: VIR_ERR_CONFIG_INVALID
 * with "xl config '@source': " and the reason (line numbers from
 * libxlutil for syntax errors), or VIR_ERR_NO_MEMORY. */
xenConfig *xenConfigParse(const char *text, size_t len, const char *source);

/* Writes @cfg as xl configuration text (a new string, caller frees).
 * NULL with VIR_ERR_CONFIG_INVALID when a value cannot be written. */
char *xenConfigFormat(const xenConfig *cfg);

void xenConfigFree(xenConfig *cfg);

#endif /* LIBVIR_XEN_CONFIG_H */

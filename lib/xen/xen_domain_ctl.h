/*
 * xen_domain_ctl.h: what the Xen driver changes, through libxenlight so
 * that xl sees every change (xen_domain_ctl.c: lifecycle; xen_domain_set.c:
 * memory, vcpus, pinning; xen_save.c: save, restore, core dump;
 * xen_device.c: disks and interfaces).  A domain that is not running has
 * its configuration file changed instead, where that makes sense.
 */

#ifndef LIBVIR_XEN_DOMAIN_CTL_H
#define LIBVIR_XEN_DOMAIN_CTL_H

#include "xen_domain_read.h"

/* Waits (at most 10 s) until the hypervisor has released domain @domid:
 * libxl's destroy returns while it may still be dying. */
void xenWaitGone(xenPriv *priv, uint32_t domid);

/* Refuses an operation on Domain-0 (VIR_ERR_OPERATION_INVALID). */
int xenCheckNotDom0(virDomainPtr dom, const xenDomInfo *x, const char *done);

/* Applies @edit to the configuration file of @dom (not running) and
 * writes it back; nothing is written when @edit refuses. */
typedef int (*xenConfigEdit)(virDomainPtr dom, virDomainDef *def,
                             const void *arg);
int xenDomainEditConfig(virDomainPtr dom, xenConfigEdit edit, const void *arg);

/* Reports a failed libxl call @what on @dom with libxl's reason. */
void xenReportCallError(virDomainPtr dom, const xenPriv *priv,
                        const char *what);

virDomainPtr xenDomainCreateLinux(virConnectPtr conn, const char *xmlDesc,
                                  unsigned int flags);
int xenDomainCreate(virDomainPtr dom);
int xenDomainSuspend(virDomainPtr dom);
int xenDomainResume(virDomainPtr dom);
int xenDomainShutdown(virDomainPtr dom);
int xenDomainReboot(virDomainPtr dom, unsigned int flags);
int xenDomainDestroy(virDomainPtr dom);

int xenDomainSetMaxMemory(virDomainPtr dom, unsigned long memory);
int xenDomainSetMemory(virDomainPtr dom, unsigned long memory);
int xenDomainSetVcpus(virDomainPtr dom, unsigned int nvcpus);
int xenDomainPinVcpu(virDomainPtr dom, unsigned int vcpu,
                     const unsigned char *cpumap, int maplen);

int xenDomainSave(virDomainPtr dom, const char *to);
/* The header of a save file (xen_save.c), exported for its fuzz target.
 * Write: the header and configuration @json (libxl JSON) to @fd.  Read:
 * the header and configuration of save file @fd (named @from in errors)
 * into @dc, leaving @fd at the start of the stream.  -1 on error
 * (reported). */
int xenSaveWriteHeader(int fd, const char *json);
int xenSaveReadHeader(xenPriv *priv, int fd, const char *from,
                      libxl_domain_config *dc);
int xenDomainRestore(virConnectPtr conn, const char *from);
int xenDomainCoreDump(virDomainPtr dom, const char *to, int flags);

int xenDomainAttachDevice(virDomainPtr dom, const char *xml);
int xenDomainDetachDevice(virDomainPtr dom, const char *xml);

#endif /* LIBVIR_XEN_DOMAIN_CTL_H */

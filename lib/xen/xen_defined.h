/*
 * xen_defined.h: defined domains of the Xen driver, the xl configuration
 * files NAME.cfg in the connection's directory (/etc/xen unless
 * LIBVIR_XEN_CONFDIR names another).  Files that do not end in ".cfg"
 * (xl.conf, scripts/, README) are not domains; a .cfg file xl cannot parse
 * is skipped by listings and reported when its name is asked for.
 */

#ifndef LIBVIR_XEN_DEFINED_H
#define LIBVIR_XEN_DEFINED_H

#include "xen_priv.h"

/* The configuration of the domain named @name / with @uuid: 1 and *@cfg
 * (caller frees), 0 when there is none, -1 on error. */
int xenDefinedFindByName(xenPriv *priv, const char *name, xenConfig **cfg);
int xenDefinedFindByUUID(xenPriv *priv, const unsigned char *uuid,
                         xenConfig **cfg);

typedef int (*xenDefinedVisitor)(xenConfig *cfg, void *opaque);

/* Calls @visit for each parsable configuration (it takes ownership) until
 * it returns non-zero, which is then returned; 0 after the last one, -1
 * when the directory cannot be read.  Unparsable files are skipped. */
int xenDefinedForEach(xenPriv *priv, xenDefinedVisitor visit, void *opaque);

/* Writes @cfg to DIR/NAME.cfg (atomically: a temporary file renamed). */
int xenDefinedWrite(xenPriv *priv, const xenConfig *cfg);

/* xen_define.c */
int xenConnectListDefinedDomains(virConnectPtr conn, char **names,
                                 int maxnames);
int xenConnectNumOfDefinedDomains(virConnectPtr conn);
virDomainPtr xenDomainDefineXML(virConnectPtr conn, const char *xml);
int xenDomainUndefine(virDomainPtr dom);

#endif /* LIBVIR_XEN_DEFINED_H */

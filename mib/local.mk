## mib/local.mk: XEN-SNMP-MIB, installed where net-snmp finds MIBs.
##
## mibdir comes from configure (--with-mibdir, default
## $(datadir)/snmp/mibs, net-snmp's default search directory).  dist_
## puts the MIB in the tarball too.  The base modules it imports are
## not installed: the stand-ins in tests/mibs serve the offline tests only.

dist_mib_DATA = mib/XEN-SNMP-MIB.txt

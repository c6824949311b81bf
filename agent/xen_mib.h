/*
 * xen_mib.h: XEN-SNMP-MIB's object identifiers and enumerations, as fixed
 * by mib/XEN-SNMP-MIB.txt.  The root is provisional (netSnmpPlaypen 42)
 * until an IANA enterprise number is registered; this is the only place
 * the C sources spell it.
 */

#ifndef XENSNMP_XEN_MIB_H
#define XENSNMP_XEN_MIB_H

/* xenSnmpMIB ::= { netSnmpPlaypen 42 } */
#define XEN_MIB_ROOT 1, 3, 6, 1, 4, 1, 8072, 9999, 9999, 42

#define XEN_MIB_OBJECTS XEN_MIB_ROOT, 1
#define XEN_MIB_NODE_OID XEN_MIB_OBJECTS, 1
#define XEN_MIB_DOMAIN_TABLE_OID XEN_MIB_OBJECTS, 2
#define XEN_MIB_VCPU_TABLE_OID XEN_MIB_OBJECTS, 3
#define XEN_MIB_VIF_TABLE_OID XEN_MIB_OBJECTS, 5
#define XEN_MIB_VBD_TABLE_OID XEN_MIB_OBJECTS, 6

/* xenNode scalars. */
enum {
    XEN_NODE_HYPERVISOR_TYPE = 1,
    XEN_NODE_HYPERVISOR_VERSION = 2,
    XEN_NODE_LIBRARY_VERSION = 3,
    XEN_NODE_CPU_MODEL = 4,
    XEN_NODE_MEMORY = 5,
    XEN_NODE_FREE_MEMORY = 6,
    XEN_NODE_CPUS = 7,
    XEN_NODE_MAX_CPUS = 8,
    XEN_NODE_MHZ = 9,
    XEN_NODE_NUMA_NODES = 10,
    XEN_NODE_SOCKETS = 11,
    XEN_NODE_CORES = 12,
    XEN_NODE_THREADS = 13,
    XEN_NODE_ACTIVE_DOMAINS = 14,
    XEN_NODE_DEFINED_DOMAINS = 15,
    XEN_NODE_DOMAIN_TABLE_LAST_CHANGE = 16,
    XEN_NODE_LAST_REFRESH = 17,
    XEN_NODE_REFRESH_DURATION = 18,
    XEN_NODE_CONNECTION_STATE = 19,
    XEN_NODE_FAILED_CALLS = 20,
    XEN_NODE_REFRESHES = 21,
    XEN_NODE_LIBRARY_CALLS = 22,
    XEN_NODE_CONTROL_ENABLED = 23
};
#define XEN_NODE_MIN_COLUMN XEN_NODE_HYPERVISOR_TYPE
#define XEN_NODE_MAX_COLUMN XEN_NODE_CONTROL_ENABLED

/* xenNodeConnectionState */
enum { XEN_CONNECTION_UP = 1, XEN_CONNECTION_DOWN = 2 };

/* TruthValue (SNMPv2-TC) */
enum { XEN_TRUTH_TRUE = 1, XEN_TRUTH_FALSE = 2 };

/* xenDomainEntry columns. */
enum {
    XEN_DOM_NAME = 1,
    XEN_DOM_UUID = 2,
    XEN_DOM_UUID_TEXT = 3,
    XEN_DOM_ID = 4,
    XEN_DOM_OS_TYPE = 5,
    XEN_DOM_OPER_STATE = 6,
    XEN_DOM_ADMIN_STATE = 7,
    XEN_DOM_MAX_MEMORY = 8,
    XEN_DOM_MEMORY = 9,
    XEN_DOM_MEMORY_TARGET = 10,
    XEN_DOM_MAX_MEMORY_MIB = 11,
    XEN_DOM_MEMORY_TARGET_MIB = 12,
    XEN_DOM_VCPUS = 13,
    XEN_DOM_MAX_VCPUS = 14,
    XEN_DOM_CPU_TIME = 15,
    XEN_DOM_CPU_USAGE = 16,
    XEN_DOM_UPTIME = 17,
    XEN_DOM_DISCONTINUITY_TIME = 18,
    XEN_DOM_LAST_ACTION = 19,
    XEN_DOM_LAST_ACTION_TIME = 20,
    XEN_DOM_LAST_ACTION_STATUS = 21,
    XEN_DOM_LAST_ACTION_ERROR = 22,
    XEN_DOM_NAME_TEXT = 23
};
#define XEN_DOM_MIN_COLUMN XEN_DOM_UUID
#define XEN_DOM_MAX_COLUMN XEN_DOM_NAME_TEXT

/* xenDomAdminState */
enum {
    XEN_ADMIN_RUNNING = 1,
    XEN_ADMIN_PAUSED = 2,
    XEN_ADMIN_SHUTDOWN = 3,
    XEN_ADMIN_REBOOT = 4,
    XEN_ADMIN_DESTROYED = 5
};

/* xenDomLastAction */
enum {
    XEN_ACTION_NONE = 1,
    XEN_ACTION_START = 2,
    XEN_ACTION_RESUME = 3,
    XEN_ACTION_SUSPEND = 4,
    XEN_ACTION_SHUTDOWN = 5,
    XEN_ACTION_REBOOT = 6,
    XEN_ACTION_DESTROY = 7,
    XEN_ACTION_SET_MAX_MEMORY = 8,
    XEN_ACTION_SET_MEMORY_TARGET = 9,
    XEN_ACTION_SET_VCPUS = 10,
    XEN_ACTION_PIN_VCPU = 11
};

/* xenDomLastActionStatus */
enum {
    XEN_ACTION_STATUS_NONE = 1,
    XEN_ACTION_STATUS_IN_PROGRESS = 2,
    XEN_ACTION_STATUS_SUCCEEDED = 3,
    XEN_ACTION_STATUS_FAILED = 4
};

/* xenNotifications beyond the lifecycle ones (those are xsEventType). */
enum {
    XEN_NOTIFY_CONTROL_FAILED = 8,
    XEN_NOTIFY_CONNECTION_LOST = 9,
    XEN_NOTIFY_CONNECTION_RESTORED = 10
};

/* xenNotifyObjects */
enum {
    XEN_NOTIFY_DOMAIN_NAME = 1,
    XEN_NOTIFY_PREVIOUS_STATE = 2,
    XEN_NOTIFY_ACTION = 3,
    XEN_NOTIFY_ERROR = 4
};

/* xenVcpuEntry columns. */
enum {
    XEN_VCPU_NUMBER = 1,
    XEN_VCPU_STATE = 2,
    XEN_VCPU_CPU_TIME = 3,
    XEN_VCPU_PHYSICAL_CPU = 4,
    XEN_VCPU_AFFINITY = 5,
    XEN_VCPU_NAME = 6
};
#define XEN_VCPU_MIN_COLUMN XEN_VCPU_STATE
#define XEN_VCPU_MAX_COLUMN XEN_VCPU_NAME

/* xenVifEntry columns: the name, then the XS_VIF_* counters in their
 * order (snapshot.h), then the discontinuity time. */
enum {
    XEN_VIF_INDEX = 1,
    XEN_VIF_NAME = 2,
    XEN_VIF_IN_OCTETS = 3,  /* first counter */
    XEN_VIF_OUT_DROPS = 10, /* last counter */
    XEN_VIF_DISCONTINUITY_TIME = 11
};
#define XEN_VIF_MIN_COLUMN XEN_VIF_NAME
#define XEN_VIF_MAX_COLUMN XEN_VIF_DISCONTINUITY_TIME

/* xenVbdEntry columns: the names, then the XS_VBD_* counters in their
 * order, then the discontinuity time. */
enum {
    XEN_VBD_INDEX = 1,
    XEN_VBD_NAME = 2,
    XEN_VBD_BACKEND_NAME = 3,
    XEN_VBD_READ_REQUESTS = 4,     /* first counter */
    XEN_VBD_DISCARD_REQUESTS = 10, /* last counter */
    XEN_VBD_DISCONTINUITY_TIME = 11
};
#define XEN_VBD_MIN_COLUMN XEN_VBD_NAME
#define XEN_VBD_MAX_COLUMN XEN_VBD_DISCONTINUITY_TIME

#endif /* XENSNMP_XEN_MIB_H */

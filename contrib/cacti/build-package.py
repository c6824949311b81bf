#!/usr/bin/env python3
"""build-package.py: makes xensnmp.xml.gz, the Cacti package of xensnmp.

Usage: build-package.py [--key KEY.pem] OUTPUT
       build-package.py --check PACKAGE

The package is what Cacti 1.2.24 (Debian 12's cacti) imports with
cli/import_package.php or Console > Import/Export > Import Packages: a
gzipped XML holding the template XML (data queries, data templates,
graph templates, CDEFs), the five data query files of this directory,
and RSA signatures of each and of the whole, checked against the public
key the package carries (Cacti shows its name and fingerprint when
importing).  Every object's hash derives from its name here, so
rebuilding gives the same templates; only the signatures depend on the
key.  Without --key a throwaway key is made (openssl).  --check exits 0
when PACKAGE holds exactly the files this script would put in it (make
check-cacti runs it on the shipped xensnmp.xml.gz, so that it never falls
behind its sources), and prints the differences otherwise.

Objects reused from a stock Cacti (referenced by their fixed hashes): the
data input method "Get SNMP Data (Indexed)" and its fields, the GPRINT
preset "Normal" and the data source profile "5 Minute Collection"
(import_package.php --profile-id picks another).
"""

import base64
import gzip
import hashlib
import os
import subprocess
import sys
import tempfile
from xml.etree import ElementTree
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
VERSION = "0103"  # Cacti's hash version code of 1.2.24
CACTI_VERSION = "1.2.24"

# Stock Cacti objects.
DI_SNMP_INDEXED = "bf566c869ac6443b0c75d1c32b5a350e"
# Fields of "Get SNMP Data (Indexed)": the data source supplies the last
# three (t_value "on"), the device the others.
DI_FIELDS = [
    ("617cdc8a230615e59f06f361ef6e7728", False),  # management_ip
    ("acb449d1451e8a2a655c2c99d31142c7", False),  # snmp_community
    ("f4facc5e2ca7ebee621f09bc6d9fc792", False),  # snmp_username
    ("1cc1493a6781af2c478fa4de971531cf", False),  # snmp_password
    ("b5c23f246559df38662c255f4aa21d6b", False),  # snmp_version
    ("c1f36ee60c3dc98945556d57f26e475b", False),  # snmp_port
    ("2cf7129ad3ff819a7a7ac189bee48ce8", False),  # snmp_auth_protocol
    ("6b13ac0a0194e171d241d4b06f913158", False),  # snmp_priv_passphrase
    ("3a33d4fc65b8329ab2ac46a36da26b72", False),  # snmp_priv_protocol
    ("6027a919c7c7731fbe095b6f53ab127b", True),  # index_type
    ("cbbe5c1ddfb264a6e5d509ce1c78c95f", True),  # index_value
    ("e6deda7be0f391399c5130e7c4a48b28", True),  # output_type
]
GPRINT_NORMAL = "e9c43831e54eca8069317a2ce8c6f751"
PROFILE_5MIN = "d62c52891f4f9688729a5bc9fad91b18"

# Cacti's codes (include/global_constants.php).
GAUGE, COUNTER = 1, 2
LINE2, AREA, STACK, GPRINT = 5, 7, 8, 9
CF_AVERAGE, CF_MAX, CF_LAST = 1, 3, 4
CDEF_DS, CDEF_OPERATOR, CDEF_STRING = 4, 2, 6
OP_MULTIPLY, OP_DIVIDE = 3, 4

# CDEFs: key -> (name, factor, operator) applied to CURRENT_DATA_SOURCE.
CDEFS = {
    "bytes": ("Xen - KiB to Bytes", "1024", OP_MULTIPLY),
    # ns of cpu time per second / 1e9 * 100: percent of one cpu.
    "ns_percent": ("Xen - CPU ns/s to Percent", "10000000", OP_DIVIDE),
    "centi_percent": ("Xen - Hundredths to Percent", "100", OP_DIVIDE),
    "bits": ("Xen - Octets to Bits", "8", OP_MULTIPLY),
    # xenVbd*Sectors count 512-octet sectors whatever the disk's own size.
    "sectors": ("Xen - Sectors to Bytes", "512", OP_MULTIPLY),
}

# Data templates: key -> (name, [(data source, type)]).  Each is filled
# by one data query graph (QUERIES), all through Get SNMP Data (Indexed).
# A graph draws every data source of its data templates: Cacti makes the
# RRD file with those it draws but polls all, and an RRD that lacks one
# takes no update at all ("unknown DS name").
DATA_TEMPLATES = {
    "dom_cpu_time": ("Xen - Domain CPU Time", [("cpu_time", COUNTER)]),
    "dom_cpu_usage": ("Xen - Domain CPU Usage", [("cpu_usage", GAUGE)]),
    "dom_mem": (
        "Xen - Domain Memory",
        [("memory", GAUGE), ("memory_target", GAUGE), ("memory_max", GAUGE)],
    ),
    "dom_vcpus": ("Xen - Domain Vcpus", [("vcpus", GAUGE), ("vcpus_max", GAUGE)]),
    "vcpu_cpu": ("Xen - Vcpu CPU", [("cpu_time", COUNTER)]),
    "host_mem": ("Xen - Host Memory", [("memory", GAUGE), ("memory_free", GAUGE)]),
    "host_doms": (
        "Xen - Host Domains",
        [("domains_active", GAUGE), ("domains_defined", GAUGE)],
    ),
    "vif_traffic": (
        "Xen - Interface Traffic", [("traffic_in", COUNTER), ("traffic_out", COUNTER)],
    ),
    "vbd_requests": ("Xen - Disk Requests", [("reads", COUNTER), ("writes", COUNTER)]),
    "vbd_sectors": (
        "Xen - Disk Sectors", [("read_sectors", COUNTER), ("write_sectors", COUNTER)],
    ),
}


def area_and_line(dt, cdef, area, line):
    """The items of a device graph: an area for one data source of data
    template dt and a line for the other (reads and writes, in and out),
    each given as (data source, color, legend), both through cdef."""
    return [(dt, ds, kind, color, cdef, legend)
            for kind, (ds, color, legend) in ((AREA, area), (LINE2, line))]


# Graph templates: key -> (name, vertical label, base, upper limit,
# [(data template, data source, type, color, cdef, legend)]).
GRAPH_TEMPLATES = {
    "dom_cpu_usage": (
        "Xen - Domain CPU Usage", "percent of one cpu", 1000, 100,
        [("dom_cpu_usage", "cpu_usage", AREA, "4668E4", "centi_percent", "CPU usage")],
    ),
    "dom_cpu_time": (
        "Xen - Domain CPU Time", "percent of one cpu", 1000, 100,
        [("dom_cpu_time", "cpu_time", AREA, "00A348", "ns_percent", "CPU time rate")],
    ),
    "dom_memory": (
        "Xen - Domain Memory", "bytes", 1024, 0,
        [
            ("dom_mem", "memory", AREA, "8D85F3", "bytes", "Memory"),
            ("dom_mem", "memory_target", LINE2, "E45E07", "bytes", "Target"),
            ("dom_mem", "memory_max", LINE2, "000000", "bytes", "Maximum"),
        ],
    ),
    "dom_vcpus": (
        "Xen - Domain Vcpus", "vcpus", 1000, 0,
        [
            ("dom_vcpus", "vcpus", AREA, "F5B700", None, "Online"),
            ("dom_vcpus", "vcpus_max", LINE2, "000000", None, "Maximum"),
        ],
    ),
    "vcpu_cpu_time": (
        "Xen - Vcpu CPU Time", "percent of one cpu", 1000, 100,
        [("vcpu_cpu", "cpu_time", AREA, "00A348", "ns_percent", "CPU time rate")],
    ),
    "host_memory": (
        "Xen - Host Memory", "bytes", 1024, 0,
        [
            ("host_mem", "memory_free", AREA, "7EE600", "bytes", "Free"),
            ("host_mem", "memory", LINE2, "000000", "bytes", "Total"),
        ],
    ),
    "host_domains": (
        "Xen - Host Domains", "domains", 1000, 0,
        [
            ("host_doms", "domains_active", AREA, "4668E4", None, "Active"),
            ("host_doms", "domains_defined", STACK, "C4C4C4", None, "Defined"),
        ],
    ),
    # In and out as the guest sees them (XEN-SNMP-MIB xenVifInOctets).
    "vif_traffic": (
        "Xen - Interface Traffic", "bits per second", 1000, 0,
        area_and_line("vif_traffic", "bits", ("traffic_in", "00CF00", "Inbound"),
                      ("traffic_out", "002A97", "Outbound")),
    ),
    "vbd_requests": (
        "Xen - Disk Requests", "requests per second", 1000, 0,
        area_and_line("vbd_requests", None, ("reads", "4668E4", "Reads"),
                      ("writes", "E45E07", "Writes")),
    ),
    "vbd_sectors": (
        "Xen - Disk Throughput", "bytes per second", 1024, 0,
        area_and_line("vbd_sectors", "sectors", ("read_sectors", "4668E4", "Read"),
                      ("write_sectors", "E45E07", "Written")),
    ),
}

# Data queries: (file, name, description, name field, title subject,
# [(graph name, graph template, data template, [(field, data source)])]).
QUERIES = [
    (
        "xensnmp_host.xml", "Xen - Host", "The Xen host (xenNode).",
        None, "Xen host",
        [
            ("Host Memory", "host_memory", "host_mem",
             [("xenNodeMemory", "memory"), ("xenNodeFreeMemory", "memory_free")]),
            ("Host Domains", "host_domains", "host_doms",
             [("xenNodeActiveDomains", "domains_active"),
              ("xenNodeDefinedDomains", "domains_defined")]),
        ],
    ),
    (
        "xensnmp_domains.xml", "Xen - Domains",
        "The domains of a Xen host (xenDomainTable), by name.",
        "xenDomNameText", "Xen domain",
        [
            ("Domain CPU Usage", "dom_cpu_usage", "dom_cpu_usage",
             [("xenDomCpuUsage", "cpu_usage")]),
            ("Domain CPU Time", "dom_cpu_time", "dom_cpu_time",
             [("xenDomCpuTime", "cpu_time")]),
            ("Domain Memory", "dom_memory", "dom_mem",
             [("xenDomMemory", "memory"), ("xenDomMemoryTarget", "memory_target"),
              ("xenDomMaxMemory", "memory_max")]),
            ("Domain Vcpus", "dom_vcpus", "dom_vcpus",
             [("xenDomVcpus", "vcpus"), ("xenDomMaxVcpus", "vcpus_max")]),
        ],
    ),
    (
        "xensnmp_vcpus.xml", "Xen - Vcpus",
        "The virtual cpus of a Xen host's domains (xenVcpuTable).",
        "xenVcpuName", "Xen vcpu",
        [
            ("Vcpu CPU Time", "vcpu_cpu_time", "vcpu_cpu",
             [("xenVcpuCpuTime", "cpu_time")]),
        ],
    ),
    (
        "xensnmp_vifs.xml", "Xen - Interfaces",
        "The network interfaces of a Xen host's domains (xenVifTable).",
        "xenVifName", "Xen interface",
        [
            ("Interface Traffic", "vif_traffic", "vif_traffic",
             [("xenVifInOctets", "traffic_in"), ("xenVifOutOctets", "traffic_out")]),
        ],
    ),
    (
        "xensnmp_vbds.xml", "Xen - Disks",
        "The block devices of a Xen host's domains (xenVbdTable).",
        "xenVbdBackendName", "Xen disk",
        [
            ("Disk Requests", "vbd_requests", "vbd_requests",
             [("xenVbdReadRequests", "reads"), ("xenVbdWriteRequests", "writes")]),
            ("Disk Throughput", "vbd_sectors", "vbd_sectors",
             [("xenVbdReadSectors", "read_sectors"),
              ("xenVbdWriteSectors", "write_sectors")]),
        ],
    ),
]


def digest(*parts):
    """The 32 hex digits of an object's hash, from its kind and names."""
    return hashlib.md5("/".join(("xensnmp",) + parts).encode()).hexdigest()


def ref(code, hexhash):
    return "hash_%s%s%s" % (code, VERSION, hexhash)


class Writer:
    def __init__(self):
        self.lines = []

    def open(self, depth, tag):
        self.lines.append("\t" * depth + "<%s>" % tag)

    def close(self, depth, tag):
        self.lines.append("\t" * depth + "</%s>" % tag)

    def leaf(self, depth, tag, value):
        self.lines.append("\t" * depth + "<%s>%s</%s>" % (tag, escape(str(value)), tag))

    def fields(self, depth, pairs):
        for tag, value in pairs:
            self.leaf(depth, tag, value)


def cdef_xml(w, key):
    name, factor, op = CDEFS[key]
    h = ref("05", digest("cdef", key))
    w.open(1, h)
    w.leaf(2, "name", name)
    w.open(2, "items")
    items = [(CDEF_DS, "CURRENT_DATA_SOURCE"), (CDEF_STRING, factor), (CDEF_OPERATOR, op)]
    for seq, (kind, value) in enumerate(items, 1):
        ih = ref("14", digest("cdef_item", key, str(seq)))
        w.open(3, ih)
        w.fields(4, [("sequence", seq), ("type", kind), ("value", value)])
        w.close(3, ih)
    w.close(2, "items")
    w.close(1, h)


def rrd_ref(dt, ds):
    return ref("08", digest("data_template_item", dt, ds))


def data_template_xml(w, key, title):
    name, sources = DATA_TEMPLATES[key]
    h = ref("01", digest("data_template", key))
    w.open(1, h)
    w.leaf(2, "name", name)
    w.open(2, "ds")
    w.fields(3, [
        ("t_name", ""), ("name", "|host_description| - %s" % title),
        ("data_source_path", ""),
        ("data_input_id", ref("03", DI_SNMP_INDEXED)),
        ("t_data_source_profile_id", ""),
        ("data_source_profile_id", ref("20", PROFILE_5MIN)),
        ("t_rrd_step", ""), ("rrd_step", 300),
        ("t_active", ""), ("active", "on"),
    ])
    w.close(2, "ds")
    w.open(2, "items")
    for ds, dstype in sources:
        ih = rrd_ref(key, ds)
        w.open(3, ih)
        w.fields(4, [
            ("t_data_source_name", ""), ("data_source_name", ds),
            ("t_rrd_minimum", ""), ("rrd_minimum", 0),
            ("t_rrd_maximum", ""), ("rrd_maximum", "U"),
            ("t_data_source_type_id", ""), ("data_source_type_id", dstype),
            ("t_rrd_heartbeat", ""), ("rrd_heartbeat", 600),
            ("t_data_input_field_id", ""), ("data_input_field_id", 0),
        ])
        w.close(3, ih)
    w.close(2, "items")
    w.open(2, "data")
    for i, (field, per_source) in enumerate(DI_FIELDS):
        tag = "item_%03d" % i
        w.open(3, tag)
        w.fields(4, [
            ("data_input_field_id", ref("07", field)),
            ("t_value", "on" if per_source else ""), ("value", ""),
        ])
        w.close(3, tag)
    w.close(2, "data")
    w.close(1, h)


def graph_template_xml(w, key, title):
    name, label, base, upper, sources = GRAPH_TEMPLATES[key]
    h = ref("00", digest("graph_template", key))
    w.open(1, h)
    w.leaf(2, "name", name)
    w.open(2, "graph")
    w.fields(3, [
        ("t_title", ""), ("title", "|host_description| - %s" % title),
        ("t_vertical_label", ""), ("vertical_label", label),
        ("t_image_format_id", ""), ("image_format_id", 1),
        ("t_height", ""), ("height", 200), ("t_width", ""), ("width", 700),
        ("t_base_value", ""), ("base_value", base),
        ("t_slope_mode", ""), ("slope_mode", "on"),
        ("t_auto_scale", ""), ("auto_scale", "on"),
        ("t_auto_scale_opts", ""), ("auto_scale_opts", 2),
        ("t_auto_scale_rigid", ""), ("auto_scale_rigid", ""),
        ("t_upper_limit", ""), ("upper_limit", upper),
        ("t_lower_limit", ""), ("lower_limit", 0),
        ("t_auto_padding", ""), ("auto_padding", "on"),
        ("t_tab_width", ""), ("tab_width", 40),
        ("t_legend_position", ""), ("legend_position", 0),
        ("t_legend_direction", ""), ("legend_direction", 0),
    ])
    w.close(2, "graph")
    # Each data source: its area or line, then current, average and
    # maximum; inputs[i] lists the items that draw data source i.
    items, inputs = [], []
    for dt, ds, kind, color, cdef, legend in sources:
        mine = []
        for gtype, cf, text, ret in (
            (kind, CF_AVERAGE, legend, ""),
            (GPRINT, CF_LAST, "Current:", ""),
            (GPRINT, CF_AVERAGE, "Average:", ""),
            (GPRINT, CF_MAX, "Maximum:", "on"),
        ):
            seq = len(items) + 1
            ih = digest("graph_template_item", key, str(seq))
            mine.append(ih)
            items.append((ih, [
                ("graph_type_id", gtype), ("task_item_id", rrd_ref(dt, ds)),
                ("color_id", color if gtype != GPRINT else 0),
                ("alpha", "FF"), ("consolidation_function_id", cf),
                ("cdef_id", ref("05", digest("cdef", cdef)) if cdef else 0),
                ("vdef_id", 0), ("shift", ""), ("value", ""),
                ("gprint_id", ref("06", GPRINT_NORMAL)), ("textalign", ""),
                ("text_format", text), ("hard_return", ret),
                ("line_width", "2.00" if gtype == LINE2 else "0.00"),
                ("dashes", ""), ("dash_offset", 0), ("sequence", seq),
            ]))
        inputs.append((ds, legend, mine))
    w.open(2, "items")
    for ih, fields in items:
        w.open(3, ref("10", ih))
        w.fields(4, fields)
        w.close(3, ref("10", ih))
    w.close(2, "items")
    w.open(2, "inputs")
    for ds, legend, mine in inputs:
        ih = ref("09", digest("graph_template_input", key, ds))
        w.open(3, ih)
        w.fields(4, [
            ("name", "%s Data Source" % legend), ("description", ""),
            ("column_name", "task_item_id"),
            ("items", "|".join(ref("00", i) for i in mine)),
        ])
        w.close(3, ih)
    w.close(2, "inputs")
    w.close(1, h)


def subject(query, name):
    """A title: what the row is (with its name) and what the object shows,
    "Xen domain |query_xenDomNameText| - Memory" for "Xen - Domain Memory".
    """
    _, _, _, field, what, _ = query
    row = what if field is None else "%s |query_%s|" % (what, field)
    return "%s - %s" % (row, name.split(" - ", 1)[1])


def data_query_xml(w, query):
    path, name, description, _, _, graphs = query
    qkey = os.path.splitext(path)[0]
    h = ref("04", digest("data_query", qkey))
    w.open(1, h)
    w.fields(2, [
        ("name", name), ("description", description),
        ("xml_path", "<path_cacti>/resource/snmp_queries/%s" % path),
        ("data_input_id", ref("03", DI_SNMP_INDEXED)),
    ])
    w.open(2, "graphs")
    for gname, gt, dt, fields in graphs:
        gh = ref("11", digest("data_query_graph", qkey, gt))
        w.open(3, gh)
        w.fields(4, [("graph_template_id", ref("00", digest("graph_template", gt))),
                     ("name", gname)])
        w.open(4, "rrd")
        for i, (field, ds) in enumerate(fields):
            tag = "item_%03d" % i
            w.open(5, tag)
            w.fields(6, [
                ("snmp_field_name", field),
                ("data_template_id", ref("01", digest("data_template", dt))),
                ("data_template_rrd_id", rrd_ref(dt, ds)),
            ])
            w.close(5, tag)
        w.close(4, "rrd")
        sv = ref("12", digest("data_query_sv_graph", qkey, gt))
        w.open(4, "sv_graph")
        w.open(5, sv)
        w.fields(6, [("field_name", "title"), ("sequence", 1),
                     ("text", "|host_description| - "
                      + subject(query, GRAPH_TEMPLATES[gt][0]))])
        w.close(5, sv)
        w.close(4, "sv_graph")
        sv = ref("13", digest("data_query_sv_data_source", qkey, gt))
        w.open(4, "sv_data_source")
        w.open(5, sv)
        w.fields(6, [("field_name", "name"),
                     ("data_template_id", ref("01", digest("data_template", dt))),
                     ("sequence", 1),
                     ("text", "|host_description| - "
                      + subject(query, DATA_TEMPLATES[dt][0]))])
        w.close(5, sv)
        w.close(4, "sv_data_source")
        w.close(3, gh)
    w.close(2, "graphs")
    w.close(1, h)


def templates():
    """The template XML, as Cacti's export writes it."""
    w = Writer()
    w.lines.append("<cacti>")
    for key in CDEFS:
        cdef_xml(w, key)
    done = set()
    for query in QUERIES:
        for _, gt, dt, _ in query[5]:
            if dt not in done:
                data_template_xml(w, dt, subject(query, DATA_TEMPLATES[dt][0]))
                done.add(dt)
            graph_template_xml(w, gt, subject(query, GRAPH_TEMPLATES[gt][0]))
    for query in QUERIES:
        data_query_xml(w, query)
    w.lines.append("</cacti>")
    return "\n".join(w.lines) + "\n"


def sign(key, data):
    out = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key],
                         input=data, stdout=subprocess.PIPE, check=True).stdout
    return base64.b64encode(out).decode()


def package_files():
    """(name, content) of each file of the package: the templates first."""
    files = [("xensnmp.xml", templates().encode())]
    for query in QUERIES:
        with open(os.path.join(HERE, query[0]), "rb") as f:
            files.append(("resource/snmp_queries/" + query[0], f.read()))
    return files


def check(path):
    with gzip.open(path) as z:
        root = ElementTree.fromstring(z.read())
    got = {f.findtext("name"): base64.b64decode(f.findtext("data"))
           for f in root.iter("file")}
    want = dict(package_files())
    bad = sorted(n for n in set(got) | set(want) if got.get(n) != want.get(n))
    for name in bad:
        sys.stdout.write("%s: %s\n" % (path, name if name in got and name in want
                                        else name + (" missing" if name in want
                                                     else " extra")))
    return 1 if bad else 0


def package(key, out):
    pub = subprocess.run(["openssl", "rsa", "-in", key, "-pubout"],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         check=True).stdout
    files = package_files()
    lines = [
        "<xml>",
        "   <info>",
        "     <name>xensnmp Xen Host</name>",
        "     <author>The xensnmp project</author>",
        "     <homepage>README.md of the xensnmp source tree</homepage>",
        "     <email></email>",
        "     <description>Graphs of a Xen host, its domains, their vcpus, "
        "interfaces and disks, "
        "read from XEN-SNMP-MIB (xensnmpd)</description>",
        "     <class>hypervisor</class>",
        "     <tags>xen xensnmp hypervisor</tags>",
        "     <installation>For Xen hosts running snmpd with xensnmpd</installation>",
        "     <version>%s</version>" % CACTI_VERSION,
        "     <copyright>GNU General Public License</copyright>",
        "   </info>",
        "   <publickey>%s</publickey>" % base64.b64encode(pub).decode(),
        "   <publickeyname>%s</publickeyname>"
        % base64.b64encode(b"xensnmp").decode(),
        "   <directories>",
        "       <directory>resource/snmp_queries</directory>",
        "   </directories>",
        "   <files>",
    ]
    for name, data in files:
        lines += [
            "       <file>",
            "           <name>%s</name>" % name,
            "           <data>%s</data>" % base64.b64encode(data).decode(),
            "           <filesignature>%s</filesignature>" % sign(key, data),
            "       </file>",
        ]
    # Cacti checks the signature of the text with this line emptied.
    lines += ["   </files>", "   <signature></signature>", "</xml>"]
    text = "\n".join(lines) + "\n"
    signature = sign(key, text.encode())
    text = text.replace("   <signature></signature>\n",
                        "   <signature>%s</signature>\n" % signature)
    with open(out, "wb") as f:
        # mtime 0: the same input gives the same gzip stream.
        with gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as z:
            z.write(text.encode())


def main(argv):
    key = None
    checking = False
    args = list(argv)
    while args and args[0].startswith("--"):
        opt = args.pop(0)
        if opt == "--key" and args:
            key = args.pop(0)
        elif opt == "--check":
            checking = True
        else:
            args = []
            break
    if len(args) != 1:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    if checking:
        return check(args[0])
    with tempfile.TemporaryDirectory() as tmp:
        if key is None:
            key = os.path.join(tmp, "key.pem")
            subprocess.run(["openssl", "genrsa", "-out", key, "2048"],
                           stderr=subprocess.DEVNULL, check=True)
        package(key, args[0])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

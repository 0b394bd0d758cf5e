"""Data for scripts/gen_fixtures.py: every Region of the aws partition with its zones, which
Regions are opt-in, which instance types each Region and zone offers, and the DescribeInstanceTypes
details of the fixture's instance types. Source keys (MOTO-ZONES, MOTO-OFFERINGS, MOTO-TYPES,
AZ-DOC, REAL:<id>) are those of gen_fixtures.py's docstring. Standard library only.
"""

# Every Region of the "aws" partition in botocore 1.43.11's data/endpoints.json (34 Regions), with
# its description from that file. (region, description, [(zone letter, AZ ID number)], AZ ID prefix)
# Zones: MOTO-ZONES where moto lists the Region's mapping (the 11 Regions of earlier fixtures,
# us-west-1, ap-northeast-2, eu-west-3); the letters and AZ IDs of the other Regions are those in
# moto's instance_type_offerings/availability-zone and availability-zone-id files (MOTO-OFFERINGS),
# paired a=az1, b=az2, c=az3 as moto does: AWS maps letters to AZ IDs uniformly in every Region
# introduced after November 2012 (AZ-DOC az-ids.html), and the pairing itself is moto's [?].
# ap-east-2, ap-southeast-6, ap-southeast-7 and mx-central-1 are in no moto file: three zones a-c
# (AZ-DOC: "Each Region has at least three Availability Zones") with IDs <prefix>-az1..3 and the
# prefix built by AZ-DOC's rule [?].
# ap-northeast-1 a/c/d -> az4/az1/az2 is also real describe-availability-zones output (gist
# matsubo/9308b3a9, REAL:15431296760).
def _abc(n=3):
    return [(chr(ord("a") + i), i + 1) for i in range(n)]


REGIONS = [
    ("af-south-1", "Africa (Cape Town)", _abc(), "afs1"),
    ("ap-east-1", "Asia Pacific (Hong Kong)", _abc(), "ape1"),
    ("ap-east-2", "Asia Pacific (Taipei)", _abc(), "ape2"),
    ("ap-northeast-1", "Asia Pacific (Tokyo)", [("a", 4), ("c", 1), ("d", 2)], "apne1"),
    ("ap-northeast-2", "Asia Pacific (Seoul)", _abc(4), "apne2"),
    ("ap-northeast-3", "Asia Pacific (Osaka)", _abc(), "apne3"),
    ("ap-south-1", "Asia Pacific (Mumbai)", [("a", 1), ("b", 3), ("c", 2)], "aps1"),
    ("ap-south-2", "Asia Pacific (Hyderabad)", _abc(), "aps2"),
    ("ap-southeast-1", "Asia Pacific (Singapore)", _abc(), "apse1"),
    ("ap-southeast-2", "Asia Pacific (Sydney)", [("a", 1), ("b", 3), ("c", 2)], "apse2"),
    ("ap-southeast-3", "Asia Pacific (Jakarta)", _abc(), "apse3"),
    ("ap-southeast-4", "Asia Pacific (Melbourne)", _abc(), "apse4"),
    ("ap-southeast-5", "Asia Pacific (Malaysia)", _abc(), "apse5"),
    ("ap-southeast-6", "Asia Pacific (New Zealand)", _abc(), "apse6"),
    ("ap-southeast-7", "Asia Pacific (Thailand)", _abc(), "apse7"),
    ("ca-central-1", "Canada (Central)", [("a", 1), ("b", 2), ("d", 4)], "cac1"),
    ("ca-west-1", "Canada West (Calgary)", _abc(), "caw1"),
    ("eu-central-1", "Europe (Frankfurt)", _abc(), "euc1"),
    ("eu-central-2", "Europe (Zurich)", _abc(), "euc2"),
    ("eu-north-1", "Europe (Stockholm)", _abc(), "eun1"),
    ("eu-south-1", "Europe (Milan)", _abc(), "eus1"),
    ("eu-south-2", "Europe (Spain)", _abc(), "eus2"),
    ("eu-west-1", "Europe (Ireland)", [("a", 3), ("b", 1), ("c", 2)], "euw1"),
    ("eu-west-2", "Europe (London)", [("a", 2), ("b", 3), ("c", 1)], "euw2"),
    ("eu-west-3", "Europe (Paris)", _abc(), "euw3"),
    ("il-central-1", "Israel (Tel Aviv)", _abc(), "ilc1"),
    ("me-central-1", "Middle East (UAE)", _abc(), "mec1"),
    ("me-south-1", "Middle East (Bahrain)", _abc(), "mes1"),
    ("mx-central-1", "Mexico (Central)", _abc(), "mxc1"),
    ("sa-east-1", "South America (Sao Paulo)", _abc(), "sae1"),
    ("us-east-1", "US East (N. Virginia)",
     [("a", 6), ("b", 1), ("c", 2), ("d", 4), ("e", 3), ("f", 5)], "use1"),
    ("us-east-2", "US East (Ohio)", _abc(), "use2"),
    ("us-west-1", "US West (N. California)", [("a", 3), ("b", 1)], "usw1"),
    ("us-west-2", "US West (Oregon)", [("a", 2), ("b", 1), ("c", 3), ("d", 4)], "usw2"),
]

# Opt-in Regions: AWS Account Management guide, "Enable or disable AWS Regions in your account"
# (docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html): "Regions launched
# before March 20, 2019 are enabled by default ... Regions launched after March 20, 2019 are
# disabled by default and referred to as opt-in Regions". These are the Regions above launched
# after that date (ap-east-1 2019-04 onwards; ap-northeast-3, launched as a local Region in 2018,
# is a default Region). The EC2 API reference (Region.OptInStatus) gives a new account's values:
# opt-in-not-required, or not-opted-in until the account enables the Region.
OPT_IN_REGIONS = {
    "af-south-1", "ap-east-1", "ap-east-2", "ap-south-2", "ap-southeast-3", "ap-southeast-4",
    "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-west-1", "eu-central-2",
    "eu-south-1", "eu-south-2", "il-central-1", "me-central-1", "me-south-1", "mx-central-1",
}

# Which of the fixture's instance types a Region or zone does NOT offer (DescribeInstanceType-
# Offerings), from MOTO-OFFERINGS (region/<r>.json and availability-zone/<r>.json, real
# DescribeInstanceTypeOfferings output moto ships). (region) -> (types missing in the Region,
# {zone letter: types the Region offers but that zone does not}). Regions absent from moto
# (ap-east-2, ap-southeast-6, ap-southeast-7, mx-central-1) lack what every newer moto Region
# lacks: the previous-generation and Xen types and t3a [?].
_XEN = ["t2.nano", "t2.micro", "t2.small", "t2.medium", "m4.large", "c4.large"]
_T3A = ["t3a.nano", "t3a.micro", "t3a.small", "t3a.medium", "t3a.large"]
_T3 = ["t3.nano", "t3.micro", "t3.small", "t3.medium", "t3.large", "t3.xlarge"]
_T4G = ["t4g.nano", "t4g.micro", "t4g.small", "t4g.medium", "t4g.large"]
_NEW = ["m1.small"] + _XEN + _T3A
OFFERING_GAPS = {
    "af-south-1": (_NEW + ["m6a.large", "m7i-flex.large"],
                   {"a": ["c6g.large", "c7i.large"], "c": ["c7i-flex.large"]}),
    "ap-east-1": (_NEW + ["m6a.large"], {}),
    "ap-east-2": (_NEW, {}),
    "ap-northeast-1": ([], {"c": _T3A, "d": ["m1.small"]}),
    "ap-northeast-2": (["m1.small", "m6a.large"],
                       {"a": ["c7i-flex.large"], "b": _XEN + _T3A, "c": ["c7i-flex.large"],
                        "d": _XEN + _T3A}),
    "ap-northeast-3": (["m1.small"] + _T3A + ["m6a.large", "c7i-flex.large"],
                       {"b": _XEN, "c": _XEN}),
    "ap-south-1": (["m1.small"], {"c": _XEN}),
    "ap-south-2": (_NEW + ["m7i.large", "m7i-flex.large", "c7i-flex.large"], {}),
    "ap-southeast-1": ([], {"c": ["m1.small"]}),
    "ap-southeast-2": ([], {"c": ["m1.small"]}),
    "ap-southeast-3": (_NEW + ["m6a.large", "c6i.large", "r6i.large"], {}),
    "ap-southeast-4": (_NEW + ["m6i.large", "m6a.large", "c6i.large", "c7g.large",
                               "c7i-flex.large", "r6i.large"], {}),
    "ap-southeast-5": (_NEW + ["m5.large", "m5.xlarge", "m6a.large", "c5.large", "r5.large"], {}),
    "ap-southeast-6": (_NEW, {}),
    "ap-southeast-7": (_NEW, {}),
    "ca-central-1": (["m1.small"], {"d": _XEN + _T3A}),
    "ca-west-1": (_NEW + ["m6a.large", "m7g.large", "m7i.large", "m7i-flex.large", "c7i.large",
                          "c7i-flex.large"], {}),
    "eu-central-1": (["m1.small"], {"a": ["c7i-flex.large"]}),
    "eu-central-2": (_NEW + ["m6a.large", "m7i-flex.large", "c6i.large"], {"a": ["c7g.large"]}),
    "eu-north-1": (_NEW + ["m6a.large"], {}),
    "eu-south-1": (["m1.small"] + _XEN + ["m7g.large", "m7i-flex.large", "c7i.large",
                                          "c7i-flex.large"], {}),
    "eu-south-2": (_NEW + ["m6i.large", "m6a.large", "c6i.large", "r6i.large"], {}),
    "eu-west-1": ([], {}),
    "eu-west-2": (["m1.small"], {}),
    "eu-west-3": (["m1.small", "m4.large", "c4.large"], {}),
    "il-central-1": (["m1.small"] + _XEN + ["m6a.large", "m7i-flex.large", "c7i.large",
                                            "c7i-flex.large"], {}),
    "me-central-1": (_NEW + _T3 + _T4G + ["m6a.large", "m7i-flex.large", "c6i.large",
                                          "c7g.large", "c7i-flex.large"], {}),
    "me-south-1": (_NEW + ["m6a.large", "m7i.large", "m7i-flex.large", "c7i.large",
                           "c7i-flex.large"], {}),
    "mx-central-1": (_NEW, {}),
    "sa-east-1": ([], {"b": ["m1.small"] + _XEN, "c": ["m1.small"]}),
    "us-east-1": ([], {"e": ["m1.small"] + _T3 + _T3A + _T4G + [
        "m5.large", "m5.xlarge", "m6i.large", "m6a.large", "m6g.large", "m7g.large", "m7i.large",
        "m7i-flex.large", "c5.large", "c6g.large", "c6i.large", "c7g.large", "c7i.large",
        "c7i-flex.large", "r5.large", "r6g.large", "r6i.large"], "f": ["m1.small"]}),
    "us-east-2": (["m1.small"], {}),
    "us-west-1": ([], {}),
    "us-west-2": ([], {"d": ["m1.small"] + _XEN}),
}

# t1.micro, added later from moto 0af643a5d's offerings (region/ and availability-zone/<r>.json):
# offered in these Regions only, and there not in the zones listed.
_T1_MICRO = {"ap-northeast-1": ["d"], "ap-southeast-1": ["c"], "ap-southeast-2": ["c"],
             "eu-west-1": [], "sa-east-1": ["b", "c"], "us-east-1": ["e"], "us-west-1": [],
             "us-west-2": ["d"]}
for _region, (_missing, _zones) in list(OFFERING_GAPS.items()):
    if _region not in _T1_MICRO:
        OFFERING_GAPS[_region] = (_missing + ["t1.micro"], _zones)
        continue
    _zones = {letter: list(types) for letter, types in _zones.items()}
    for _letter in _T1_MICRO[_region]:
        _zones[_letter] = _zones.get(_letter, []) + ["t1.micro"]
    OFFERING_GAPS[_region] = (_missing, _zones)

REGIONS_SOURCE = (
    "The 34 Regions of the aws partition in botocore 1.43.11 data/endpoints.json, with its "
    "descriptions. Zone names and AZ IDs: moto 5.2.1 moto/ec2/models/availability_zones_and_"
    "regions.py (one real account's mapping) where it lists the Region, else the zones and AZ IDs "
    "in moto's instance_type_offerings files paired a=az1, b=az2, c=az3 (uniform mapping for "
    "Regions introduced after November 2012, docs.aws.amazon.com/global-infrastructure/latest/"
    "regions/az-ids.html; the pairing is moto's [?]); ap-east-2, ap-southeast-6, ap-southeast-7 "
    "and mx-central-1 are in no moto file: zones a-c with AZ IDs <prefix>-az1..3 [?]. The oldest "
    "Regions map letters to AZ IDs per account, so those IDs are one account's view. "
    "opt_in_status is a new account's: not-opted-in for the Regions launched after 2019-03-20 "
    "(AWS Account Management guide, manage-acct-regions.html), else opt-in-not-required. "
    "missing_instance_types (Region) and zones[].missing_instance_types (zone): the fixture's "
    "instance types not offered there, from moto 5.2.1 instance_type_offerings (real "
    "DescribeInstanceTypeOfferings output); for the four Regions moto lacks, derived [?] as the "
    "previous-generation, Xen and t3a types every newer moto Region lacks. "
    "Endpoints ec2.<region>.amazonaws.com (botocore endpoint rules)."
)

# What DescribeInstanceTypes shows beyond the columns above, from MOTO-TYPES (CurrentGeneration,
# BurstablePerformanceSupported, HibernationSupported, ProcessorInfo.Manufacturer,
# VCpuInfo.DefaultCores/DefaultThreadsPerCore, NetworkInfo.NetworkPerformance/EnaSupport/
# MaximumNetworkInterfaces/Ipv4AddressesPerInterface, SupportedRootDeviceTypes,
# SupportedVirtualizationTypes), as the dump has them (it marks m5, m6i, r5, r6i previous
# generation).
INSTANCE_TYPE_DETAILS = {
    "m1.small": (False, False, False, "Intel", 1, 1,
        "Low", "unsupported", 2, 4, ["ebs", "instance-store"],
        ["hvm", "paravirtual"]),
    # moto 0af643a5d moto/ec2/resources/instance_types.json
    "t1.micro": (False, False, False, "Intel", 1, 1,
        "Very Low", "unsupported", 2, 2, ["ebs"],
        ["hvm", "paravirtual"]),
    "t2.nano": (True, True, True, "Intel", 1, 1,
        "Low to Moderate", "unsupported", 2, 2, ["ebs"],
        ["hvm"]),
    "t2.micro": (True, True, True, "Intel", 1, 1,
        "Low to Moderate", "unsupported", 2, 2, ["ebs"],
        ["hvm"]),
    "t2.small": (True, True, True, "Intel", 1, 1,
        "Low to Moderate", "unsupported", 3, 4, ["ebs"],
        ["hvm"]),
    "t2.medium": (True, True, True, "Intel", 2, 1,
        "Low to Moderate", "unsupported", 3, 6, ["ebs"],
        ["hvm"]),
    "t3.nano": (True, True, True, "Intel", 1, 2,
        "Up to 5 Gigabit", "required", 2, 2, ["ebs"],
        ["hvm"]),
    "t3.micro": (True, True, True, "Intel", 1, 2,
        "Up to 5 Gigabit", "required", 2, 2, ["ebs"],
        ["hvm"]),
    "t3.small": (True, True, True, "Intel", 1, 2,
        "Up to 5 Gigabit", "required", 3, 4, ["ebs"],
        ["hvm"]),
    "t3.medium": (True, True, True, "Intel", 1, 2,
        "Up to 5 Gigabit", "required", 3, 6, ["ebs"],
        ["hvm"]),
    "t3.large": (True, True, True, "Intel", 1, 2,
        "Up to 5 Gigabit", "required", 3, 12, ["ebs"],
        ["hvm"]),
    "t3.xlarge": (True, True, True, "Intel", 2, 2,
        "Up to 5 Gigabit", "required", 4, 15, ["ebs"],
        ["hvm"]),
    "t3a.nano": (True, True, True, "AMD", 1, 2,
        "Up to 5 Gigabit", "required", 2, 2, ["ebs"],
        ["hvm"]),
    "t3a.micro": (True, True, True, "AMD", 1, 2,
        "Up to 5 Gigabit", "required", 2, 2, ["ebs"],
        ["hvm"]),
    "t3a.small": (True, True, True, "AMD", 1, 2,
        "Up to 5 Gigabit", "required", 2, 4, ["ebs"],
        ["hvm"]),
    "t3a.medium": (True, True, True, "AMD", 1, 2,
        "Up to 5 Gigabit", "required", 3, 6, ["ebs"],
        ["hvm"]),
    "t3a.large": (True, True, True, "AMD", 1, 2,
        "Up to 5 Gigabit", "required", 3, 12, ["ebs"],
        ["hvm"]),
    "t4g.nano": (True, True, True, "AWS", 2, 1,
        "Up to 5 Gigabit", "required", 2, 2, ["ebs"],
        ["hvm"]),
    "t4g.micro": (True, True, True, "AWS", 2, 1,
        "Up to 5 Gigabit", "required", 2, 2, ["ebs"],
        ["hvm"]),
    "t4g.small": (True, True, True, "AWS", 2, 1,
        "Up to 5 Gigabit", "required", 3, 4, ["ebs"],
        ["hvm"]),
    "t4g.medium": (True, True, True, "AWS", 2, 1,
        "Up to 5 Gigabit", "required", 3, 6, ["ebs"],
        ["hvm"]),
    "t4g.large": (True, True, True, "AWS", 2, 1,
        "Up to 5 Gigabit", "required", 3, 12, ["ebs"],
        ["hvm"]),
    "m4.large": (False, False, True, "Intel", 1, 2,
        "Moderate", "unsupported", 2, 10, ["ebs"],
        ["hvm"]),
    "c4.large": (False, False, True, "Intel", 1, 2,
        "Moderate", "unsupported", 3, 10, ["ebs"],
        ["hvm"]),
    "m5.large": (False, False, True, "Intel", 1, 2,
        "Up to 10 Gigabit", "required", 3, 10, ["ebs"],
        ["hvm"]),
    "m5.xlarge": (False, False, True, "Intel", 2, 2,
        "Up to 10 Gigabit", "required", 4, 15, ["ebs"],
        ["hvm"]),
    "m6i.large": (False, False, True, "Intel", 1, 2,
        "Up to 12.5 Gigabit", "required", 3, 10, ["ebs"],
        ["hvm"]),
    "m6a.large": (True, False, True, "AMD", 1, 2,
        "Up to 12.5 Gigabit", "required", 3, 10, ["ebs"],
        ["hvm"]),
    "m6g.large": (True, False, True, "AWS", 2, 1,
        "Up to 10 Gigabit", "required", 3, 10, ["ebs"],
        ["hvm"]),
    "m7g.large": (True, False, True, "AWS", 2, 1,
        "Up to 12.5 Gigabit", "required", 3, 10, ["ebs"],
        ["hvm"]),
    "m7i.large": (True, False, True, "Intel", 1, 2,
        "Up to 12.5 Gigabit", "required", 3, 10, ["ebs"],
        ["hvm"]),
    "m7i-flex.large": (True, False, True, "Intel", 1, 2,
        "Up to 12.5 Gigabit", "required", 3, 10, ["ebs"],
        ["hvm"]),
    "c5.large": (False, False, True, "Intel", 1, 2,
        "Up to 10 Gigabit", "required", 3, 10, ["ebs"],
        ["hvm"]),
    "c6g.large": (True, False, True, "AWS", 2, 1,
        "Up to 10 Gigabit", "required", 3, 10, ["ebs"],
        ["hvm"]),
    "c6i.large": (True, False, True, "Intel", 1, 2,
        "Up to 12.5 Gigabit", "required", 3, 10, ["ebs"],
        ["hvm"]),
    "c7g.large": (True, False, True, "AWS", 2, 1,
        "Up to 12.5 Gigabit", "required", 3, 10, ["ebs"],
        ["hvm"]),
    "c7i.large": (True, False, True, "Intel", 1, 2,
        "Up to 12.5 Gigabit", "required", 3, 10, ["ebs"],
        ["hvm"]),
    "c7i-flex.large": (True, False, True, "Intel", 1, 2,
        "Up to 12.5 Gigabit", "required", 3, 10, ["ebs"],
        ["hvm"]),
    "r5.large": (False, False, True, "Intel", 1, 2,
        "Up to 10 Gigabit", "required", 3, 10, ["ebs"],
        ["hvm"]),
    "r6g.large": (True, False, True, "AWS", 2, 1,
        "Up to 10 Gigabit", "required", 3, 10, ["ebs"],
        ["hvm"]),
    "r6i.large": (False, False, False, "Intel", 1, 2,
        "Up to 12.5 Gigabit", "required", 3, 10, ["ebs"],
        ["hvm"]),
}
DETAIL_KEYS = ("current_generation", "burstable_performance", "hibernation", "manufacturer",
               "default_cores", "threads_per_core", "network_performance", "ena_support",
               "max_network_interfaces", "ipv4_per_interface", "root_device_types",
               "virtualization_types")

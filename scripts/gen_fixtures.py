#!/usr/bin/env python3
"""Writes fixtures/{regions,instance-types,software,images,marketplace}.json for amisim.

The fixtures are committed; this script is their source. Facts carry their source in a comment
and in a "_source" string in the JSON; facts that could not be confirmed are marked "[?]".
Figures that are modelling choices (boot time, install time, used bytes) are marked "[model]".

    python3 scripts/gen_fixtures.py           # rewrite the five files
    python3 scripts/gen_fixtures.py --check   # exit 1 if a committed file is out of date

Standard library only. Output is deterministic: sorted keys, fixed list order, IDs derived from
sha256 of (family, Region, kind), never random.

Source keys used below (all read 2026-11 through the project's search tool or from the packages
installed on the development machine):
  MOTO-ZONES   moto 5.2.1 (pip, installed in the image's Python 3.11):
               moto/ec2/models/availability_zones_and_regions.py, the zone name -> AZ ID mapping
               moto records from one real account; Regions not listed there use the uniform
               a=az1, b=az2, c=az3 mapping. Zone names cross-checked against
               moto/ec2/resources/instance_type_offerings/availability-zone/<region>.json.gz.
  MOTO-OFFERINGS moto 5.2.1 moto/ec2/resources/instance_type_offerings/{region,availability-zone,
               availability-zone-id}/<region>.json.gz: real DescribeInstanceTypeOfferings output per
               Region, zone name and AZ ID (which zones exist, which types each offers).
  MOTO-TYPES   moto 5.2.1 moto/ec2/resources/instance_types.json.gz: a dump of real
               DescribeInstanceTypes output (vCPUs, MiB, SupportedArchitectures, Hypervisor,
               FreeTierEligible, SupportedBootModes).
  AZ-DOC       docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html
               and az-ids.html: the oldest Regions map zone letters to AZ IDs per account.
  UG-BILLING   awsdocs/amazon-ec2-user-guide doc_source/billing-info-fields.md (platform details
               and usage operation table: Windows RunInstances:0002, Red Hat Enterprise Linux
               RunInstances:0010).
  REAL:<id>    real DescribeImages / CLI / Terraform output quoted in a public repository
               (search-index document id).
  3P:<id>      third-party code or text naming a real image or value (document id).
  DOC:<id>     AWS documentation or AWS-published example text (document id).
"""

import hashlib
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

# --------------------------------------------------------------------------------------------
# Regions and Availability Zones
# --------------------------------------------------------------------------------------------

# The Regions, their zones, opt-in status and instance-type offerings, and the instance types'
# DescribeInstanceTypes details, each with its source, live in scripts/fixture_regions.py.
from fixture_regions import (INSTANCE_TYPE_DETAILS, DETAIL_KEYS, OFFERING_GAPS, OPT_IN_REGIONS,
                             REGIONS, REGIONS_SOURCE)


def regions_json():
    regions = []
    for name, description, zones, prefix in REGIONS:
        missing, zone_gaps = OFFERING_GAPS[name]
        known = {t[0] for t in INSTANCE_TYPES}
        for listed in [missing] + list(zone_gaps.values()):
            if not set(listed) <= known:
                raise SystemExit(f"unknown instance type in OFFERING_GAPS[{name}]")
        zone_rows = []
        for letter, n in zones:
            row = {"name": name + letter, "zone_id": f"{prefix}-az{n}"}
            if zone_gaps.get(letter):
                row["missing_instance_types"] = zone_gaps[letter]
            zone_rows.append(row)
        regions.append({
            "name": name,
            "description": description,
            "endpoint": f"ec2.{name}.amazonaws.com",
            "opt_in_status": "not-opted-in" if name in OPT_IN_REGIONS else "opt-in-not-required",
            "missing_instance_types": missing,
            "zones": zone_rows,
        })
    return {"_source": REGIONS_SOURCE, "regions": regions}


# --------------------------------------------------------------------------------------------
# Instance types
# --------------------------------------------------------------------------------------------

# boot_seconds is the modelled pending -> running time [model]. Reasoning: on Nitro the host
# hands over a bare-metal-like slice and the EBS root attaches as NVMe, so observed
# pending -> running is 10-20 s; Graviton hosts are at the fast end. Xen (t2, m4, c4) adds
# dom0 device setup and is typically 25-40 s; m1.small is a previous-generation Xen type on the
# oldest hosts and is modelled at a minute. These are not AWS figures.
BOOT_SECONDS = {
    "xen-previous": 60,  # m1.small, t1.micro
    "xen": 30,           # t2.*, m4, c4
    "nitro-5": 16,       # t3, t3a, m5, c5, r5 (first Nitro generation)
    "nitro-6": 14,       # m6i, m6a, c6i, r6i, m7i, c7i, *-flex
    "graviton": 13,      # t4g, m6g, c6g, r6g, m7g, c7g
}

# (name, vCPUs, memory MiB, architectures, hypervisor, boot modes, free tier, boot class).
# Source: MOTO-TYPES (DefaultVCpus, MemoryInfo.SizeInMiB, SupportedArchitectures, Hypervisor,
# SupportedBootModes, FreeTierEligible). FreeTierEligible is the dump's value: since the free
# tier change of July 2025 it is t3.micro, t3.small, t4g.micro, t4g.small, m7i-flex.large and
# c7i-flex.large; t2.micro was the free-tier type for older accounts and reads false there.
# m1.small is RunInstances' documented default InstanceType (EC2 API reference, RunInstances).
X86_XEN = (["i386", "x86_64"], "xen", ["legacy-bios"])
X86_NITRO = (["x86_64"], "nitro", ["legacy-bios", "uefi"])
ARM = (["arm64"], "nitro", ["uefi"])
INSTANCE_TYPES = [
    ("m1.small", 1, 1740, X86_XEN, False, "xen-previous"),
    # t1.micro: moto 0af643a5d's instance_types.json (DescribeInstanceTypes: 1 vCPU, 627 MiB,
    # i386/x86_64, xen, legacy-bios); previous generation like m1.small, and moto's tests' type.
    ("t1.micro", 1, 627, X86_XEN, False, "xen-previous"),
    ("t2.nano", 1, 512, X86_XEN, False, "xen"),
    ("t2.micro", 1, 1024, X86_XEN, False, "xen"),
    ("t2.small", 1, 2048, X86_XEN, False, "xen"),
    ("t2.medium", 2, 4096, X86_XEN, False, "xen"),
    ("t3.nano", 2, 512, X86_NITRO, False, "nitro-5"),
    ("t3.micro", 2, 1024, X86_NITRO, True, "nitro-5"),
    ("t3.small", 2, 2048, X86_NITRO, True, "nitro-5"),
    ("t3.medium", 2, 4096, X86_NITRO, False, "nitro-5"),
    ("t3.large", 2, 8192, X86_NITRO, False, "nitro-5"),
    ("t3.xlarge", 4, 16384, X86_NITRO, False, "nitro-5"),
    ("t3a.nano", 2, 512, X86_NITRO, False, "nitro-5"),
    ("t3a.micro", 2, 1024, X86_NITRO, False, "nitro-5"),
    ("t3a.small", 2, 2048, X86_NITRO, False, "nitro-5"),
    ("t3a.medium", 2, 4096, X86_NITRO, False, "nitro-5"),
    ("t3a.large", 2, 8192, X86_NITRO, False, "nitro-5"),
    ("t4g.nano", 2, 512, ARM, False, "graviton"),
    ("t4g.micro", 2, 1024, ARM, True, "graviton"),
    ("t4g.small", 2, 2048, ARM, True, "graviton"),
    ("t4g.medium", 2, 4096, ARM, False, "graviton"),
    ("t4g.large", 2, 8192, ARM, False, "graviton"),
    # m4/c4 keep a Xen, BIOS-only type in the set: uefi-preferred AMIs boot legacy-bios there.
    ("m4.large", 2, 8192, (["x86_64"], "xen", ["legacy-bios"]), False, "xen"),
    ("c4.large", 2, 3840, (["x86_64"], "xen", ["legacy-bios"]), False, "xen"),
    ("m5.large", 2, 8192, X86_NITRO, False, "nitro-5"),
    ("m5.xlarge", 4, 16384, X86_NITRO, False, "nitro-5"),
    ("m6i.large", 2, 8192, X86_NITRO, False, "nitro-6"),
    ("m6a.large", 2, 8192, X86_NITRO, False, "nitro-6"),
    ("m6g.large", 2, 8192, ARM, False, "graviton"),
    ("m7g.large", 2, 8192, ARM, False, "graviton"),
    ("m7i.large", 2, 8192, X86_NITRO, False, "nitro-6"),
    ("m7i-flex.large", 2, 8192, X86_NITRO, True, "nitro-6"),
    ("c5.large", 2, 4096, X86_NITRO, False, "nitro-5"),
    ("c6g.large", 2, 4096, ARM, False, "graviton"),
    ("c6i.large", 2, 4096, X86_NITRO, False, "nitro-6"),
    ("c7g.large", 2, 4096, ARM, False, "graviton"),
    ("c7i.large", 2, 4096, X86_NITRO, False, "nitro-6"),
    ("c7i-flex.large", 2, 4096, X86_NITRO, True, "nitro-6"),
    ("r5.large", 2, 16384, X86_NITRO, False, "nitro-5"),
    ("r6g.large", 2, 16384, ARM, False, "graviton"),
    ("r6i.large", 2, 16384, X86_NITRO, False, "nitro-6"),
]

INSTANCE_TYPES_SOURCE = (
    "vcpus, memory_mib, architectures, hypervisor, supported_boot_modes, free_tier_eligible: "
    "real DescribeInstanceTypes data as shipped in moto 5.2.1 "
    "(moto/ec2/resources/instance_types.json.gz). free_tier_eligible follows that dump (post "
    "July-2025 free tier: t3.micro/small, t4g.micro/small, m7i-flex.large, c7i-flex.large). "
    "m1.small is RunInstances' documented default InstanceType. boot_seconds is a modelling "
    "choice [model], not an AWS figure: pending->running modelled at 13-16 s on Nitro "
    "(Graviton 13, 6th/7th gen 14, 5th gen 16), 30 s on Xen (t2, m4, c4), 60 s for the "
    "previous-generation m1.small. current_generation, burstable_performance, hibernation, "
    "manufacturer, default_cores, threads_per_core, network_performance, ena_support, "
    "max_network_interfaces, ipv4_per_interface, root_device_types, virtualization_types: the "
    "same moto dump (DescribeInstanceTypes fields of those names)."
)


def instance_types_json():
    out = []
    for name, vcpus, mib, (archs, hypervisor, modes), free, boot in INSTANCE_TYPES:
        out.append({
            "name": name, "vcpus": vcpus, "memory_mib": mib, "architectures": archs,
            "hypervisor": hypervisor, "supported_boot_modes": modes,
            "free_tier_eligible": free, "boot_seconds": BOOT_SECONDS[boot],
            **dict(zip(DETAIL_KEYS, INSTANCE_TYPE_DETAILS[name])),
        })
    return {"_source": INSTANCE_TYPES_SOURCE, "instance_types": out}


# --------------------------------------------------------------------------------------------
# Installable software (what a golden-AMI user-data script installs)
# --------------------------------------------------------------------------------------------

# (name, install seconds, installed size MiB, what it stands for). All [model]: plausible
# figures for a dnf/apt install on a small instance from a nearby mirror (download + unpack +
# scriptlets), sized as the installed footprint including the dependencies a base image lacks.
# Larger runtimes (Corretto, Docker) dominate; "os-updates" stands for a full dnf/apt upgrade,
# the step golden AMIs exist to take out of boot time.
SOFTWARE = [
    ("amazon-cloudwatch-agent", 25, 240, "CloudWatch agent RPM/deb"),
    ("amazon-ssm-agent", 10, 90, "Systems Manager agent (preinstalled on AL; listed for others)"),
    ("docker", 55, 260, "docker engine + containerd + runc"),
    ("git", 15, 45, "git client with perl dependencies"),
    ("httpd", 20, 12, "Apache httpd 2.4 + apr"),
    ("java-17-amazon-corretto", 60, 330, "Amazon Corretto 17 (full JDK)"),
    ("mariadb", 45, 180, "MariaDB 10.5 server"),
    ("nginx", 20, 8, "nginx 1.2x + modules"),
    ("nodejs", 30, 70, "Node.js 20 + npm"),
    ("os-updates", 150, 350, "full package upgrade (dnf upgrade / apt-get upgrade)"),
    ("php", 25, 40, "PHP 8 + php-fpm + common extensions"),
    ("postgresql", 40, 60, "PostgreSQL 16 server + contrib"),
    ("python3", 15, 35, "Python 3 interpreter (often already present)"),
    ("python3-pip", 10, 12, "pip for Python 3"),
    ("redis", 15, 6, "Redis 6/7 server"),
]

SOFTWARE_SOURCE = (
    "install_seconds and size_mib are modelling figures [model]: plausible durations for a "
    "package-manager install on a small instance from a Regional mirror, and installed "
    "footprints including dependencies a base image lacks. They are not measured AWS values."
)


def software_json():
    packages = [{"name": n, "install_seconds": s, "size_mib": m, "notes": why}
                for n, s, m, why in SOFTWARE]
    return {"_source": SOFTWARE_SOURCE, "packages": packages}


# --------------------------------------------------------------------------------------------
# Public image catalogue
# --------------------------------------------------------------------------------------------

# Owner accounts. Every one of these shows ImageOwnerAlias "amazon" and ImageLocation
# "amazon/<name>" in real DescribeImages output, Canonical, Debian and Red Hat included:
#   Canonical: REAL:8142874628 (jammy 20240301), REAL:70940296048 (noble, Terraform aws_ami),
#              REAL:66555195639 (owner alias of al2023, rhel_9 and ubuntu_24_04 all "amazon").
#   Debian:    REAL:35719818592 (debian-12-amd64-20231013-1532, image_owner_alias "amazon").
#   Red Hat:   3P:31782716699 (cloudigrade test record of a real RHEL_HA image).
OWNERS = [
    {"account": "137112412989", "alias": "amazon",
     "_source": "Amazon Linux owner: moto latest_amis/*.json owner_id; REAL:15431296760"},
    {"account": "801119661308", "alias": "amazon",
     "_source": "Windows (Amazon) owner: moto amis.json Windows_Server-* records"},
    {"account": "099720109477", "alias": "amazon",
     "_source": "Canonical; alias amazon per REAL:8142874628, REAL:70940296048"},
    {"account": "136693071363", "alias": "amazon",
     "_source": "Debian; alias amazon per REAL:35719818592; account per 3P:30471977198"},
    {"account": "309956199498", "alias": "amazon",
     "_source": "Red Hat; alias amazon per 3P:31782716699; moto amis.json RHEL-7.4 record"},
]

AL2023_SOURCE = (
    "Name/description pattern: moto latest_amis (al2023-ami-<ver>-kernel-6.1-<arch>, "
    "'Amazon Linux 2023 AMI <ver> <arch> HVM kernel-6.1'). Release 2023.6.20250218.2 is real "
    "(REAL:36159993302 lists the x86_64 image created 2025-02-20T21:32:31Z in us-east-1; "
    "3P:15510544952 the arm64 one). Root /dev/xvda 8 GiB gp3, BootMode uefi-preferred, "
    "ImdsSupport v2.0: REAL:66759562308 (AMI created from an AL2023 image). SSM parameter "
    "names: moto ssm/resources/ami-amazon-linux-latest. root_used_mib [model]."
)
AL2023_ARM_SOURCE = AL2023_SOURCE + " arm64 BootMode 'uefi' [?] (Graviton boots UEFI only)."
AL2_SOURCE = (
    "amzn2-ami-hvm-2.0.20250220.0-x86_64-gp2 is real, created 2025-02-20T22:38:11Z "
    "(3P:4661760154). The SSM parameter amzn2-ami-hvm-x86_64-gp2 names the default-kernel "
    "(4.14) image 'amzn2-ami-hvm-...', not the kernel-5.10 one, which has its own parameter "
    "amzn2-ami-kernel-5.10-hvm-x86_64-gp2 (aws-cdk amazon-linux-2.ts; moto SSM data). "
    "Description 'Amazon Linux 2 AMI <ver> x86_64 HVM gp2', root /dev/xvda 8 GiB gp2, no "
    "BootMode, no ImdsSupport: REAL:15431296760 (Terraform aws_ami of 2.0.20250818.2). "
    "root_used_mib [model]."
)
NOBLE_SOURCE = (
    "Owner 099720109477 (Canonical), alias amazon (REAL:70940296048). Name "
    "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20250305 is real "
    "(3P:1619604349). Description 'Canonical, Ubuntu, 24.04, amd64 noble image', root "
    "/dev/sda1 8 GiB gp3, BootMode uefi-preferred, ImdsSupport v2.0: REAL:70940296048 (a 2026 "
    "noble build; same for 20250305 [?]). Real images also map ephemeral0/1 at /dev/sdb, "
    "/dev/sdc (not modelled). SSM .../24.04/stable/current/amd64/hvm/ebs-gp3/ami-id widely "
    "used (3P:69856938378). Creation time [?]; root_used_mib [model]."
)
JAMMY_SOURCE = (
    "Owner 099720109477 (Canonical), alias amazon. Name "
    "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20250305 is real (3P:1619604349). "
    "Description 'Canonical, Ubuntu, 22.04 LTS, amd64 jammy image build on <date>', root "
    "/dev/sda1 8 GiB gp2, BootMode uefi-preferred, no ImdsSupport: REAL:8142874628 (20240301 "
    "build). SSM .../22.04/stable/current/amd64/hvm/ebs-gp2/ami-id (3P:27453384559). "
    "Creation time [?]; root_used_mib [model]."
)
DEBIAN_SOURCE = (
    "Owner 136693071363 (Debian) with debian-12-amd64-20250210-2019 (3P:30471977198). "
    "Description 'Debian 12 (<build>)' and alias amazon: REAL:35719818592. Root /dev/xvda gp2: "
    "debian-cloud-images upload_ec2.py (GoCarrot mirror) registers /dev/xvda with VolumeType "
    "gp2; 8 GiB [?]; no BootMode/ImdsSupport set by that uploader [?] (newer builds may set "
    "them). SSM /aws/service/debian/release/12/latest/amd64 (3P:55057514423, "
    "3P:25814337327). Creation time [?]; root_used_mib [model]."
)
RHEL_SOURCE = (
    "Owner 309956199498 (Red Hat). RHEL-9.5.0_HVM-20250313-x86_64-0-Hourly2-GP3 is real "
    "(3P:11834012236, image location amazon/...). Description 'Provided by Red Hat, Inc.', "
    "root /dev/sda1 10 GiB: AWS CLI describe-images example (DOC:2388920823); GP3 per the name "
    "suffix. PlatformDetails 'Red Hat Enterprise Linux', UsageOperation RunInstances:0010: "
    "EC2 UG billing-info-fields.md. Billing product bp-6fa54006 on Hourly2 images: Red Hat's "
    "own AMI tests (3P:6715869974). No public SSM parameter from Red Hat [?]. BootMode and "
    "ImdsSupport unset [?]. Creation time [?]; root_used_mib [model]."
)
WINDOWS_SOURCE = (
    "Owner 801119661308, alias amazon (moto amis.json). Windows_Server-2022-English-Full-Base-"
    "2025.02.13 is real (3P:6941335557); description 'Microsoft Windows Server 2022 Full "
    "Locale English AMI provided by Amazon' (moto amis.json pattern; 3P:33301361051). Platform "
    "windows, root /dev/sda1 (moto amis.json). PlatformDetails Windows, UsageOperation "
    "RunInstances:0002: EC2 UG billing-info-fields.md. Billing product bp-6ba54002: Windows "
    "instance identity documents (AWS Tools for PowerShell Get-EC2InstanceMetadata example "
    "DOC:70210300536; amazon-ssm-agent billing gatherer 3P:2107541646). SSM "
    "/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base (DOC:52119610606). "
    "Root 30 GiB [?]; gp2 [?]; no BootMode (legacy-bios default) [?]; ImdsSupport unset [?]. "
    "Creation time [?]; root_used_mib [model]."
)

AL_SSM = "/aws/service/ami-amazon-linux-latest/"
UBUNTU_SSM = "/aws/service/canonical/ubuntu/server/"

# One record per family; "regions" is filled in by image_ids(). Keys follow api/io/fixtures.cpp.
FAMILIES = [
    {
        "family": "al2023-x86_64", "owner": "137112412989", "architecture": "x86_64",
        "name": "al2023-ami-2023.6.20250218.2-kernel-6.1-x86_64",
        "description": "Amazon Linux 2023 AMI 2023.6.20250218.2 x86_64 HVM kernel-6.1",
        "root_device_name": "/dev/xvda", "root_size_gib": 8, "volume_type": "gp3",
        "boot_mode": "uefi-preferred", "imds_support": "v2.0",
        "ssm_parameter": AL_SSM + "al2023-ami-kernel-default-x86_64",
        "creation_date": "2025-02-20T21:32:31.000Z", "root_used_mib": 1640,
        "_source": AL2023_SOURCE,
    },
    {
        "family": "al2023-arm64", "owner": "137112412989", "architecture": "arm64",
        "name": "al2023-ami-2023.6.20250218.2-kernel-6.1-arm64",
        "description": "Amazon Linux 2023 AMI 2023.6.20250218.2 arm64 HVM kernel-6.1",
        "root_device_name": "/dev/xvda", "root_size_gib": 8, "volume_type": "gp3",
        "boot_mode": "uefi", "imds_support": "v2.0",
        "ssm_parameter": AL_SSM + "al2023-ami-kernel-default-arm64",
        "creation_date": "2025-02-20T21:33:04.000Z", "root_used_mib": 1580,
        "_source": AL2023_ARM_SOURCE,
    },
    {
        "family": "al2-x86_64", "owner": "137112412989", "architecture": "x86_64",
        "name": "amzn2-ami-hvm-2.0.20250220.0-x86_64-gp2",
        "description": "Amazon Linux 2 AMI 2.0.20250220.0 x86_64 HVM gp2",
        "root_device_name": "/dev/xvda", "root_size_gib": 8, "volume_type": "gp2",
        "boot_mode": "", "imds_support": "",
        "ssm_parameter": AL_SSM + "amzn2-ami-hvm-x86_64-gp2",
        "creation_date": "2025-02-20T22:38:11.000Z", "root_used_mib": 1530,
        "_source": AL2_SOURCE,
    },
    {
        "family": "ubuntu-24.04-x86_64", "owner": "099720109477", "architecture": "x86_64",
        "name": "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20250305",
        "description": "Canonical, Ubuntu, 24.04, amd64 noble image",
        "root_device_name": "/dev/sda1", "root_size_gib": 8, "volume_type": "gp3",
        "boot_mode": "uefi-preferred", "imds_support": "v2.0",
        "ssm_parameter": UBUNTU_SSM + "24.04/stable/current/amd64/hvm/ebs-gp3/ami-id",
        "creation_date": "2025-03-05T10:27:14.000Z", "root_used_mib": 2010,
        "_source": NOBLE_SOURCE,
    },
    {
        "family": "ubuntu-22.04-x86_64", "owner": "099720109477", "architecture": "x86_64",
        "name": "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20250305",
        "description": "Canonical, Ubuntu, 22.04 LTS, amd64 jammy image build on 2025-03-05",
        "root_device_name": "/dev/sda1", "root_size_gib": 8, "volume_type": "gp2",
        "boot_mode": "uefi-preferred", "imds_support": "",
        "ssm_parameter": UBUNTU_SSM + "22.04/stable/current/amd64/hvm/ebs-gp2/ami-id",
        "creation_date": "2025-03-05T08:41:52.000Z", "root_used_mib": 1860,
        "_source": JAMMY_SOURCE,
    },
    {
        "family": "debian-12-x86_64", "owner": "136693071363", "architecture": "x86_64",
        "name": "debian-12-amd64-20250210-2019",
        "description": "Debian 12 (20250210-2019)",
        "root_device_name": "/dev/xvda", "root_size_gib": 8, "volume_type": "gp2",
        "boot_mode": "", "imds_support": "",
        "ssm_parameter": "/aws/service/debian/release/12/latest/amd64",
        "creation_date": "2025-02-10T20:46:37.000Z", "root_used_mib": 1210,
        "_source": DEBIAN_SOURCE,
    },
    {
        "family": "rhel-9-x86_64", "owner": "309956199498", "architecture": "x86_64",
        "name": "RHEL-9.5.0_HVM-20250313-x86_64-0-Hourly2-GP3",
        "description": "Provided by Red Hat, Inc.",
        "platform_details": "Red Hat Enterprise Linux", "usage_operation": "RunInstances:0010",
        "billing_products": ["bp-6fa54006"],
        "root_device_name": "/dev/sda1", "root_size_gib": 10, "volume_type": "gp3",
        "boot_mode": "", "imds_support": "", "ssm_parameter": "",
        "creation_date": "2025-03-13T17:52:09.000Z", "root_used_mib": 2330,
        "_source": RHEL_SOURCE,
    },
    {
        "family": "windows-2022-x86_64", "owner": "801119661308", "architecture": "x86_64",
        "name": "Windows_Server-2022-English-Full-Base-2025.02.13",
        "description": "Microsoft Windows Server 2022 Full Locale English AMI provided by Amazon",
        "platform": "windows", "platform_details": "Windows",
        "usage_operation": "RunInstances:0002", "billing_products": ["bp-6ba54002"],
        "root_device_name": "/dev/sda1", "root_size_gib": 30, "volume_type": "gp2",
        "boot_mode": "", "imds_support": "",
        "ssm_parameter": "/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base",
        "creation_date": "2025-02-13T07:43:57.000Z", "root_used_mib": 14850,
        "_source": WINDOWS_SOURCE,
    },
]

LINUX_DEFAULTS = {"platform": "", "platform_details": "Linux/UNIX",
                  "usage_operation": "RunInstances", "billing_products": []}


def derived_id(prefix, family, region):
    """'<prefix>-0' + 16 hex of sha256(prefix|family|region): 17 hex digits like real IDs."""
    digest = hashlib.sha256(f"{prefix}|{family}|{region}".encode()).hexdigest()
    return f"{prefix}-0{digest[:16]}"


def family_json(family, taken):
    record = dict(LINUX_DEFAULTS)
    record.update(family)
    record["image_location"] = "amazon/" + record["name"]
    record["ena_support"] = True
    record["sriov_net_support"] = "simple"
    # Image.FreeTierEligible / the free-tier-eligible filter (EC2 API reference, DescribeImages).
    # Which images qualify is not published per image: every family here is a console Quick
    # Start image that the console badges "Free tier eligible" [?].
    record["free_tier_eligible"] = True
    record["regions"] = {}
    for region, *_ in REGIONS:
        ids = {"image_id": derived_id("ami", family["family"], region),
               "snapshot_id": derived_id("snap", family["family"], region)}
        for value in ids.values():
            if value in taken:
                raise SystemExit(f"derived ID collision: {value}")
            taken.add(value)
        record["regions"][region] = ids
    return record


def images_json():
    taken = set()
    families = [family_json(f, taken) for f in FAMILIES]
    source = ("Public catalogue: one record per image family, present in every Region of "
              "regions.json with a different image and snapshot ID per Region (IDs are derived "
              "from sha256, not real). Each family's _source cites its facts.")
    return {"_source": source, "owners": OWNERS, "families": families}


# --------------------------------------------------------------------------------------------
# AWS Marketplace products (fact sheet §3.10, §4)
# --------------------------------------------------------------------------------------------

# The real aws-marketplace owner account: ImageOwnerAlias "aws-marketplace", OwnerId
# 679593333241, ImageLocation "aws-marketplace/<name>" in real DescribeImages output (REAL Flatcar
# Pro image, flatcar/Flatcar#1380). The products below are inventions [model]: their codes are
# 25 lowercase alphanumerics like real ones (e.g. 7badopnb0xj09q5lvbsczt82f, same source), derived
# from sha256, never real codes. Sellers choose the Regions and instance types of each product
# and a product may be absent from a Region (fact sheet §3.10). Fees are integer micro-dollars
# per instance-hour [model].
MARKETPLACE_OWNER = "679593333241"
MARKETPLACE_SOURCE = (
    "Invented products [model] in the shape of real AMI products: owner 679593333241 alias "
    "aws-marketplace, ImageLocation aws-marketplace/<name>, one ProductCode of type marketplace "
    "(real DescribeImages output quoted in flatcar/Flatcar#1380). Per-product Regions and "
    "instance types: sellers restrict both (AWS Marketplace buyer guide, supported-regions; "
    "Catalog API RestrictRegions / RestrictInstanceTypes). Codes and IDs derived from sha256."
)

PRODUCTS = [
    {
        "slug": "webserver-x86_64", "title": "Hardened Web Server (amisim demo)",
        "architecture": "x86_64", "name": "hardened-webserver-1.4.2-x86_64",
        "description": "Hardened Web Server 1.4.2 on Amazon Linux 2023",
        "root_device_name": "/dev/xvda", "root_size_gib": 10, "volume_type": "gp3",
        "boot_mode": "uefi-preferred", "imds_support": "v2.0",
        "creation_date": "2025-01-15T12:00:00.000Z", "root_used_mib": 2100,
        "regions": ["us-east-1", "us-west-2", "eu-west-1"],
        "instance_types": ["t3.micro", "t3.small", "t3.medium", "m5.large", "c5.large"],
        "hourly_fee_micro_usd": 20000,
    },
    {
        "slug": "database-arm64", "title": "Managed-style Database Appliance (amisim demo)",
        "architecture": "arm64", "name": "db-appliance-8.0.36-arm64",
        "description": "Database appliance 8.0.36 for Graviton",
        "root_device_name": "/dev/xvda", "root_size_gib": 20, "volume_type": "gp3",
        "boot_mode": "uefi", "imds_support": "v2.0",
        "creation_date": "2025-02-03T09:30:00.000Z", "root_used_mib": 3400,
        "regions": ["us-east-1", "eu-central-1"],
        "instance_types": ["t4g.medium", "t4g.large", "m6g.large", "r6g.large"],
        "hourly_fee_micro_usd": 150000,
    },
    {
        "slug": "firewall-x86_64", "title": "Next-Gen Firewall BYOL (amisim demo)",
        "architecture": "x86_64", "name": "ngfw-10.2.9-x86_64",
        "description": "Next-Gen Firewall 10.2.9",
        "root_device_name": "/dev/xvda", "root_size_gib": 60, "volume_type": "gp2",
        "boot_mode": "", "imds_support": "",
        "creation_date": "2024-11-20T16:45:00.000Z", "root_used_mib": 8200,
        "regions": ["us-east-1", "us-east-2", "ap-northeast-1", "eu-west-2"],
        "instance_types": ["m5.large", "m5.xlarge", "c5.large", "c6i.large"],
        "hourly_fee_micro_usd": 0,
    },
]


def product_code(slug):
    """25 lowercase base-36 digits of sha256('marketplace|<slug>'), like real product codes."""
    n = int(hashlib.sha256(f"marketplace|{slug}".encode()).hexdigest(), 16)
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    for _ in range(25):
        n, r = divmod(n, 36)
        out += digits[r]
    return out


def marketplace_json():
    taken = set()
    for family in images_json()["families"]:
        for ids in family["regions"].values():
            taken.update(ids.values())
    products = []
    known_regions = {r for r, *_ in REGIONS}
    known_types = {t["name"] for t in instance_types_json()["instance_types"]}
    for p in PRODUCTS:
        record = {k: v for k, v in p.items() if k not in ("slug", "regions")}
        record["product_code"] = product_code(p["slug"])
        record["owner"] = MARKETPLACE_OWNER
        record["image_location"] = "aws-marketplace/" + p["name"]
        record["regions"] = {}
        for t in p["instance_types"]:
            if t not in known_types:
                raise SystemExit(f"unknown instance type {t}")
        for region in p["regions"]:
            if region not in known_regions:
                raise SystemExit(f"unknown Region {region}")
            family = "marketplace-" + p["slug"]
            ids = {"image_id": derived_id("ami", family, region),
                   "snapshot_id": derived_id("snap", family, region)}
            for value in ids.values():
                if value in taken:
                    raise SystemExit(f"derived ID collision: {value}")
                taken.add(value)
            record["regions"][region] = ids
        products.append(record)
    return {"_source": MARKETPLACE_SOURCE, "owner": MARKETPLACE_OWNER,
            "owner_alias": "aws-marketplace", "products": products}


# --------------------------------------------------------------------------------------------

OUTPUTS = {
    "regions.json": regions_json,
    "instance-types.json": instance_types_json,
    "software.json": software_json,
    "images.json": images_json,
    "marketplace.json": marketplace_json,
}


def render(document):
    return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=True) + "\n"


def main(argv):
    check = "--check" in argv[1:]
    stale = []
    for name, build in OUTPUTS.items():
        text = render(build())
        path = FIXTURES / name
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        print("out of date (run scripts/gen_fixtures.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Writes fixtures/prices.json: per-Region prices for amisim's billing meter, each with its source.

    python3 scripts/gen_prices.py           # rewrite fixtures/prices.json
    python3 scripts/gen_prices.py --check   # exit 1 if the committed file is out of date

Every figure is either SOURCED (its "source" is a key of SOURCES naming where it was read) or
DERIVED ("source": "derived", and a "derivation" string saying from what, marked [model]). A derived figure is a modelling
choice, never a quoted AWS price. Prices are decimal strings; the loader converts them to integer
micro-dollars and rejects more than 6 decimals, so derived figures are rounded here (to 4 decimals
for instance-hours, 5 for storage and transfer). Standard library only; output is deterministic.

Searched 2026-11 through the project's search tool; document ids are that index's ids.
"""
import json
import sys
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures" / "prices.json"

SOURCES = {
    "derived": "not a quoted AWS price: a modelling choice [model] computed from sourced figures; "
    "the entry's \"derivation\" says from which",
    "karpenter-use1": "aws/karpenter-provider-aws pkg/providers/pricing/zz_generated.pricing_aws.go "
    "('generated at 2026-01-19T13:23:24Z for us-east-1' from the AWS Price List API; Linux "
    "on-demand, shared tenancy), search doc 2054298492",
    "facts-7": "shared/reference/aws-facts.md section 7 (EBS snapshot standard/archive/retrieval, gp3 "
    "storage and its IOPS above 3,000 and throughput above 125 MiB/s, "
    "S3 Standard, inter-Region transfer; each row cites its own documents)",
    "cdk-cost-euw1": "Price List output quoted in a cost-diff PR comment: EU-BoxUsage:t3.micro "
    "'$0.0114 per On Demand Linux t3.micro Instance Hour', t3.large $0.0912, t3.xlarge $0.1824; "
    "search doc 48136065564",
    "bill-euw1-windows": "AWS bill excerpt: '$0.064 per On Demand Windows t3.medium Instance Hour' and "
    "'$0.11 per GB-month of General Purpose SSD (gp2) provisioned storage - EU (Ireland)'; "
    "search doc 17236409299",
    "win-usw2": "Price List get_products output for t2.micro, operation RunInstances:0002, US West "
    "(Oregon): '$0.0162 per On Demand Windows t2.micro Instance Hour'; search doc 43400989471",
    "s3bfg-sydney": "andrewpatto/s3bfg sydney.md: copy of the EC2 on-demand pricing page table for "
    "Asia Pacific (Sydney), Linux/UNIX usage (t3.nano $0.0066 ... t3.large $0.1056, t3a.nano "
    "$0.0059); date not stated [3p]",
    "aps3-snapshot": "pricing snapshot in a research write-up: 'EC2 t3.small Linux: 0.0224 USD per Hrs "
    "(APS3-BoxUsage:t3.small)', 'EBS gp3 storage: 0.0912 USD per GB-Mo (APS3-EBS:VolumeUsage.gp3)'; "
    "search doc 70922764296",
    "sae1-course": "course text pinned to offers AmazonEC2 20260925174521: sa-east-1 t3.micro 0.01680, "
    "t3.medium 0.06720, m7i.large 0.16065, gp3 0.1520 per GB-month; search docs 70911016988, "
    "71185602340",
    "gp2-use1": "Price List offer excerpt '$0.10 per GB-month of General Purpose SSD (gp2) provisioned "
    "storage - US East (Northern Virginia)'; search docs 2419686696, 16321901814",
    "gp2-usw2": "AWS bill JSON: USW2-EBS:VolumeUsage.gp2 '$0.10 per GB-month of General Purpose SSD "
    "(gp2) provisioned storage - US West (Oregon)'; search doc 10502187076",
    "gp2-euw1": "Price List API result '$0.11 per GB-month of General Purpose SSD (gp2) provisioned "
    "storage - EU (Ireland)'; search docs 53618026718, 17236409299",
    "gp2-apn1": "AWS bill line '$0.12 per GB-month of General Purpose SSD (gp2) provisioned storage - "
    "Asia Pacific (Tokyo)'; search doc 44411291137",
    "gp2-aps3": "Price List API response '$0.114 per GB-month of General Purpose SSD (gp2) "
    "provisioned storage - Asia Pacific (Mumbai)'; search doc 28480395235",
    "s3-usw2": "CUR test fixture: USW2-TimedStorage-ByteHrs at '$0.023 per GB-month' [3p]; search doc "
    "68964922592",
    "xfer-usw2-eu": "FinOps note listing USW2-USE1-AWS-Out-Bytes, EU-USE1-AWS-Out-Bytes, "
    "EUC1-APS1-AWS-Out-Bytes each at $0.02/GB [3p]; search doc 55373460060",
    "xfer-apn1": "AWS bills: APN1-USE1-AWS-Out-Bytes '$0.09 per GB - Asia Pacific (Tokyo) data "
    "transfer to US East (Northern Virginia)' (2021-03 CSV); search docs 7889549458, 29017048580",
    "xfer-aps3": "billing test data: APS3-USE1-AWS-Out-Bytes '$0.086 per GB - Asia Pacific (Mumbai) "
    "data transfer to US East (Northern Virginia)'; search doc 37986647305",
    "xfer-aps2": "older detailed bill: APS2-USE1-AWS-Out-Bytes '$0.14 per GB - Asia Pacific (Sydney) "
    "data transfer to US East (Northern Virginia)'; date unknown, may be superseded [?]; search doc "
    "29017048580",
    "use2-offer-md": "alexjguy/AWS-costs-markdown aws_costs.md, a rendering of the Price List for US "
    "East (Ohio), undated (lists m5d and p3, no m5a: about 2018): EBS snapshots 0.05, gp2 0.10, io1 "
    "0.125, st1 0.045, sc1 0.025 per GB-month; S3 Standard first 50 TB 0.023; search doc 38241760180",
    "usage-codes-model": "usage-type prefix for a Region no source above names, built the way AWS "
    "builds the sourced ones (geography letters + number: USW1, APN2, EUN1, MES1, ...) [?]",
    "usage-codes": "usage-type prefixes and transfer codes: USE1-EU-AWS-Out-Bytes in a Price List "
    "Data Transfer product (toRegionCode eu-west-1, search doc 55068984723) and a 2017 bill (doc "
    "6285846099); per-Region EBS:SnapshotUsage prefixes (USE2, USW2, EU, EUW2, EUC1, APN1, APS2, "
    "CAN1, SAE1) in doc 27494500466; APS3 = ap-south-1 in docs 70922764296, 37986647305",
}

US_EAST_1_LINUX = {  # karpenter-use1, us-east-1, USD per instance-hour
    "m1.small": "0.044", "t1.micro": "0.02", "t2.nano": "0.0058", "t2.micro": "0.0116", "t2.small": "0.023",
    "t2.medium": "0.0464", "t3.nano": "0.0052", "t3.micro": "0.0104", "t3.small": "0.0208",
    "t3.medium": "0.0416", "t3.large": "0.0832", "t3.xlarge": "0.1664", "t3a.nano": "0.0047",
    "t3a.micro": "0.0094", "t3a.small": "0.0188", "t3a.medium": "0.0376", "t3a.large": "0.0752",
    "t4g.nano": "0.0042", "t4g.micro": "0.0084", "t4g.small": "0.0168", "t4g.medium": "0.0336",
    "t4g.large": "0.0672", "m4.large": "0.1", "c4.large": "0.1", "m5.large": "0.096",
    "m5.xlarge": "0.192", "m6i.large": "0.096", "m6a.large": "0.0864", "m6g.large": "0.077",
    "m7g.large": "0.0816", "m7i.large": "0.1008", "m7i-flex.large": "0.09576",
    "c5.large": "0.085", "c6g.large": "0.068", "c6i.large": "0.085", "c7g.large": "0.0725",
    "c7i.large": "0.08925", "c7i-flex.large": "0.08479", "r5.large": "0.126",
    "r6g.large": "0.1008", "r6i.large": "0.126",
}

# Per Region: codes, the compute anchor used to derive unsourced instance prices, and the figures
# read directly. "anchor" = (type, regional price, source key, why) or a (ratio, why) for [model].
REGIONS = {
    "us-east-1": {"prefix": "", "transfer": "USE1", "ratio": ("1", "")},
    "us-east-2": {"prefix": "USE2-", "transfer": "USE2",
                  "ratio": ("1", "no us-east-2 compute figure found; us-east-1 ratio 1.00 assumed")},
    "us-west-2": {"prefix": "USW2-", "transfer": "USW2",
                  "ratio": ("1", "no us-west-2 compute figure found; us-east-1 ratio 1.00 assumed")},
    "eu-west-1": {"prefix": "EU-", "transfer": "EU", "anchor": ("t3.micro", "0.0114", "cdk-cost-euw1")},
    "eu-west-2": {"prefix": "EUW2-", "transfer": "EUW2",
                  "ratio": ("1.06", "no eu-west-2 compute figure found; ratio of its sourced "
                            "snapshot price 0.053 to us-east-1's 0.05")},
    "eu-central-1": {"prefix": "EUC1-", "transfer": "EUC1",
                     "ratio": ("1.08", "no eu-central-1 compute figure found; ratio of its sourced "
                               "snapshot price 0.054 to us-east-1's 0.05")},
    "ap-northeast-1": {"prefix": "APN1-", "transfer": "APN1",
                       "ratio": ("1.2", "no ap-northeast-1 compute figure found; ratio of its "
                                 "sourced gp2 price 0.12 to us-east-1's 0.10")},
    "ap-southeast-2": {"prefix": "APS2-", "transfer": "APS2",
                       "anchor": ("t3.micro", "0.0132", "s3bfg-sydney")},
    "ap-south-1": {"prefix": "APS3-", "transfer": "APS3", "anchor": ("t3.small", "0.0224", "aps3-snapshot")},
    "sa-east-1": {"prefix": "SAE1-", "transfer": "SAE1", "anchor": ("t3.micro", "0.0168", "sae1-course")},
    "ca-central-1": {"prefix": "CAN1-", "transfer": "CAN1",
                     "ratio": ("1.111", "no ca-central-1 list price found; a May 2026 bill line "
                               "CAN1-BoxUsage:t3.large $68.76 over 744 h is about 0.0924/h, 1.111 x "
                               "us-east-1's 0.0832 (search doc 58226946105)")},
}

# Instance prices read directly for Regions other than us-east-1: (region, type, os) -> (usd, key)
DIRECT_INSTANCES = {
    ("eu-west-1", "t3.micro", "linux"): ("0.0114", "cdk-cost-euw1"),
    ("eu-west-1", "t3.large", "linux"): ("0.0912", "cdk-cost-euw1"),
    ("eu-west-1", "t3.xlarge", "linux"): ("0.1824", "cdk-cost-euw1"),
    ("eu-west-1", "t3.medium", "windows"): ("0.064", "bill-euw1-windows"),
    ("us-west-2", "t2.micro", "windows"): ("0.0162", "win-usw2"),
    ("ap-southeast-2", "t3.nano", "linux"): ("0.0066", "s3bfg-sydney"),
    ("ap-southeast-2", "t3.micro", "linux"): ("0.0132", "s3bfg-sydney"),
    ("ap-southeast-2", "t3.small", "linux"): ("0.0264", "s3bfg-sydney"),
    ("ap-southeast-2", "t3.medium", "linux"): ("0.0528", "s3bfg-sydney"),
    ("ap-southeast-2", "t3.large", "linux"): ("0.1056", "s3bfg-sydney"),
    ("ap-southeast-2", "t3a.nano", "linux"): ("0.0059", "s3bfg-sydney"),
    ("ap-south-1", "t3.small", "linux"): ("0.0224", "aps3-snapshot"),
    ("sa-east-1", "t3.micro", "linux"): ("0.0168", "sae1-course"),
    ("sa-east-1", "t3.medium", "linux"): ("0.0672", "sae1-course"),
    ("sa-east-1", "m7i.large", "linux"): ("0.16065", "sae1-course"),
}

# Storage, S3 and transfer figures read directly: (region, item) -> (usd, key)
DIRECT = {
    ("us-east-1", "snapshot_standard_gb_month"): ("0.05", "facts-7"),
    ("us-east-1", "snapshot_archive_gb_month"): ("0.0125", "facts-7"),
    ("us-east-1", "archive_retrieval_gb"): ("0.03", "facts-7"),
    ("us-west-2", "snapshot_standard_gb_month"): ("0.05", "facts-7"),
    ("us-west-2", "snapshot_archive_gb_month"): ("0.0125", "facts-7"),
    ("eu-west-1", "snapshot_standard_gb_month"): ("0.05", "facts-7"),
    ("eu-west-1", "snapshot_archive_gb_month"): ("0.0125", "facts-7"),
    ("ap-northeast-1", "snapshot_standard_gb_month"): ("0.05", "facts-7"),
    ("ap-northeast-1", "snapshot_archive_gb_month"): ("0.0125", "facts-7"),
    ("ap-northeast-1", "archive_retrieval_gb"): ("0.03", "facts-7"),
    ("eu-central-1", "snapshot_standard_gb_month"): ("0.054", "facts-7"),
    ("eu-central-1", "snapshot_archive_gb_month"): ("0.0135", "facts-7"),
    ("eu-west-2", "snapshot_standard_gb_month"): ("0.053", "facts-7"),
    ("eu-west-2", "snapshot_archive_gb_month"): ("0.01325", "facts-7"),
    ("us-east-2", "snapshot_standard_gb_month"): ("0.05", "use2-offer-md"),
    ("us-east-2", "gp2"): ("0.10", "use2-offer-md"),
    ("us-east-2", "io1"): ("0.125", "use2-offer-md"),
    ("us-east-2", "st1"): ("0.045", "use2-offer-md"),
    ("us-east-2", "sc1"): ("0.025", "use2-offer-md"),
    ("us-east-2", "s3_standard_gb_month"): ("0.023", "use2-offer-md"),
    ("us-east-1", "gp3"): ("0.08", "facts-7"),
    # gp3 above its free baseline of 3,000 IOPS and 125 MiB/s: per provisioned IOPS-month and per
    # MiB/s-month.
    ("us-east-1", "gp3_iops_month"): ("0.005", "facts-7"),
    ("us-east-1", "gp3_throughput_mibps_month"): ("0.04", "facts-7"),
    ("ap-south-1", "gp3"): ("0.0912", "aps3-snapshot"),
    ("sa-east-1", "gp3"): ("0.152", "sae1-course"),
    ("us-east-1", "gp2"): ("0.10", "gp2-use1"),
    ("us-west-2", "gp2"): ("0.10", "gp2-usw2"),
    ("eu-west-1", "gp2"): ("0.11", "gp2-euw1"),
    ("ap-northeast-1", "gp2"): ("0.12", "gp2-apn1"),
    ("ap-south-1", "gp2"): ("0.114", "gp2-aps3"),
    ("us-east-1", "s3_standard_gb_month"): ("0.023", "facts-7"),
    ("us-west-2", "s3_standard_gb_month"): ("0.023", "s3-usw2"),
    ("us-east-1", "transfer_out_gb"): ("0.02", "facts-7"),
    ("us-west-2", "transfer_out_gb"): ("0.02", "xfer-usw2-eu"),
    ("eu-west-1", "transfer_out_gb"): ("0.02", "xfer-usw2-eu"),
    ("eu-central-1", "transfer_out_gb"): ("0.02", "xfer-usw2-eu"),
    ("ap-northeast-1", "transfer_out_gb"): ("0.09", "xfer-apn1"),
    ("ap-south-1", "transfer_out_gb"): ("0.086", "xfer-aps3"),
    ("ap-southeast-2", "transfer_out_gb"): ("0.14", "xfer-aps2"),
}

# Transfer for Regions with no figure found [model].
TRANSFER_MODEL = {
    "us-east-2": ("0.02", "the $0.02/GB of the other US and EU Regions"),
    "eu-west-2": ("0.02", "the $0.02/GB of the other EU Regions"),
    "ca-central-1": ("0.02", "the $0.02/GB of the US and EU Regions"),
    "sa-east-1": ("0.14", "the highest source-Region figure found (ap-southeast-2, $0.14/GB)"),
}

# Regions added with the full aws partition (fixtures/regions.json): no price found for any of
# them, so every figure is derived [model] from a ratio to us-east-1: the ratio of the nearest
# sourced Region of the same geography. (prefix, transfer code, ratio, why, transfer $/GB, why)
_US = ("1", "the us-east-1 ratio 1.00 of the other US Regions")
_CA = ("1.111", "ca-central-1's ratio (search doc 58226946105)")
_EU = ("1.08", "eu-central-1's ratio (its sourced snapshot price 0.054 / 0.05)")
_AP = ("1.2", "ap-northeast-1's ratio (its sourced gp2 price 0.12 / 0.10)")
_ME = ("1.2", "no Middle East, Africa or Latin America figure found; ap-northeast-1's ratio 1.2")
_X_USEU = ("0.02", "the $0.02/GB of the sourced US and EU Regions")
_X_AP = ("0.09", "ap-northeast-1's sourced $0.09/GB")
_X_FAR = ("0.14", "the highest source-Region figure found (ap-southeast-2, $0.14/GB)")
NEW_REGIONS = {
    "us-west-1": ("USW1", _US, _X_USEU), "ca-west-1": ("CAN2", _CA, _X_USEU),
    "mx-central-1": ("MXC1", _ME, _X_FAR), "eu-west-3": ("EUW3", _EU, _X_USEU),
    "eu-north-1": ("EUN1", _EU, _X_USEU), "eu-south-1": ("EUS1", _EU, _X_USEU),
    "eu-south-2": ("EUS2", _EU, _X_USEU), "eu-central-2": ("EUC2", _EU, _X_USEU),
    "ap-northeast-2": ("APN2", _AP, _X_AP), "ap-northeast-3": ("APN3", _AP, _X_AP),
    "ap-southeast-1": ("APS1", _AP, _X_AP), "ap-southeast-3": ("APS4", _AP, _X_AP),
    "ap-south-2": ("APS5", _AP, _X_AP), "ap-southeast-4": ("APS6", _AP, _X_AP),
    "ap-southeast-5": ("APS7", _AP, _X_AP), "ap-southeast-6": ("APS8", _AP, _X_AP),
    "ap-southeast-7": ("APS9", _AP, _X_AP), "ap-east-1": ("APE1", _AP, _X_AP),
    "ap-east-2": ("APE2", _AP, _X_AP), "af-south-1": ("AFS1", _ME, _X_FAR),
    "me-south-1": ("MES1", _ME, _X_FAR), "me-central-1": ("MEC1", _ME, _X_FAR),
    "il-central-1": ("ILC1", _ME, _X_FAR),
}
for _name, (_code, _ratio, _xfer) in NEW_REGIONS.items():
    REGIONS[_name] = {"prefix": _code + "-", "transfer": _code, "ratio": _ratio,
                      "usage_source": "usage-codes-model"}
    TRANSFER_MODEL[_name] = _xfer

Q4, Q5 = Decimal("0.0001"), Decimal("0.00001")


def text(d, q):
    """Decimal -> shortest plain decimal string, rounded to q."""
    s = format(d.quantize(q, rounding=ROUND_HALF_EVEN), "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


def ratio_of(region):
    """(compute ratio to us-east-1, how it was obtained) for a Region."""
    r = REGIONS[region]
    if "anchor" in r:
        t, usd, key = r["anchor"]
        ratio = Decimal(usd) / Decimal(US_EAST_1_LINUX[t])
        return ratio, f"{t} {usd} ({key}) / us-east-1 {US_EAST_1_LINUX[t]}"
    return Decimal(r["ratio"][0]), r["ratio"][1]


def instances(region):
    ratio, why = ratio_of(region)
    out = {}
    for t, usd in US_EAST_1_LINUX.items():
        direct = DIRECT_INSTANCES.get((region, t, "linux"))
        if region == "us-east-1":
            linux = {"usd": usd, "source": "karpenter-use1"}
        elif direct:
            linux = {"usd": direct[0], "source": direct[1]}
        else:
            linux = {"usd": text(Decimal(usd) * ratio, Q4), "source": "derived",
                     "derivation": f"us-east-1 {usd} (karpenter-use1) x {text(ratio, Q5)}, "
                                   f"{why} [model]"}
        entry = {"linux": linux}
        win = DIRECT_INSTANCES.get((region, t, "windows"))
        if win:
            entry["windows"] = {"usd": win[0], "source": win[1]}
        out[t] = entry
    return out


def sourced(region, item):
    hit = DIRECT.get((region, item))
    return {"usd": hit[0], "source": hit[1]} if hit else None


def derived(value, why):
    return {"usd": text(value, Q5), "source": "derived", "derivation": f"{why} [model]"}


def storage_ratio(region):
    """Ratio used for unsourced storage figures: the sourced snapshot ratio, else compute ratio."""
    snap = DIRECT.get((region, "snapshot_standard_gb_month"))
    if snap:
        return Decimal(snap[0]) / Decimal("0.05"), f"its snapshot price {snap[0]} / us-east-1 0.05"
    ratio, why = ratio_of(region)
    return ratio, f"its compute ratio ({why})"


def storage(region):
    ratio, why = storage_ratio(region)
    rs = text(ratio, Q5)
    snap = sourced(region, "snapshot_standard_gb_month") or derived(
        Decimal("0.05") * ratio, f"us-east-1 0.05 x {rs}, {why}")
    arch = sourced(region, "snapshot_archive_gb_month") or derived(
        Decimal(snap["usd"]) / 4, "standard / 4, the ratio of every sourced standard/archive pair")
    ret = sourced(region, "archive_retrieval_gb") or derived(
        Decimal("0.03") * ratio, f"us-east-1 0.03 x {rs}, {why}")
    gp2 = sourced(region, "gp2")
    gp3 = sourced(region, "gp3")
    if not gp3:
        gp3 = (derived(Decimal(gp2["usd"]) * Decimal("0.8"), "this Region's gp2 x 0.8, the us-east-1 "
                       "gp3/gp2 ratio") if gp2 else
               derived(Decimal("0.08") * ratio, f"us-east-1 gp3 0.08 x {rs}, {why}"))
    if not gp2:
        gp2 = derived(Decimal(gp3["usd"]) * Decimal("1.25"), "this Region's gp3 x 1.25, the us-east-1 "
                      "gp2/gp3 ratio")
    s3 = sourced(region, "s3_standard_gb_month") or derived(
        Decimal("0.023") * ratio, f"us-east-1 S3 0.023 x {rs}, {why}")
    volumes = {"gp2": gp2, "gp3": gp3}
    for extra in ("io1", "st1", "sc1"):  # only where a source gives them
        if sourced(region, extra):
            volumes[extra] = sourced(region, extra)
    gp3_ratio = Decimal(gp3["usd"]) / Decimal("0.08")
    performance = {}
    for item, use1 in (("gp3_iops_month", "0.005"), ("gp3_throughput_mibps_month", "0.04")):
        performance[item] = sourced(region, item) or derived(
            Decimal(use1) * gp3_ratio,
            f"us-east-1 {use1} (facts-7) x this Region's gp3 / us-east-1 gp3 ({text(gp3_ratio, Q5)})")
    return snap, arch, ret, volumes, s3, performance


def transfer(region):
    hit = sourced(region, "transfer_out_gb")
    if hit:
        return hit
    usd, why = TRANSFER_MODEL[region]
    return derived(Decimal(usd), f"no figure found for this source Region; {why}")


def region_entry(region):
    snap, arch, ret, volumes, s3, performance = storage(region)
    r = REGIONS[region]
    return {
        "usage_prefix": r["prefix"], "usage_prefix_source": r.get("usage_source", "usage-codes"),
        "transfer_code": r["transfer"],
        "transfer_code_source": r.get("usage_source", "usage-codes"),
        "snapshot_standard_gb_month": snap, "snapshot_archive_gb_month": arch,
        "archive_retrieval_gb": ret, "volume_gb_month": volumes, "s3_standard_gb_month": s3,
        **performance,
        "transfer_out_gb": transfer(region), "instances": instances(region),
    }


def document():
    regions = [r["name"] for r in json.loads((ROOT / "fixtures" / "regions.json").read_text())["regions"]]
    types = [t["name"] for t in json.loads((ROOT / "fixtures" / "instance-types.json").read_text())["instance_types"]]
    assert sorted(regions) == sorted(REGIONS), "REGIONS must match fixtures/regions.json"
    assert sorted(types) == sorted(US_EAST_1_LINUX), "prices must cover fixtures/instance-types.json"
    return {
        "_source": "Written by scripts/gen_prices.py. USD as decimal strings. A figure whose source "
                   "is \"derived\" is a modelling choice [model], not a quoted AWS price.",
        "sources": SOURCES,
        "regions": {name: region_entry(name) for name in regions},
    }


def main():
    body = json.dumps(document(), indent=1, sort_keys=True) + "\n"
    if "--check" in sys.argv:
        sys.exit(0 if OUT.exists() and OUT.read_text() == body else 1)
    OUT.write_text(body)


if __name__ == "__main__":
    main()

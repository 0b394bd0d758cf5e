#!/usr/bin/env python3
"""Trims the AWS EC2 service model to the operations amisim supports.

Usage:
    python3 scripts/trim_service_model.py SOURCE            # writes fixtures/aws/*
    python3 scripts/trim_service_model.py --check SOURCE    # exit 1 if a committed file differs
    SOURCE=botocore stands for the botocore installed in this Python. With --check, a botocore
    other than COMMITTED_BOTOCORE exits 77 (ctest's "skipped"): another release gives another
    model, not a defect.

SOURCE is either
  - an unpacked npm package `aws-sdk` v2 (`npm pack aws-sdk@2 && tar xzf aws-sdk-*.tgz`, then
    SOURCE=package): apis/ec2-2016-11-15.min.json has no documentation, no min/max/enum, inline
    shapes for operation inputs/outputs and a member without "type" is a string. Its last release
    (2.1693.0) predates several members real clients now send (DeregisterImage
    DeleteAssociatedSnapshots, StopInstances SkipOsShutdown, Image imageAllowed...), or
  - a Python site-packages folder holding botocore (botocore/data/ec2/2016-11-15/service-2.json.gz
    and botocore-*.dist-info): the current model, named shapes, with min/max. This is what the
    committed files were generated from (botocore 1.43.11), so they match the clients users run.
Both are Apache-2.0; the format of the output is the source's, only cut down. The C++ loader
(api/protocol/service_model.cpp) reads either.

Output (deterministic: sorted keys except member order, one-space indent):
    fixtures/aws/ec2-2016-11-15.json             kept operations + the named shapes they reach
    fixtures/aws/ec2-2016-11-15.waiters.json     waiters whose operation is kept
    fixtures/aws/ec2-2016-11-15.paginators.json  paginators of kept operations
    fixtures/aws/LICENSE-NOTICE.txt              provenance, NOTICE and LICENSE of the package
"""

import glob
import gzip
import json
import os
import sys

OPERATIONS = sorted("""
RunInstances StartInstances StopInstances RebootInstances TerminateInstances DescribeInstances
DescribeInstanceStatus ModifyInstanceAttribute DescribeInstanceAttribute CreateVolume AttachVolume
DetachVolume DeleteVolume DescribeVolumes CreateSnapshot CreateSnapshots DeleteSnapshot DescribeSnapshots
ModifySnapshotAttribute DescribeSnapshotAttribute CreateImage RegisterImage DeregisterImage
DescribeImages DescribeImageAttribute ModifyImageAttribute ResetImageAttribute
CancelImageLaunchPermission EnableImageDeprecation DisableImageDeprecation EnableImage DisableImage
EnableImageDeregistrationProtection DisableImageDeregistrationProtection CreateTags DeleteTags
DescribeTags CreateKeyPair ImportKeyPair DescribeKeyPairs DeleteKeyPair CreateSecurityGroup
DescribeSecurityGroups DeleteSecurityGroup DescribeRegions DescribeAvailabilityZones CopyImage
CopySnapshot CreateLaunchTemplate CreateLaunchTemplateVersion DescribeLaunchTemplates
DescribeLaunchTemplateVersions ModifyLaunchTemplate DeleteLaunchTemplateVersions DeleteLaunchTemplate
CreateStoreImageTask DescribeStoreImageTasks CreateRestoreImageTask ImportImage ImportSnapshot
DescribeImportImageTasks DescribeImportSnapshotTasks CancelImportTask ExportImage
DescribeExportImageTasks ModifySnapshotTier RestoreSnapshotTier DescribeSnapshotTierStatus
AuthorizeSecurityGroupIngress AuthorizeSecurityGroupEgress RevokeSecurityGroupIngress
RevokeSecurityGroupEgress DescribeSecurityGroupRules ModifySecurityGroupRules
DescribeInstanceTypes DescribeInstanceTypeOfferings DescribeInstanceCreditSpecifications
ModifyInstanceCreditSpecification
DescribeVpcs CreateVpc DeleteVpc CreateDefaultVpc DescribeSubnets CreateSubnet DeleteSubnet
ModifySubnetAttribute DescribeInternetGateways CreateInternetGateway AttachInternetGateway
DetachInternetGateway DeleteInternetGateway DescribeRouteTables DescribeNetworkAcls
DescribeNetworkInterfaces DescribeAccountAttributes AllocateAddress AssociateAddress
DisassociateAddress ReleaseAddress DescribeAddresses
ListImagesInRecycleBin ListSnapshotsInRecycleBin ListVolumesInRecycleBin RestoreImageFromRecycleBin
RestoreSnapshotFromRecycleBin RestoreVolumeFromRecycleBin LockSnapshot UnlockSnapshot DescribeLockedSnapshots
DescribeImageReferences DescribeInstanceImageMetadata GetImageAncestry EnableImageBlockPublicAccess
DisableImageBlockPublicAccess GetImageBlockPublicAccessState EnableSnapshotBlockPublicAccess
DisableSnapshotBlockPublicAccess GetSnapshotBlockPublicAccessState
EnableAllowedImagesSettings DisableAllowedImagesSettings GetAllowedImagesSettings
ReplaceImageCriteriaInAllowedImagesSettings
ModifyInstanceMetadataOptions GetInstanceMetadataDefaults ModifyInstanceMetadataDefaults
MonitorInstances UnmonitorInstances
""".split())

# Keys that carry prose only; the min.json has none today, but a future package might.
# Enum lists and patterns are dropped too: the simulator validates values itself, and they triple
# the file's size.
DROPPED_KEYS = {"documentation", "documentationUrl", "examples", "enum", "pattern",
                "deprecatedMessage"}
STEM = "ec2-2016-11-15"
COMMITTED_BOTOCORE = "1.43.11"
SKIP = 77


def strip_docs(node):
    if isinstance(node, dict):
        return {k: strip_docs(v) for k, v in node.items() if k not in DROPPED_KEYS}
    if isinstance(node, list):
        return [strip_docs(v) for v in node]
    return node


def shape_refs(node, out):
    """Adds every named shape referenced ("shape": name) anywhere under node to out."""
    if isinstance(node, dict):
        ref = node.get("shape")
        if isinstance(ref, str):
            out.add(ref)
        for v in node.values():
            shape_refs(v, out)
    elif isinstance(node, list):
        for v in node:
            shape_refs(v, out)


def reachable_shapes(model, operations):
    shapes = model["shapes"]
    todo = set()
    for name in operations:
        shape_refs(model["operations"][name], todo)
    seen = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        shape_refs(shapes[name], todo)
    return {name: shapes[name] for name in seen}


def trim_model(model):
    missing = [op for op in OPERATIONS if op not in model["operations"]]
    if missing:
        sys.exit(f"operations missing from the model: {missing}")
    return strip_docs({
        "version": model.get("version", "2.0"),
        "metadata": model["metadata"],
        "operations": {op: model["operations"][op] for op in OPERATIONS},
        "shapes": reachable_shapes(model, OPERATIONS),
    })


def trim_waiters(waiters):
    kept = {k: v for k, v in waiters["waiters"].items() if v.get("operation") in OPERATIONS}
    return {"version": waiters.get("version", 2), "waiters": strip_docs(kept)}


def trim_paginators(paginators):
    kept = {k: v for k, v in paginators["pagination"].items() if k in OPERATIONS}
    return {"pagination": kept}


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def canonical(node, keep_order=False):
    """Sorts object keys for a stable diff, except the keys of "members": the XML writer writes
    elements in model order, which is often EC2's own (instanceId, currentState, previousState in
    the API reference samples) where alphabetical order never is. Clients do not rely on order."""
    if isinstance(node, dict):
        keys = list(node) if keep_order else sorted(node)
        return {k: canonical(node[k], k == "members") for k in keys}
    if isinstance(node, list):
        return [canonical(v) for v in node]
    return node


def json_text(data):
    return json.dumps(canonical(data), indent=1, ensure_ascii=False) + "\n"


def read_text(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def notice(origin, notice_path, license_path):
    header = (
        f"The files {STEM}*.json in this folder are derived from {origin},\n"
        "trimmed by scripts/trim_service_model.py to the operations amisim supports (no\n"
        "documentation, enums or patterns). They are distributed under the Apache License 2.0;\n"
        "the source package's NOTICE and LICENSE follow.\n\n"
        "==== NOTICE ====\n")
    return (header + read_text(notice_path).rstrip("\n") + "\n\n==== LICENSE ====\n" +
            read_text(license_path))


def npm_source(package):
    apis = os.path.join(package, "apis")
    version = read_json(os.path.join(package, "package.json")).get("version", "?")
    return {
        "model": read_json(os.path.join(apis, f"{STEM}.min.json")),
        "waiters": read_json(os.path.join(apis, f"{STEM}.waiters2.json")),
        "paginators": read_json(os.path.join(apis, f"{STEM}.paginators.json")),
        "notice": notice(f"the AWS SDK for JavaScript, npm package aws-sdk {version}\n"
                         f"(apis/{STEM}.min.json, .waiters2.json, .paginators.json)",
                         os.path.join(package, "NOTICE.txt"),
                         os.path.join(package, "LICENSE.txt")),
    }


def botocore_source(site):
    data = os.path.join(site, "botocore", "data", "ec2", "2016-11-15")
    infos = sorted(glob.glob(os.path.join(site, "botocore-*.dist-info")))
    if not infos:
        sys.exit(f"no botocore-*.dist-info in {site}")
    info = infos[-1]
    version = os.path.basename(info)[len("botocore-"):-len(".dist-info")]
    with gzip.open(os.path.join(data, "service-2.json.gz"), "rt", encoding="utf-8") as f:
        model = json.load(f)
    return {
        "model": model,
        "waiters": read_json(os.path.join(data, "waiters-2.json")),
        "paginators": read_json(os.path.join(data, "paginators-1.json")),
        "notice": notice(f"botocore {version} (PyPI), botocore/data/ec2/2016-11-15/\n"
                         "(service-2.json.gz, waiters-2.json, paginators-1.json)",
                         os.path.join(info, "NOTICE"), os.path.join(info, "LICENSE.txt")),
    }


def load_source(source):
    if source == "botocore":
        try:
            import botocore  # pylint: disable=import-outside-toplevel
        except ImportError:
            print("botocore is not installed; nothing to compare with")
            sys.exit(SKIP if CHECK else 1)
        if CHECK and botocore.__version__ != COMMITTED_BOTOCORE:
            print(f"botocore {botocore.__version__} is not {COMMITTED_BOTOCORE}; not comparing")
            sys.exit(SKIP)
        source = os.path.dirname(os.path.dirname(botocore.__file__))
    if os.path.exists(os.path.join(source, "apis", f"{STEM}.min.json")):
        return npm_source(source)
    if os.path.isdir(os.path.join(source, "botocore", "data", "ec2")):
        return botocore_source(source)
    sys.exit(f"{source}: neither an aws-sdk npm package nor a botocore site-packages folder")


def outputs(src):
    return {
        f"{STEM}.json": json_text(trim_model(src["model"])),
        f"{STEM}.waiters.json": json_text(trim_waiters(src["waiters"])),
        f"{STEM}.paginators.json": json_text(trim_paginators(src["paginators"])),
        "LICENSE-NOTICE.txt": src["notice"],
    }


def main(argv):
    global CHECK
    args = argv[1:]
    CHECK = "--check" in args
    args = [a for a in args if a != "--check"]
    if len(args) != 1:
        sys.exit(__doc__)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "aws")
    stale = []
    for name, text in outputs(load_source(args[0])).items():
        path = os.path.join(out, name)
        if CHECK:
            if not os.path.exists(path) or read_text(path) != text:
                stale.append(name)
            continue
        os.makedirs(out, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    if stale:
        sys.exit(f"out of date: {', '.join(stale)} (run scripts/trim_service_model.py botocore)")


CHECK = False

if __name__ == "__main__":
    main(sys.argv)

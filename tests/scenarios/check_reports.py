"""Checks `amisim run`'s reports (issue 7): the JUnit XML parses with xml.etree and counts what
ran, and the shipped scenarios validate against scenarios/schema.json.

usage: check_reports.py junit AMISIM SCENARIO_DIR FAILING_FILE OUT_XML
       check_reports.py shard AMISIM SCENARIO_DIR FAILING_FILE OUT_DIR
       check_reports.py schema SCENARIO_DIR      (exit 77, skipped, without python3-jsonschema)
"""
import glob
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET


def shipped(directory):
    return sorted(f for f in glob.glob(os.path.join(directory, "*.json"))
                  if os.path.basename(f) != "schema.json")


def check_junit(amisim, directory, failing, out):
    done = subprocess.run([amisim, "run", directory, failing, "--junit", out],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 1, f"exit {done.returncode}, expected 1:\n{done.stdout}{done.stderr}"
    expected_tests = len(shipped(directory)) + 1
    root = ET.parse(out).getroot()
    assert root.tag == "testsuites", root.tag
    suites = root.findall("testsuite")
    assert len(suites) == 1, suites
    for node in (root, suites[0]):
        assert node.get("tests") == str(expected_tests), node.attrib
        assert node.get("failures") == "1" and node.get("errors") == "0", node.attrib
    cases = suites[0].findall("testcase")
    assert len(cases) == expected_tests, len(cases)
    failed = [c for c in cases if c.find("failure") is not None]
    assert [c.get("name") for c in failed] == ["failing-on-purpose"], failed
    message = failed[0].find("failure").get("message")
    assert message.startswith("step 2 (call): "), message
    assert "--seed 9" in failed[0].find("failure").text, failed[0].find("failure").text
    assert f"{len(shipped(directory))} passed, 1 failed" in done.stdout, done.stdout


def junit_cases(path):
    """(classname, name, failed) of every test case in a JUnit file."""
    root = ET.parse(path).getroot()
    return [(c.get("classname"), c.get("name"), c.find("failure") is not None)
            for suite in root.findall("testsuite") for c in suite.findall("testcase")]


def check_shards(amisim, directory, failing, out_dir):
    """--shard K/N (issue 19 §3): for N = 1..5 the N shares' JUnit files, merged, hold exactly the
    test cases of one unsharded run, each once, with the same outcomes; a share's exit code says
    whether its own scenarios passed; the split does not depend on the order paths are given in."""
    os.makedirs(out_dir, exist_ok=True)
    whole = os.path.join(out_dir, "whole.xml")
    subprocess.run([amisim, "run", directory, failing, "--junit", whole],
                   capture_output=True, text=True, timeout=600)
    expected = sorted(junit_cases(whole))
    assert len(expected) == len(shipped(directory)) + 1, len(expected)
    for n in range(1, 6):
        merged = []
        for k in range(1, n + 1):
            path = os.path.join(out_dir, f"shard-{k}-of-{n}.xml")
            # Paths in the other order on odd shares: the split must not depend on it.
            paths = [directory, failing] if k % 2 else [failing, directory]
            done = subprocess.run([amisim, "run", *paths, "--shard", f"{k}/{n}", "--junit", path],
                                  capture_output=True, text=True, timeout=600)
            cases = junit_cases(path)
            want = 1 if any(failed for _, _, failed in cases) else 0
            assert done.returncode == want, (n, k, done.returncode, done.stdout, done.stderr)
            assert cases, f"share {k}/{n} ran nothing"
            merged += cases
        assert sorted(merged) == expected, (n, sorted(merged), expected)
    # More runners than scenarios: the spare ones run nothing and exit 0 with an empty report.
    many = len(expected) + 1
    path = os.path.join(out_dir, "spare.xml")
    done = subprocess.run([amisim, "run", directory, failing, "--shard", f"{many}/{many}",
                           "--junit", path], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, (done.returncode, done.stdout, done.stderr)
    assert junit_cases(path) == [], junit_cases(path)
    for bad in ("0/3", "4/3", "3", "a/b", "1/0", "1/1001"):
        done = subprocess.run([amisim, "run", directory, "--shard", bad], capture_output=True,
                              text=True, timeout=60)
        assert done.returncode == 2 and "--shard must be K/N" in done.stderr, (bad, done.stderr)


def check_schema(directory):
    try:
        import jsonschema
    except ImportError:
        print("python3-jsonschema is not installed: skipped")
        sys.exit(77)
    with open(os.path.join(directory, "schema.json")) as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in shipped(directory):
        with open(path) as f:
            errors = [e.message for e in validator.iter_errors(json.load(f))]
        assert not errors, f"{path}: {errors[:3]}"
    # A workflow step as `amisim check` writes it (issue 21) is valid.
    workflow = {"workflow": "python3 cleanup.py", "account": "123456789012",
                "region": "us-west-2", "accounts": ["123456789012", "210987654321"],
                "regions": ["us-west-2"], "timeout": "60s", "expect_exit": 0,
                "advance_before": "90d", "advance_after": "90d",
                "invariants": ["never-deregisters-in-use", "bill-under:2.50",
                               {"name": "n", "call": "DescribeImages",
                                "params": {"Owners": ["self"]}, "each": "Images",
                                "expect": {"output": {"State": "available"}},
                                "count": {"min": 1}}]}
    good = {"name": "x", "steps": [workflow]}
    errors = [e.message for e in validator.iter_errors(good)]
    assert not errors, errors[:3]
    # And the schema refuses what the loader refuses.
    for bad in ({"name": "x"}, {"name": "x", "steps": [{"advance": "10x"}]},
                {"name": "x", "steps": [{"cal": "RunInstances"}]},
                {"name": "x", "steps": [{"wait": "image_ready"}]},
                {"name": "x", "steps": [dict(workflow, expect_exit=256)]},
                {"name": "x", "steps": [dict(workflow, invariants=["never-deregisters"])]},
                {"name": "x", "steps": [dict(workflow, invariants=[{"name": "n", "call": "X"}])]},
                {"name": "x", "steps": [dict(workflow, cmd="y")]}):
        assert list(validator.iter_errors(bad)), bad


if __name__ == "__main__":
    if sys.argv[1] == "junit":
        check_junit(*sys.argv[2:6])
    elif sys.argv[1] == "shard":
        check_shards(*sys.argv[2:6])
    else:
        check_schema(sys.argv[2])
    print("ok")

"""Checks `amisim run`'s reports (issue 7): the JUnit XML parses with xml.etree and counts what
ran, and the shipped scenarios validate against scenarios/schema.json.

usage: check_reports.py junit AMISIM SCENARIO_DIR FAILING_FILE OUT_XML
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
    # And the schema refuses what the loader refuses.
    for bad in ({"name": "x"}, {"name": "x", "steps": [{"advance": "10x"}]},
                {"name": "x", "steps": [{"cal": "RunInstances"}]},
                {"name": "x", "steps": [{"wait": "image_ready"}]}):
        assert list(validator.iter_errors(bad)), bad


if __name__ == "__main__":
    if sys.argv[1] == "junit":
        check_junit(*sys.argv[2:6])
    else:
        check_schema(sys.argv[2])
    print("ok")

#!/usr/bin/env python3
"""Parses `--format junit` of `terms lint` and `terms test` with a real JUnit
consumer (junitparser, Debian's python3-junitparser) and checks that what it
reads matches what Terms reported: the number of test cases, which ones fail,
and the failure text.

    parse-junit.py TERMS_BINARY SOURCE_DIR

Exit 77 (skipped) when junitparser is missing, except under CI=true, where it
is a failure (CI installs it).
"""
import os
import subprocess
import sys

try:
    import junitparser
    from junitparser import Failure, JUnitXml, Skipped
except ImportError:
    print("junitparser is missing: run tools/setup-test-tools.sh (python3-junitparser)")
    sys.exit(1 if os.environ.get("CI") == "true" else 77)

terms, root = sys.argv[1], sys.argv[2]
os.chdir(root)
problems = []


def run(args):
    proc = subprocess.run([terms] + args, capture_output=True, text=True)
    if proc.returncode > 2:
        problems.append(f"terms {' '.join(args)} exited with {proc.returncode}")
    return proc.stdout, proc.returncode


def cases(xml_text):
    xml = JUnitXml.fromstring(xml_text)
    suites = list(xml) if isinstance(xml, JUnitXml) else [xml]
    out = {}
    for suite in suites:
        for case in suite:
            failed = [r for r in case.result if isinstance(r, Failure)]
            out[case.name] = (case.classname, failed, [r for r in case.result if isinstance(r, Skipped)])
    return suites, out


def expect(condition, message):
    if not condition:
        problems.append(message)


# lint: one case per file, failing exactly when the file has an error.
formats = "tests/golden/lint/lib/formats"
text, status = run(["lint", "--format", "junit", f"{formats}/sample.terms", f"{formats}/clean.terms",
                    f"{formats}/warnings.terms"])
suites, got = cases(text)
expect(status == 1, f"lint: exit status {status}, expected 1")
expect(len(got) == 3, f"lint: {len(got)} test cases, expected 3")
expect(suites[0].name == "terms lint", f"lint: suite named {suites[0].name!r}")
expect(suites[0].tests == 3 and suites[0].failures == 1, f"lint: suite counts {suites[0].tests}/{suites[0].failures}")
sample = got.get(f"{formats}/sample.terms")
expect(sample is not None and len(sample[1]) == 1, "lint: sample.terms should have one failure")
if sample and sample[1]:
    expect("retained and lifted in the same step" in (sample[1][0].message or ""), "lint: failure message")
    expect("error[L003]" in (sample[1][0].text or ""), "lint: failure text lists the L003 error")
expect(not got.get(f"{formats}/clean.terms", (None, [1]))[1], "lint: clean.terms should pass")
expect(not got.get(f"{formats}/warnings.terms", (None, [1]))[1], "lint: warnings.terms should pass at the default fail level")

# --fail-level warning turns the warning into a failure.
text, status = run(["lint", "--format", "junit", "--fail-level", "warning", f"{formats}/warnings.terms"])
_, got = cases(text)
expect(status == 1, f"lint --fail-level warning: exit status {status}")
expect(len(got.get(f"{formats}/warnings.terms", (None, []))[1]) == 1, "lint --fail-level warning: one failure")

# A whole library, with non-ASCII text: every input is a test case.
text, status = run(["lint", "--format", "junit", "examples"])
_, got = cases(text)
expected_files = subprocess.run(["find", "examples", "-name", "*.terms"], capture_output=True, text=True).stdout.split()
expect(len(got) == len(expected_files), f"lint examples: {len(got)} cases for {len(expected_files)} files")

# test: one case per agreement, classname the file.
text, status = run(["test", "--format", "junit", "examples/article"])
_, got = cases(text)
expect("hanoi-2019" in got and "interim-2020" in got, f"test: cases {sorted(got)}")
for name, (classname, failures, _) in got.items():
    expect(classname.startswith("examples/article/"), f"test: {name} has classname {classname!r}")

if problems:
    for p in problems:
        print("FAIL", p)
    sys.exit(1)
print(f"JUnit parsed by junitparser {junitparser.version}: every check passed")

#!/usr/bin/env python3
"""Reads Surefire's XML reports (TEST-*.xml) for ci/kernel-lane and decides.

Usage:
  reports.py guest KERNEL_REPORTS_DIR SAMPLE_REPORTS_DIR
      The kernel-* tagged tests (first directory) must all have run and passed:
      any failure, error or skip fails, and so does running none. The sample
      suite (second directory, "-" if it was not run) must have run and have no
      failure or error; its skips are listed.
  reports.py host REPORTS_DIR
      The host's check run of the tagged tests: failures and errors fail; skips
      (the expected outcome on a kernel without the features) are listed with
      their reasons.
Prints the counts and, for each failed, errored or skipped test, its message and
the start of its stack trace. Exit status 0 if acceptable, 1 otherwise.
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET


def read(directory):
    """Returns (counts, problems) of the TEST-*.xml files in directory."""
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0, "files": 0}
    problems = []
    for path in sorted(glob.glob(os.path.join(directory, "TEST-*.xml"))):
        counts["files"] += 1
        try:
            suite = ET.parse(path).getroot()
        except ET.ParseError as e:
            problems.append(("unreadable", os.path.basename(path), str(e), ""))
            counts["errors"] += 1
            continue
        suites = [suite] if suite.tag == "testsuite" else suite.findall("testsuite")
        for s in suites:
            for case in s.findall("testcase"):
                counts["tests"] += 1
                name = "%s.%s" % (case.get("classname", "?"), case.get("name", "?"))
                for kind, key in (("failure", "failures"), ("error", "errors"), ("skipped", "skipped")):
                    for el in case.findall(kind):
                        counts[key] += 1
                        problems.append((kind, name, el.get("message") or "", (el.text or "").strip()))
                # Retried flakes (rerunFailingTestsCount) count as failures here: the lane wants no flake.
                for kind in ("flakyFailure", "flakyError", "rerunFailure", "rerunError"):
                    for el in case.findall(kind):
                        counts["failures"] += 1
                        problems.append((kind, name, el.get("message") or "", (el.text or "").strip()))
    return counts, problems


def show(title, directory, counts, problems):
    print("ci/kernel-lane: %s: %d tests, %d failed, %d errors, %d skipped (%d report files in %s)"
          % (title, counts["tests"], counts["failures"], counts["errors"], counts["skipped"],
             counts["files"], directory))
    for kind, name, message, text in problems:
        print("  %s: %s" % (kind.upper(), name))
        if not message and kind == "skipped" and text:
            message = text.splitlines()[0]
        if message:
            for line in message.splitlines()[:20]:
                print("      " + line)
        if text and kind != "skipped":
            lines = text.splitlines()
            for line in lines[:25]:
                print("      | " + line)
            if len(lines) > 25:
                print("      | ... (%d more lines in the report)" % (len(lines) - 25))


def main(argv):
    if len(argv) == 4 and argv[1] == "guest":
        ok = True
        kernel_dir, sample_dir = argv[2], argv[3]
        counts, problems = read(kernel_dir)
        show("guest, kernel-* tagged tests", kernel_dir, counts, problems)
        if counts["tests"] == 0:
            print("ci/kernel-lane: FAIL: no kernel-* tagged test ran in the guest")
            ok = False
        if counts["failures"] or counts["errors"]:
            print("ci/kernel-lane: FAIL: kernel-* tagged tests failed in the guest")
            ok = False
        if counts["skipped"]:
            print("ci/kernel-lane: FAIL: kernel-* tagged tests were skipped in the guest, where they must run")
            ok = False
        if sample_dir == "-":
            print("ci/kernel-lane: sample suite not run (NETNS4J_LANE_SAMPLES=0)")
            return 0 if ok else 1
        counts, problems = read(sample_dir)
        show("guest, sample suite", sample_dir, counts, problems)
        if counts["tests"] == 0:
            print("ci/kernel-lane: FAIL: no sample test ran in the guest")
            ok = False
        if counts["failures"] or counts["errors"]:
            print("ci/kernel-lane: FAIL: sample tests failed in the guest")
            ok = False
        return 0 if ok else 1
    if len(argv) == 3 and argv[1] == "host":
        counts, problems = read(argv[2])
        show("host check, kernel-* tagged tests", argv[2], counts, problems)
        if counts["failures"] or counts["errors"]:
            print("ci/kernel-lane: FAIL: kernel-* tagged tests failed on the host (they should pass or skip)")
            return 1
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))

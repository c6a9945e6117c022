"""JUnit XML: one testcase per checked file, failing with one <failure> per error-level finding.

Warnings and info go to the testcase's <system-out>, so CI test views show
them without failing the build.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from ..model import LEVEL_ERROR, CheckResult, Finding


def render(result: CheckResult) -> str:
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for path in result.files:
        by_file[path] = []
    for finding in result.findings:
        by_file[finding.path].append(finding)
    errors = result.count(LEVEL_ERROR)
    failing = sum(1 for findings in by_file.values() if any(f.level == LEVEL_ERROR for f in findings))
    suites = ET.Element("testsuites", name="mkdocs-sxs check", tests=str(len(by_file)), failures=str(failing),
                        errors="0")
    suite = ET.SubElement(suites, "testsuite", name="links", tests=str(len(by_file)), failures=str(failing),
                          errors="0", skipped="0")
    ET.SubElement(ET.SubElement(suite, "properties"), "property", name="error_findings", value=str(errors))
    for path in sorted(by_file):
        case = ET.SubElement(suite, "testcase", classname="links", name=path, file=path)
        output = []
        for finding in by_file[path]:
            if finding.level == LEVEL_ERROR:
                failure = ET.SubElement(case, "failure", message=finding.message, type=finding.category)
                failure.text = finding.text()
            else:
                output.append(finding.text())
        if output:
            ET.SubElement(case, "system-out").text = "\n".join(output)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"

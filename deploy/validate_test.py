#!/usr/bin/env python3
"""Proves deploy/validate.py fails when it should: each case copies the deployment files into a
scratch repository, breaks one thing, and expects validate.py to name it. Run by deploy/validate.sh."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIED = [".dockerignore", ".github", "deploy", "global.json", "Directory.Build.props", "Directory.Packages.props",
          ".editorconfig", "Tiketi.Grains.Interfaces", "Tiketi.Grains", "Tiketi.Silo", "Tiketi.Api"]
IGNORE = shutil.ignore_patterns("bin", "obj", "node_modules", "monitoring")


class ValidateFailsWhenBroken(unittest.TestCase):
    scratch: Path

    def setUp(self):
        self.scratch = Path(tempfile.mkdtemp(prefix="tiketi-validate-"))
        for name in COPIED:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, self.scratch / name, ignore=IGNORE)
            elif source.exists():
                shutil.copy2(source, self.scratch / name)

    def tearDown(self):
        shutil.rmtree(self.scratch, ignore_errors=True)

    def edit(self, path: str, old: str, new: str):
        target = self.scratch / path
        text = target.read_text(encoding="utf-8")
        self.assertIn(old, text, f"the case no longer matches {path}")
        target.write_text(text.replace(old, new, 1), encoding="utf-8")

    def validate(self) -> subprocess.CompletedProcess:
        environment = dict(os.environ, PATH=os.environ.get("PATH", ""))
        # cfn-lint is slow and checks the real template once already; the cases test validate.py itself.
        environment["TIKETI_VALIDATE_SKIP_CFN_LINT"] = "1"
        return subprocess.run([sys.executable, str(self.scratch / "deploy" / "validate.py")],
                              capture_output=True, text=True, env=environment)

    def assert_fails_with(self, pattern: str):
        result = self.validate()
        self.assertNotEqual(result.returncode, 0, f"validate.py passed a broken tree:\n{result.stdout}")
        self.assertRegex(result.stdout, pattern)

    def test_the_untouched_copy_passes(self):
        result = self.validate()
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_dockerignore_hiding_a_project_fails(self):
        self.edit(".dockerignore", "!Tiketi.Api/\n", "")
        self.assert_fails_with(r"FAIL docker: .*Tiketi\.Api")

    def test_missing_referenced_project_fails(self):
        self.edit("deploy/docker/Tiketi.Api.Dockerfile", "COPY Tiketi.Grains/ Tiketi.Grains/\n", "")
        self.assert_fails_with(r"needs .*Tiketi\.Grains\.csproj.*COPY never brings Tiketi\.Grains/")

    def test_copy_of_a_missing_path_fails(self):
        self.edit("deploy/docker/Tiketi.Silo.Dockerfile", "COPY Tiketi.Silo/ Tiketi.Silo/", "COPY Tiketi.Sillo/ Tiketi.Silo/")
        self.assert_fails_with(r"COPY Tiketi\.Sillo/: no such file")

    def test_root_user_fails(self):
        self.edit("deploy/docker/Tiketi.Api.Dockerfile", "USER 1001:1001", "USER root")
        self.assert_fails_with(r"USER 1001:1001")

    def test_shorter_stickiness_fails(self):
        self.edit("deploy/aws/cloudformation/tiketi.yaml", '"86400" }', '"3600" }')
        self.assert_fails_with(r"stickiness\.lb_cookie\.duration_seconds should be 86400")

    def test_group_bounds_off_the_policy_fail(self):
        path = "deploy/aws/cloudformation/tiketi.yaml"
        text = (self.scratch / path).read_text(encoding="utf-8")
        text = re.sub(r"(  SiloMaxSize:\n    Type: Number\n    Default: )\d+", r"\g<1>7", text)
        (self.scratch / path).write_text(text, encoding="utf-8")
        self.assert_fails_with(r"SiloMaxSize defaults to 7, QueueScalingPolicy\.MaxInstances")

    def test_broken_user_data_fails(self):
        self.edit("deploy/aws/cloudformation/tiketi.yaml", "        install_agent() {\n", "        install_agent() {\n          if then\n")
        self.assert_fails_with(r"user data does not parse")

    def test_undefined_reference_fails(self):
        self.edit("deploy/aws/cloudformation/tiketi.yaml", "VpcId: !Ref Vpc\n", "VpcId: !Ref Vcp\n")
        self.assert_fails_with(r"!Ref Vcp names nothing")

    def test_compose_variable_missing_from_env_example_fails(self):
        self.edit("deploy/compose/docker-compose.yml", "${GRAFANA_PORT:-3000}", "${GRAFANA_HTTP_PORT:-3000}")
        self.assert_fails_with(r"GRAFANA_HTTP_PORT.*not listed")

    def test_secret_value_in_env_example_fails(self):
        self.edit("deploy/compose/.env.example", "AUTH_SIGNING_KEY=\n", "AUTH_SIGNING_KEY=not-so-secret\n")
        self.assert_fails_with(r"gives AUTH_SIGNING_KEY a value")

    def test_workflow_running_a_missing_script_fails(self):
        self.edit(".github/workflows/migrate.yml", "deploy/aws/release.sh migrate", "deploy/aws/relase.sh migrate")
        self.assert_fails_with(r"runs deploy/aws/relase\.sh, which does not exist")

    @unittest.skipUnless((ROOT / "deploy/aws/queue-scaling.json").is_file(), "issue 7's scaling template is not there")
    def test_alarm_threshold_off_the_policy_fails(self):
        self.edit("deploy/aws/queue-scaling.json", '"Threshold": 5000', '"Threshold": 4000')
        self.assert_fails_with(r"scale-out threshold is 4000, QueueScalingPolicy says 5000")

    def test_invalid_yaml_fails(self):
        self.edit(".github/workflows/ci.yml", "jobs:\n", "jobs:\n  - [\n")
        self.assert_fails_with(r"FAIL syntax: \.github/workflows/ci\.yml")


if __name__ == "__main__":
    unittest.main(verbosity=1)

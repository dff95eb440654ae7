#!/usr/bin/env python3
"""deploy/aws/release.sh against a fake AWS (deploy/aws/test/aws, curl, sleep): the blue-green steps
leave the stack, the groups and the scaling stack as docs/operations.md says. Run by deploy/validate.sh."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
RELEASE = HERE / "release.sh"
STACK = "tiketi-prod"


class ReleaseSteps(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory(prefix="tiketi-release-")
        self.state_path = Path(self.folder.name) / "state.json"
        groups = {f"{STACK}-{tier}-{color}": {"desired": 2 if color == "blue" else 0, "instances": 0, "healthy": True}
                  for tier in ("silo", "api") for color in ("blue", "green")}
        for group in groups.values():
            group["instances"] = group["desired"]
        self.write({
            "stack": STACK,
            "stacks": {
                STACK: {"params": {"EnvironmentName": "prod", "ActiveColor": "blue", "BlueImageTag": "v1",
                                   "GreenImageTag": "none", "SiloRepositoryName": "tiketi-silo", "ApiRepositoryName": "tiketi-api",
                                   "SiloMinSize": "2", "SiloMaxSize": "40", "ApiMinSize": "2", "ApiMaxSize": "40"}},
                f"{STACK}-scaling": {"params": {"SiloAutoScalingGroupName": f"{STACK}-silo-blue",
                                                "ApiAutoScalingGroupName": f"{STACK}-api-blue", "AlarmTopicArn": ""}},
            },
            "groups": groups,
        })

    def tearDown(self):
        self.folder.cleanup()

    def write(self, state):
        self.state_path.write_text(json.dumps(state), encoding="utf-8")

    def state(self):
        return json.loads(self.state_path.read_text(encoding="utf-8"))

    def release(self, *args, **env) -> subprocess.CompletedProcess:
        # The fakes come first; then this interpreter's own folder, so `env python3` skips pyenv-style shims.
        environment = dict(os.environ, FAKE_AWS_STATE=str(self.state_path), STACK=STACK,
                           PATH=f"{HERE / 'test'}:{Path(sys.executable).parent}:{os.environ.get('PATH', '')}", AWS_REGION="ap-northeast-2", **env)
        return subprocess.run(["bash", str(RELEASE), *args], capture_output=True, text=True, env=environment, timeout=120)

    def ok(self, *args, **env):
        result = self.release(*args, **env)
        self.assertEqual(result.returncode, 0, f"release.sh {' '.join(args)} failed:\n{result.stderr}")
        return result

    def desired(self, tier, color):
        return self.state()["groups"][f"{STACK}-{tier}-{color}"]["desired"]

    def param(self, key, stack=STACK):
        return self.state()["stacks"][stack]["params"][key]

    def test_a_release_goes_live_on_green_and_empties_blue(self):
        self.ok("migrate", "v2")
        self.assertIn("tiketi-silo:v2 migrate", self.state()["commands"][0])
        self.ok("stage", "v2")
        self.assertEqual((self.param("GreenImageTag"), self.desired("silo", "green"), self.desired("api", "green")), ("v2", 2, 2))
        self.assertEqual(self.param("ActiveColor"), "blue", "staging must not switch")
        self.ok("switch")
        self.assertEqual(self.param("ActiveColor"), "green")
        self.assertEqual(self.param("SiloAutoScalingGroupName", f"{STACK}-scaling"), f"{STACK}-silo-green")
        self.assertEqual(self.param("ApiAutoScalingGroupName", f"{STACK}-scaling"), f"{STACK}-api-green")
        self.ok("verify", "1")
        self.ok("drain")
        self.assertEqual((self.desired("silo", "blue"), self.desired("api", "blue")), (0, 0))
        self.assertEqual((self.desired("silo", "green"), self.desired("api", "green")), (2, 2))
        self.assertIn("live colour green", self.ok("status").stdout)

    def test_stage_copies_the_live_size(self):
        state = self.state()
        state["groups"][f"{STACK}-silo-blue"].update(desired=7, instances=7)
        state["groups"][f"{STACK}-api-blue"].update(desired=5, instances=5)
        self.write(state)
        self.ok("stage", "v2")
        self.assertEqual((self.desired("silo", "green"), self.desired("api", "green")), (7, 5))

    def test_stage_refuses_while_the_idle_colour_still_runs(self):
        state = self.state()
        state["groups"][f"{STACK}-api-green"].update(desired=1, instances=1)
        self.write(state)
        result = self.release("stage", "v2")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("still has hosts", result.stderr)

    def test_a_colour_that_never_gets_healthy_fails_the_stage_and_is_aborted(self):
        result = self.release("stage", "broken", STAGE_TIMEOUT="1")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("did not become ready", result.stderr)
        self.assertNotEqual(self.release("switch").returncode, 0, "switching to an unready colour must fail")
        self.ok("abort")
        self.assertEqual(self.param("ActiveColor"), "blue")
        self.assertEqual((self.desired("silo", "green"), self.desired("api", "green")), (0, 0))
        self.assertEqual((self.desired("silo", "blue"), self.desired("api", "blue")), (2, 2))

    def test_a_failing_live_colour_is_rolled_back_to_the_old_one(self):
        self.ok("stage", "v2")
        self.ok("switch")
        state = self.state()
        state["live_fails"] = True
        self.write(state)
        result = self.release("verify", "5")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("failing after the switch", result.stderr)
        state = self.state()
        state["live_fails"] = False
        self.write(state)
        self.ok("rollback")
        self.assertEqual(self.param("ActiveColor"), "blue")
        self.assertEqual(self.param("SiloAutoScalingGroupName", f"{STACK}-scaling"), f"{STACK}-silo-blue")
        self.assertEqual((self.desired("silo", "green"), self.desired("api", "green")), (0, 0))
        self.assertEqual((self.desired("silo", "blue"), self.desired("api", "blue")), (2, 2))

    def test_rollback_refuses_once_the_old_colour_is_drained(self):
        self.ok("stage", "v2")
        self.ok("switch")
        self.ok("drain")
        result = self.release("rollback")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("image_tag=v1", result.stderr)

    def test_a_failed_migration_fails(self):
        state = self.state()
        state["migration"] = "Failed"
        self.write(state)
        result = self.release("migrate", "v2")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("migration Failed", result.stderr)

    def test_no_scaling_stack_is_not_an_error(self):
        state = self.state()
        del state["stacks"][f"{STACK}-scaling"]
        self.write(state)
        self.ok("stage", "v2")
        self.assertIn("no scaling stack", self.ok("switch").stderr)


if __name__ == "__main__":
    unittest.main(verbosity=1)

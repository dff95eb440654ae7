#!/usr/bin/env python3
"""Offline checks of deploy/ and .github/, run by deploy/validate.sh (and so by .ci/run).

1. Syntax: every .yml/.yaml/.json file under deploy/ and .github/ parses (CloudFormation's !Ref, !Sub
   and other tags are accepted).
2. Compose: build contexts and Dockerfiles exist; bind-mounted files exist (deploy/monitoring/ only once
   that folder exists); every ${VAR} it uses is listed in .env.example, which holds no secret values;
   depends_on names services; the proxy's upstreams are compose services.
3. Dockerfiles: multi-stage, USER 1001, a HEALTHCHECK; every COPY source exists and is not excluded by
   .dockerignore; every .csproj they name exists; the projects a published project references are all
   copied; the ENTRYPOINT runs the published assembly.
4. CloudFormation: templates have Resources and every Ref/GetAtt/Sub names something defined; cfn-lint
   when installed; the hosts' user-data scripts pass `bash -n`; the load balancer keeps the agreed
   stickiness (24 h cookie), deregistration delay (300 s) and health check (/health/ready); the Auto
   Scaling group bounds default to QueueScalingPolicy's MinInstances/MaxInstances.
5. Workflows: a trigger and jobs; each step runs or uses something; local reusable workflows exist
   and are callable; the deploy/ scripts they run exist; every deploy/**/*.sh passes `bash -n`.
6. Monitoring (deploy/monitoring/, when present): Grafana's data sources and Prometheus' static targets
   name compose services; the dashboard provider reads the folder compose mounts; rule files exist.
7. Alarms vs the scaling policy: deploy/aws/queue-scaling.json's QueueSize alarms and step policies
   against QueueScalingPolicy's numbers, unless a test under tests/ already reads that file (then
   `dotnet test` owns the check and this only says so). cfn-lint covers that template too.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
COMPOSE_DIR = DEPLOY / "compose"
COMPOSE_FILE = COMPOSE_DIR / "docker-compose.yml"
MONITORING = DEPLOY / "monitoring"
SKIP_DIRS = {"bin", "obj", "node_modules", ".git"}

errors: list[str] = []
notices: list[str] = []
passed: list[str] = []


def rel(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


class Tagged:
    """A CloudFormation short-form function (!Ref, !Sub, ...) kept with its argument."""

    def __init__(self, tag: str, value):
        self.tag = tag
        self.value = value

    def __repr__(self):
        return f"{self.tag} {self.value!r}"


# libyaml's parser when PyYAML has it (ten times faster), the pure-Python one otherwise.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str):
    return yaml.load(text, Loader=SAFE_LOADER)


class CfnLoader(SAFE_LOADER):
    """A safe loader that keeps any !Tag as a Tagged value instead of refusing it."""


def _construct_tagged(loader, tag_suffix, node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return Tagged("!" + tag_suffix, value)


CfnLoader.add_multi_constructor("!", _construct_tagged)


def files_under(*roots: Path):
    for root in roots:
        if not root.exists():
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS]
            for name in sorted(filenames):
                yield Path(dirpath) / name


def check(name: str):
    """Runs a check function, recording whether it added errors."""

    def wrap(fn):
        before = len(errors)
        try:
            fn()
        except Exception as exc:  # a crash in a check is a failed check, with its reason
            errors.append(f"{name}: {type(exc).__name__}: {exc}")
        if len(errors) == before:
            passed.append(name)
        return fn

    return wrap


# ----------------------------------------------------------------------------------- 1. syntax
def load_yaml(path: Path):
    with path.open(encoding="utf-8") as handle:
        return list(yaml.load_all(handle, Loader=CfnLoader))


def check_syntax():
    count = 0
    for path in files_under(DEPLOY, ROOT / ".github"):
        try:
            if path.suffix in (".yml", ".yaml"):
                load_yaml(path)
                count += 1
            elif path.suffix == ".json":
                json.loads(path.read_text(encoding="utf-8"))
                count += 1
        except (yaml.YAMLError, json.JSONDecodeError, UnicodeDecodeError) as exc:
            errors.append(f"syntax: {rel(path)}: {exc}")
    if count == 0:
        errors.append("syntax: no YAML or JSON files found under deploy/ and .github/")


# ----------------------------------------------------------------------------------- 2. compose
def env_example_keys() -> dict[str, str]:
    keys = {}
    for line in (COMPOSE_DIR / ".env.example").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Z0-9_]+)=(.*)$", line)
        if match:
            keys[match.group(1)] = match.group(2)
    return keys


def compose_services() -> dict:
    return safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))["services"]


def check_compose():
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    services = compose_services()
    keys = env_example_keys()

    for var in sorted(set(re.findall(r"\$\{([A-Za-z0-9_]+)", text))):
        if var not in keys:
            errors.append(f"compose: ${{{var}}} is used but not listed in deploy/compose/.env.example")
    for key, value in keys.items():
        if re.search(r"PASSWORD|SECRET|KEY|TOKEN", key) and value.strip():
            errors.append(f"compose: .env.example gives {key} a value; secrets stay empty there (init-env.sh fills them)")

    monitoring_present = MONITORING.exists()
    missing_monitoring = []
    for name, service in services.items():
        build = service.get("build")
        if isinstance(build, dict):
            context = (COMPOSE_DIR / build.get("context", ".")).resolve()
            if not context.is_dir():
                errors.append(f"compose: {name}: build context {rel(context)} does not exist")
            dockerfile = context / build.get("dockerfile", "Dockerfile")
            if not dockerfile.is_file():
                errors.append(f"compose: {name}: Dockerfile {rel(dockerfile)} does not exist")
        for dependency in service.get("depends_on", []) or []:
            if dependency not in services:
                errors.append(f"compose: {name} depends on unknown service {dependency}")
        for volume in service.get("volumes", []) or []:
            source = volume.split(":")[0] if isinstance(volume, str) else volume.get("source", "")
            if not source.startswith("."):
                continue  # a named volume or a host path (/var/run/docker.sock)
            path = (COMPOSE_DIR / source).resolve()
            if MONITORING in path.parents or path == MONITORING:
                if not monitoring_present:
                    missing_monitoring.append(rel(path))
                    continue
            if not path.exists():
                errors.append(f"compose: {name} mounts {rel(path)}, which does not exist")
    if missing_monitoring:
        notices.append("compose: deploy/monitoring/ does not exist yet; these mounts wait for it: " + ", ".join(missing_monitoring))

    # The proxy's upstreams are compose services on the port the API listens on.
    nginx = (COMPOSE_DIR / "nginx" / "nginx.conf").read_text(encoding="utf-8")
    upstreams = re.findall(r"^\s*server\s+([A-Za-z0-9_.-]+):(\d+)", nginx, re.M)
    if not upstreams:
        errors.append("compose: nginx.conf has no upstream servers")
    for host, port in upstreams:
        if host not in services:
            errors.append(f"compose: nginx upstream {host}:{port} is not a compose service")
        elif port != "8080":
            errors.append(f"compose: nginx upstream {host}:{port}: the API listens on 8080")
    if "hash $tiketi_route" not in nginx or "proxy_set_header Upgrade" not in nginx:
        errors.append("compose: nginx.conf lost its sticky hash or its WebSocket upgrade headers")


# ----------------------------------------------------------------------------------- 3. Dockerfiles
def dockerignore_patterns() -> list[tuple[bool, re.Pattern]]:
    patterns = []
    for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        pattern = line[1:] if negate else line
        pattern = pattern.strip("/")
        regex = ""
        i = 0
        while i < len(pattern):
            if pattern.startswith("**/", i):
                regex += "(?:.*/)?"
                i += 3
            elif pattern.startswith("**", i):
                regex += ".*"
                i += 2
            elif pattern[i] == "*":
                regex += "[^/]*"
                i += 1
            elif pattern[i] == "?":
                regex += "[^/]"
                i += 1
            else:
                regex += re.escape(pattern[i])
                i += 1
        patterns.append((negate, re.compile(regex + "$")))
    return patterns


def ignored(path: str, patterns) -> bool:
    """Docker's rule: the last pattern matching the path or one of its parent folders decides."""
    parts = path.strip("/").split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    result = False
    for negate, regex in patterns:
        if any(regex.match(prefix) for prefix in prefixes):
            result = not negate
    return result


def dockerfile_instructions(path: Path) -> list[tuple[str, str]]:
    lines, current = [], ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        stripped = raw.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        current += stripped
        keyword, _, rest = current.partition(" ")
        lines.append((keyword.upper(), rest.strip()))
        current = ""
    return lines


def project_references(csproj: Path) -> set[Path]:
    """The project and every project it references, transitively."""
    seen: set[Path] = set()
    stack = [csproj.resolve()]
    while stack:
        project = stack.pop()
        if project in seen:
            continue
        seen.add(project)
        text = project.read_text(encoding="utf-8")
        for include in re.findall(r'<ProjectReference\s+Include="([^"]+)"', text):
            stack.append((project.parent / include.replace("\\", "/")).resolve())
    return seen


def assembly_name(csproj: Path) -> str:
    match = re.search(r"<AssemblyName>([^<]+)</AssemblyName>", csproj.read_text(encoding="utf-8"))
    return match.group(1) if match else csproj.stem


def check_dockerfiles():
    patterns = dockerignore_patterns()
    dockerfiles = sorted((DEPLOY / "docker").glob("*.Dockerfile"))
    if len(dockerfiles) < 2:
        errors.append("docker: expected the silo and API Dockerfiles under deploy/docker/")
    for dockerfile in dockerfiles:
        name = rel(dockerfile)
        instructions = dockerfile_instructions(dockerfile)
        keywords = [k for k, _ in instructions]
        if keywords.count("FROM") < 2:
            errors.append(f"docker: {name} is not multi-stage")
        users = [v for k, v in instructions if k == "USER"]
        if not users or users[-1] != "1001:1001":
            errors.append(f"docker: {name} must end as USER 1001:1001 (found {users[-1:] or 'none'})")
        if "HEALTHCHECK" not in keywords:
            errors.append(f"docker: {name} has no HEALTHCHECK")

        copied: list[str] = []
        for keyword, value in instructions:
            if keyword != "COPY" or "--from=" in value:
                continue
            args = [a for a in value.split() if not a.startswith("--")]
            for source in args[:-1]:
                copied.append(source)
                path = ROOT / source
                if not path.exists():
                    errors.append(f"docker: {name}: COPY {source}: no such file or folder")
                    continue
                if path.is_dir():
                    inside = [p for p in files_under(path)]
                    included = [p for p in inside if not ignored(rel(p), patterns)]
                    if not included:
                        errors.append(f"docker: {name}: COPY {source}: .dockerignore leaves nothing of it in the build context")
                    for project in path.glob("*.csproj"):
                        if ignored(rel(project), patterns):
                            errors.append(f"docker: {name}: .dockerignore excludes {rel(project)}")
                elif ignored(source, patterns):
                    errors.append(f"docker: {name}: COPY {source}: excluded by .dockerignore")

        runs = " ".join(v for k, v in instructions if k == "RUN")
        for project in re.findall(r"([\w./-]+\.csproj)", runs):
            if not (ROOT / project).is_file():
                errors.append(f"docker: {name}: {project} does not exist")
        published = [p for p in re.findall(r"dotnet publish ([\w./-]+\.csproj)", runs) if (ROOT / p).is_file()]
        main = [p for p in published if "healthprobe" not in p.lower()]
        if len(main) != 1:
            errors.append(f"docker: {name}: expected one TIKETI project published, found {main}")
            continue
        for project in project_references(ROOT / main[0]):
            folder = rel(project.parent) + "/"
            if folder not in copied:
                errors.append(f"docker: {name}: {main[0]} needs {rel(project)}, but COPY never brings {folder}")
            if rel(project) not in copied:
                errors.append(f"docker: {name}: {rel(project)} is not copied before the restore (layer caching)")
        entrypoint = " ".join(v for k, v in instructions if k == "ENTRYPOINT")
        expected = assembly_name(ROOT / main[0]) + ".dll"
        if expected not in entrypoint:
            errors.append(f"docker: {name}: ENTRYPOINT should run {expected} (found {entrypoint})")
        healthcheck = " ".join(v for k, v in instructions if k == "HEALTHCHECK")
        probe = re.search(r"/probe/(\w+)\.dll", healthcheck)
        if probe and not any("healthprobe" in p.lower() for p in published):
            errors.append(f"docker: {name}: the HEALTHCHECK runs {probe.group(0)} but the probe is not published")


# ----------------------------------------------------------------------------------- 4. CloudFormation
PSEUDO = {"AWS::Region", "AWS::AccountId", "AWS::StackName", "AWS::Partition", "AWS::URLSuffix",
          "AWS::NoValue", "AWS::StackId", "AWS::NotificationARNs"}


def walk(value):
    yield value
    if isinstance(value, Tagged):
        yield from walk(value.value)
    elif isinstance(value, dict):
        for item in value.values():
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)


def cfn_templates() -> list[Path]:
    return sorted((DEPLOY / "aws" / "cloudformation").glob("*.y*ml"))


def render_sub(text: str, variables: dict) -> str:
    """Fn::Sub as far as a shell syntax check needs: variables in place, everything else a placeholder."""

    def replace(match):
        inner = match.group(1)
        if inner.startswith("!"):
            return "${" + inner[1:] + "}"
        if inner in variables and isinstance(variables[inner], str):
            return variables[inner]
        return "placeholder"

    return re.sub(r"\$\{([^}]+)\}", replace, text)


def check_cloudformation():
    templates = cfn_templates()
    if not templates:
        errors.append("cloudformation: no templates under deploy/aws/cloudformation/")
    for template_path in templates:
        name = rel(template_path)
        template = load_yaml(template_path)[0]
        resources = template.get("Resources") or {}
        if not resources:
            errors.append(f"cloudformation: {name} has no Resources")
            continue
        defined = set(resources) | set(template.get("Parameters") or {}) | PSEUDO
        mappings = template.get("Mappings") or {}
        for node in walk(template):
            if not isinstance(node, Tagged):
                continue
            if node.tag == "!Ref" and node.value not in defined:
                errors.append(f"cloudformation: {name}: !Ref {node.value} names nothing")
            elif node.tag == "!GetAtt":
                target = node.value.split(".")[0] if isinstance(node.value, str) else node.value[0]
                if target not in resources:
                    errors.append(f"cloudformation: {name}: !GetAtt {node.value} names no resource")
            elif node.tag == "!Sub":
                text, variables = (node.value, {}) if isinstance(node.value, str) else (node.value[0], node.value[1])
                for reference in re.findall(r"\$\{([^}!][^}]*)\}", text):
                    if reference.split(".")[0] not in defined and reference not in variables:
                        errors.append(f"cloudformation: {name}: ${{{reference}}} in a !Sub names nothing")
            elif node.tag == "!FindInMap":
                mapping, key, field = node.value
                if not isinstance(mapping, str) or field not in (mappings.get(mapping, {}).get(key, {}) or {}):
                    errors.append(f"cloudformation: {name}: !FindInMap {node.value} names no mapping entry")

        # User data: substitute as CloudFormation would and ask bash whether it parses.
        for logical, resource in resources.items():
            if resource.get("Type") != "AWS::EC2::LaunchTemplate":
                continue
            user_data = resource["Properties"]["LaunchTemplateData"].get("UserData")
            if not isinstance(user_data, dict) or "Fn::Base64" not in user_data:
                continue
            sub = user_data["Fn::Base64"]
            text, variables = (sub.value, {}) if isinstance(sub.value, str) else (sub.value[0], dict(sub.value[1]))
            for key, value in list(variables.items()):
                if isinstance(value, Tagged) and value.tag == "!FindInMap":
                    mapping, entry, field = value.value
                    variables[key] = mappings[mapping][entry][field]
            script = render_sub(text, variables)
            result = subprocess.run(["bash", "-n"], input=script, text=True, capture_output=True)
            if result.returncode != 0:
                errors.append(f"cloudformation: {name}: {logical} user data does not parse: {result.stderr.strip()}")

        if template_path.name == "tiketi.yaml":
            check_tiketi_stack(name, template, resources)

    cfn_lint = shutil.which("cfn-lint")
    if os.environ.get("TIKETI_VALIDATE_SKIP_CFN_LINT"):
        return
    if cfn_lint:
        json_templates = [p for p in sorted((DEPLOY / "aws").rglob("*.json"))
                          if "AWSTemplateFormatVersion" in p.read_text(encoding="utf-8", errors="replace")]
        result = subprocess.run([cfn_lint, *map(str, templates + json_templates)], capture_output=True, text=True)
        if result.returncode not in (0, 4):  # 4: warnings only
            errors.append("cloudformation: cfn-lint:\n" + (result.stdout + result.stderr).strip())
        elif result.returncode == 4:
            notices.append("cloudformation: cfn-lint warnings:\n" + result.stdout.strip())
    else:
        notices.append("cloudformation: cfn-lint is not installed here; only the template checks above ran (CI on GitHub runs it)")


def check_tiketi_stack(name: str, template: dict, resources: dict):
    for logical in ("BlueTargetGroup", "GreenTargetGroup"):
        properties = resources.get(logical, {}).get("Properties", {})
        attributes = {a["Key"]: a["Value"] for a in properties.get("TargetGroupAttributes", [])}
        expected = {"stickiness.enabled": "true", "stickiness.type": "lb_cookie",
                    "stickiness.lb_cookie.duration_seconds": "86400", "deregistration_delay.timeout_seconds": "300"}
        for key, value in expected.items():
            if attributes.get(key) != value:
                errors.append(f"cloudformation: {name}: {logical} {key} should be {value} (is {attributes.get(key)})")
        if properties.get("HealthCheckPath") != "/health/ready":
            errors.append(f"cloudformation: {name}: {logical} health check should be /health/ready")

    policy = ROOT / "Tiketi.Grains" / "Scaling" / "QueueScalingPolicy.cs"
    if not policy.is_file():
        notices.append("cloudformation: Tiketi.Grains/Scaling/QueueScalingPolicy.cs not found; group bounds not compared")
        return
    source = policy.read_text(encoding="utf-8")
    parameters = template.get("Parameters", {})
    for prop, params in (("MinInstances", ("SiloMinSize", "ApiMinSize")), ("MaxInstances", ("SiloMaxSize", "ApiMaxSize"))):
        match = re.search(rf"\b{prop}\s*\{{\s*get;\s*init;\s*\}}\s*=\s*([\d_]+)", source)
        if not match:
            errors.append(f"cloudformation: cannot read QueueScalingPolicy.{prop}; update deploy/validate.py")
            continue
        value = int(match.group(1).replace("_", ""))
        for param in params:
            default = parameters.get(param, {}).get("Default")
            if default != value:
                errors.append(f"cloudformation: {name}: {param} defaults to {default}, QueueScalingPolicy.{prop} is {value}")


# ----------------------------------------------------------------------------------- 5. workflows and scripts
def check_workflows():
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
    if not workflows:
        errors.append("workflows: none under .github/workflows/")
    for path in workflows:
        name = rel(path)
        workflow = safe_load(path.read_text(encoding="utf-8"))
        triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
        if not triggers:
            errors.append(f"workflows: {name} has no trigger")
        jobs = workflow.get("jobs") or {}
        if not jobs:
            errors.append(f"workflows: {name} has no jobs")
        for job_name, job in jobs.items():
            if "uses" in job:
                target = job["uses"]
                if target.startswith("./"):
                    called = ROOT / target[2:]
                    if not called.is_file():
                        errors.append(f"workflows: {name}: {job_name} calls missing {target}")
                    else:
                        called_on = (lambda w: w.get("on", w.get(True)))(safe_load(called.read_text(encoding="utf-8")))
                        if not (isinstance(called_on, dict) and "workflow_call" in called_on):
                            errors.append(f"workflows: {name}: {target} has no workflow_call trigger")
                continue
            if "runs-on" not in job:
                errors.append(f"workflows: {name}: job {job_name} has no runs-on")
            for index, step in enumerate(job.get("steps") or []):
                if not ("run" in step or "uses" in step):
                    errors.append(f"workflows: {name}: {job_name} step {index + 1} neither runs nor uses anything")
                for script in re.findall(r"(deploy/[\w./-]+\.sh)", step.get("run", "")):
                    target = ROOT / script
                    if not target.is_file():
                        errors.append(f"workflows: {name}: runs {script}, which does not exist")
                    elif not os.access(target, os.X_OK) and f"bash {script}" not in step["run"]:
                        errors.append(f"workflows: {name}: {script} is run directly but is not executable")
    for script in sorted(DEPLOY.rglob("*.sh")):
        result = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
        if result.returncode != 0:
            errors.append(f"scripts: {rel(script)} does not parse: {result.stderr.strip()}")


# ----------------------------------------------------------------------------------- 6. monitoring
def compose_names(services: dict) -> set[str]:
    """Service names and their network aliases: what a name lookup on the compose network can find."""
    names = set(services)
    for service in services.values():
        networks = service.get("networks") or {}
        for network in (networks.values() if isinstance(networks, dict) else []):
            names.update((network or {}).get("aliases", []) or [])
    return names


def check_monitoring():
    if not MONITORING.exists():
        notices.append("monitoring: deploy/monitoring/ does not exist yet; its cross-checks did not run")
        return
    services = compose_services()
    names = compose_names(services)
    grafana = services.get("grafana", {})
    mounts = {v.split(":")[1]: (COMPOSE_DIR / v.split(":")[0]).resolve() for v in grafana.get("volumes", []) if v.startswith(".")}
    dashboards_target = next((target for target, source in mounts.items() if source.name == "dashboards"), None)

    datasources = MONITORING / "grafana" / "provisioning" / "datasources"
    for path in sorted(datasources.glob("*.y*ml")) if datasources.is_dir() else []:
        for source in (safe_load(path.read_text(encoding="utf-8")) or {}).get("datasources", []) or []:
            host = re.sub(r"^\w+://", "", str(source.get("url", ""))).split("/")[0].split(":")[0]
            if host and host not in names and host not in ("localhost", "127.0.0.1"):
                errors.append(f"monitoring: {rel(path)}: data source {source.get('name')} points at {host}, not a compose service")
    providers = MONITORING / "grafana" / "provisioning" / "dashboards"
    for path in sorted(providers.glob("*.y*ml")) if providers.is_dir() else []:
        for provider in (safe_load(path.read_text(encoding="utf-8")) or {}).get("providers", []) or []:
            folder = (provider.get("options") or {}).get("path")
            if folder and dashboards_target and not (folder == dashboards_target or folder.startswith(dashboards_target + "/")):
                errors.append(f"monitoring: {rel(path)}: provider reads {folder}, but compose mounts the dashboards at {dashboards_target}")

    prometheus = MONITORING / "prometheus" / "prometheus.yml"
    if prometheus.is_file():
        config = safe_load(prometheus.read_text(encoding="utf-8")) or {}
        for rule_file in config.get("rule_files", []) or []:
            local = MONITORING / "prometheus" / Path(rule_file.replace("/etc/prometheus/", "")).name
            if "*" not in rule_file and not local.is_file():
                errors.append(f"monitoring: prometheus.yml loads {rule_file}, which is not in deploy/monitoring/prometheus/")
        for job in config.get("scrape_configs", []) or []:
            for static in job.get("static_configs", []) or []:
                for target in static.get("targets", []) or []:
                    host = str(target).split(":")[0]
                    if host not in names and host not in ("localhost", "127.0.0.1"):
                        errors.append(f"monitoring: prometheus job {job.get('job_name')}: target {target} is not a compose service")
            for dns in job.get("dns_sd_configs", []) or []:
                for host in dns.get("names", []) or []:
                    if host not in names:
                        errors.append(f"monitoring: prometheus job {job.get('job_name')}: {host} is neither a compose service nor an alias")

    # Promtail's pipeline stages select containers by compose service name: say when one selects none.
    promtail = MONITORING / "promtail" / "promtail.yml"
    if promtail.is_file():
        for selector in re.findall(r"service=~?\"([^\"]+)\"", promtail.read_text(encoding="utf-8")):
            for alternative in selector.split("|"):
                if not any(re.fullmatch(alternative, name) for name in services):
                    notices.append(f"monitoring: promtail selects service=~\"{selector}\"; \"{alternative}\" matches no compose service "
                                   f"(they are {', '.join(sorted(services))}), so those logs are shipped unparsed")


# ----------------------------------------------------------------------------------- 7. alarms vs policy
def policy_numbers() -> dict | None:
    """QueueScalingPolicy's defaults, read from its source; None when its shape is not recognised."""
    path = ROOT / "Tiketi.Grains" / "Scaling" / "QueueScalingPolicy.cs"
    if not path.is_file():
        return None
    source = path.read_text(encoding="utf-8")

    def number(name: str, pattern: str = r"([\d_]+)") -> int | None:
        match = re.search(rf"\b{name}\s*\{{\s*get;\s*init;\s*\}}\s*=\s*{pattern}", source)
        return int(match.group(1).replace("_", "")) if match else None

    steps_match = re.search(r"ScaleOutSteps\s*\{\s*get;\s*init;\s*\}\s*=\s*\[(.*?)\];", source, re.S)
    numbers = {
        "steps": [(int(a.replace("_", "")), int(b)) for a, b in re.findall(r"new\(([\d_]+),\s*(\d+)\)", steps_match.group(1))] if steps_match else None,
        "scale_in_below": number("ScaleInBelow"),
        "scale_in_step": number("ScaleInStep"),
        "period": number("EvaluationPeriod", r"TimeSpan\.FromSeconds\(([\d_]+)\)"),
        "out_periods": number("ScaleOutEvaluationPeriods"),
        "in_periods": number("ScaleInEvaluationPeriods"),
        "warmup": number("ScaleOutCooldown", r"TimeSpan\.FromSeconds\(([\d_]+)\)"),
    }
    return None if any(v is None for v in numbers.values()) or not numbers["steps"] else numbers


def check_alarm_policy_link():
    scaling = DEPLOY / "aws" / "queue-scaling.json"
    if not scaling.is_file():
        notices.append("alarms: deploy/aws/queue-scaling.json (issue 7) does not exist yet; nothing to compare")
        return
    tests = [p for p in files_under(ROOT / "tests") if p.suffix == ".cs"]
    linked = [rel(p) for p in tests if "queue-scaling.json" in p.read_text(encoding="utf-8", errors="replace")]
    if linked:
        notices.append(f"alarms: queue-scaling.json is compared with QueueScalingPolicy by {', '.join(linked)} (dotnet test); not repeated here")
        return
    # No test reads the file yet: compare the essentials here, so a drift never goes unnoticed.
    policy = policy_numbers()
    if policy is None:
        notices.append("alarms: QueueScalingPolicy.cs has a shape validate.py does not read, and no test reads queue-scaling.json")
        return
    resources = json.loads(scaling.read_text(encoding="utf-8")).get("Resources", {})
    alarms = [r["Properties"] for r in resources.values()
              if r.get("Type") == "AWS::CloudWatch::Alarm" and r["Properties"].get("MetricName") == "QueueSize"]
    high = [a for a in alarms if a.get("ComparisonOperator") == "GreaterThanThreshold"]
    low = [a for a in alarms if a.get("ComparisonOperator") == "LessThanThreshold"]
    first = policy["steps"][0][0]

    def expect(what, actual, wanted):
        if actual != wanted:
            errors.append(f"alarms: queue-scaling.json {what} is {actual}, QueueScalingPolicy says {wanted}")

    expect("number of QueueSize > alarms", len(high), 1)
    expect("number of QueueSize < alarms", len(low), 1)
    for alarm in high:
        expect("scale-out threshold", alarm.get("Threshold"), first)
        expect("scale-out period", alarm.get("Period"), policy["period"])
        expect("scale-out evaluation periods", alarm.get("EvaluationPeriods"), policy["out_periods"])
    for alarm in low:
        expect("scale-in threshold", alarm.get("Threshold"), policy["scale_in_below"])
        expect("scale-in period", alarm.get("Period"), policy["period"])
        expect("scale-in evaluation periods", alarm.get("EvaluationPeriods"), policy["in_periods"])
    for name, resource in resources.items():
        properties = resource.get("Properties", {})
        if resource.get("Type") != "AWS::AutoScaling::ScalingPolicy" or "Prewarm" in name:
            continue
        if properties.get("PolicyType") == "StepScaling":
            steps = sorted(properties.get("StepAdjustments", []), key=lambda s: s.get("MetricIntervalLowerBound", 0))
            expect(f"{name} steps", [(s.get("MetricIntervalLowerBound"), s.get("ScalingAdjustment")) for s in steps],
                   [(threshold - first, add) for threshold, add in policy["steps"]])
            expect(f"{name} warm-up", properties.get("EstimatedInstanceWarmup"), policy["warmup"])
        elif properties.get("ScalingAdjustment", 0) < 0:
            expect(f"{name} adjustment", properties.get("ScalingAdjustment"), -policy["scale_in_step"])
    notices.append("alarms: no test reads queue-scaling.json yet, so validate.py compared it with QueueScalingPolicy")


def main() -> int:
    check("syntax")(check_syntax)
    check("compose")(check_compose)
    check("dockerfiles")(check_dockerfiles)
    check("cloudformation")(check_cloudformation)
    check("workflows")(check_workflows)
    check("monitoring")(check_monitoring)
    check("alarms")(check_alarm_policy_link)
    for notice in notices:
        print(f"validate: NOTICE {notice}")
    for name in passed:
        print(f"validate: ok   {name}")
    for error in errors:
        print(f"validate: FAIL {error}")
    if errors:
        print(f"validate: {len(errors)} problem(s) under deploy/ or .github/")
        return 1
    print(f"validate: all {len(passed)} check groups ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())

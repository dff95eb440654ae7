#!/usr/bin/env bash
# Blue-green releases of TIKETI on the stack deploy/aws/cloudformation/tiketi.yaml builds.
# Used by .github/workflows/deploy.yml and migrate.yml; an operator can run every step by hand.
#
#   deploy/aws/release.sh status                 active colour, image tags, group sizes and target health
#   deploy/aws/release.sh migrate <tag>          run `Tiketi.Silo migrate` from image <tag> on a live silo host
#   deploy/aws/release.sh stage <tag>            start the idle colour on image <tag>, sized like the live one,
#                                                and wait until every host is in service and ready
#   deploy/aws/release.sh switch                 send buyers to the staged colour; point the scaling stack at it
#   deploy/aws/release.sh verify [seconds]       watch the live colour (default 300 s); fail on repeated bad health
#   deploy/aws/release.sh drain                  empty the idle colour: API hosts first (the ALB drains each
#                                                for 300 s), then silos one by one (they hand their grains over)
#   deploy/aws/release.sh abort                  empty a staged colour that never went live
#   deploy/aws/release.sh rollback               switch back to the previous colour while it still runs, then
#                                                drain the failed one
#   deploy/aws/release.sh template [file]        apply a changed template (default the repository's), keeping
#                                                every parameter (colour, image tags, sizes) as it is
#
# Environment: STACK (default tiketi-prod), AWS_REGION (or the CLI's default), SCALING_STACK (default
# $STACK-scaling; skipped when it does not exist), PUBLIC_URL (default: the stack's PublicUrl output),
# STAGE_TIMEOUT (seconds, default 1200). Needs the AWS CLI v2, curl and jq.
set -euo pipefail

STACK=${STACK:-tiketi-prod}
SCALING_STACK=${SCALING_STACK:-$STACK-scaling}
STAGE_TIMEOUT=${STAGE_TIMEOUT:-1200}

log() { printf '%s release: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# The stack's parameters and outputs, read once per step (and again after each update of it).
load_stack() {
  _params=$(aws cloudformation describe-stacks --stack-name "$STACK" \
    --query 'Stacks[0].Parameters[].[ParameterKey,ParameterValue]' --output text)
  _outputs=$(aws cloudformation describe-stacks --stack-name "$STACK" \
    --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]' --output text)
}
stack_param() { awk -F '\t' -v key="$1" '$1 == key { print $2 }' <<< "$_params"; }
stack_output() { awk -F '\t' -v key="$1" '$1 == key { print $2 }' <<< "$_outputs"; }
other() { if [ "$1" = blue ]; then echo green; else echo blue; fi; }
capitalize() { echo "$(tr '[:lower:]' '[:upper:]' <<< "${1:0:1}")${1:1}"; }
group() { stack_output "$(capitalize "$1")$(capitalize "$2")AutoScalingGroupName"; }   # group silo|api blue|green
target_group() { stack_output "$(capitalize "$1")TargetGroupArn"; }

# Updates parameters of a stack, keeping its template (or using TEMPLATE_FILE) and every other parameter.
# Waits for the end.
update_stack() {
  local stack=$1; shift
  local template_args=(--use-previous-template)
  if [ -n "${TEMPLATE_FILE:-}" ]; then template_args=(--template-body "file://$TEMPLATE_FILE"); fi
  local keys args=() key value found
  keys=$(aws cloudformation describe-stacks --stack-name "$stack" --query 'Stacks[0].Parameters[].ParameterKey' --output text)
  for key in $keys; do
    found=""
    for pair in "$@"; do
      if [ "${pair%%=*}" = "$key" ]; then found=${pair#*=}; fi
    done
    if [ -n "$found" ]; then args+=("ParameterKey=$key,ParameterValue=$found"); else args+=("ParameterKey=$key,UsePreviousValue=true"); fi
  done
  for pair in "$@"; do
    grep -qw -- "${pair%%=*}" <<< "$keys" || die "stack $stack has no parameter ${pair%%=*}"
  done
  log "updating $stack: $*"
  local output
  if ! output=$(aws cloudformation update-stack --stack-name "$stack" "${template_args[@]}" \
      --capabilities CAPABILITY_NAMED_IAM --parameters "${args[@]}" 2>&1); then
    if grep -q 'No updates are to be performed' <<< "$output"; then log "$stack: nothing to change"; return 0; fi
    die "$output"
  fi
  aws cloudformation wait stack-update-complete --stack-name "$stack" \
    || die "update of $stack failed (CloudFormation rolled it back): see its events"
  if [ "$stack" = "$STACK" ]; then load_stack; fi
}

desired() {
  aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names "$1" \
    --query 'AutoScalingGroups[0].DesiredCapacity' --output text
}
in_service() {
  aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names "$1" \
    --query "length(AutoScalingGroups[0].Instances[?LifecycleState=='InService'])" --output text
}
instances() {
  aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names "$1" \
    --query 'length(AutoScalingGroups[0].Instances)' --output text
}
healthy_targets() {
  aws elbv2 describe-target-health --target-group-arn "$1" \
    --query "length(TargetHealthDescriptions[?TargetHealth.State=='healthy'])" --output text
}
set_desired() {
  log "group $1: desired $2"
  aws autoscaling update-auto-scaling-group --auto-scaling-group-name "$1" --desired-capacity "$2"
}
public_url() { echo "${PUBLIC_URL:-$(stack_output PublicUrl)}"; }
# /health/ready through the load balancer; with a colour, through its preview rule. -k: the ALB's own
# name is not on the certificate, and nothing secret is sent.
ready() {
  local code headers=()
  if [ -n "${1:-}" ]; then headers=(-H "X-Tiketi-Color: $1"); fi
  code=$(curl -ks -o /dev/null -w '%{http_code}' --max-time 10 "${headers[@]}" "$(public_url)/health/ready" || true)
  [ "$code" = 200 ]
}

cmd_status() {
  local active idle
  active=$(stack_param ActiveColor); idle=$(other "$active")
  echo "stack $STACK: live colour $active"
  for color in "$active" "$idle"; do
    echo "  $color: image $(stack_param "$(capitalize "$color")ImageTag")"
    for tier in silo api; do
      local g; g=$(group "$tier" "$color")
      echo "    $tier $g: desired $(desired "$g"), in service $(in_service "$g")"
    done
    echo "    load balancer: $(healthy_targets "$(target_group "$color")") healthy targets"
  done
}

cmd_migrate() {
  local tag=${1:?usage: migrate <image-tag>} active group_name instance region registry repository script command_id status
  active=$(stack_param ActiveColor)
  group_name=$(group silo "$active")
  instance=$(aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names "$group_name" \
    --query "AutoScalingGroups[0].Instances[?LifecycleState=='InService'] | [0].InstanceId" --output text)
  if [ -z "$instance" ] || [ "$instance" = None ]; then die "no silo in service in $group_name to run the migration on"; fi
  region=${AWS_REGION:-${AWS_DEFAULT_REGION:-$(aws configure get region)}}
  registry=${REGISTRY:-$(aws sts get-caller-identity --query Account --output text).dkr.ecr.$region.amazonaws.com}
  repository=$(stack_param SiloRepositoryName)
  log "migrating with $repository:$tag on $instance ($group_name)"
  # The host's env file holds the connection string; the container only migrates and exits.
  script="set -e; aws ecr get-login-password --region $region | docker login --username AWS --password-stdin $registry >/dev/null; docker run --rm --network host --env-file /etc/tiketi/tiketi.env $registry/$repository:$tag migrate"
  command_id=$(aws ssm send-command --instance-ids "$instance" --document-name AWS-RunShellScript \
    --comment "tiketi migrate $tag" --parameters "$(jq -n --arg c "$script" '{commands: [$c]}')" --timeout-seconds 600 \
    --query Command.CommandId --output text)
  status=Pending
  for _ in $(seq 1 120); do
    sleep 5
    status=$(aws ssm get-command-invocation --command-id "$command_id" --instance-id "$instance" \
      --query Status --output text 2>/dev/null || echo Pending)
    case "$status" in Pending|InProgress|Delayed) continue ;; *) break ;; esac
  done
  aws ssm get-command-invocation --command-id "$command_id" --instance-id "$instance" \
    --query '[StandardOutputContent, StandardErrorContent]' --output text || true
  [ "$status" = Success ] || die "migration $status"
  log "migration done"
}

cmd_stage() {
  local tag=${1:?usage: stage <image-tag>} active idle silo_count api_count deadline
  active=$(stack_param ActiveColor); idle=$(other "$active")
  [ "$(instances "$(group silo "$idle")")" = 0 ] && [ "$(instances "$(group api "$idle")")" = 0 ] \
    || die "the idle colour $idle still has hosts: drain or abort first (release.sh status)"
  silo_count=$(desired "$(group silo "$active")"); [ "$silo_count" -ge "$(stack_param SiloMinSize)" ] || silo_count=$(stack_param SiloMinSize)
  api_count=$(desired "$(group api "$active")"); [ "$api_count" -ge "$(stack_param ApiMinSize)" ] || api_count=$(stack_param ApiMinSize)
  log "staging $tag on $idle: $silo_count silos, $api_count API hosts (live: $active)"
  update_stack "$STACK" "$(capitalize "$idle")ImageTag=$tag"
  # Silos first: API hosts become ready only once the cluster answers.
  set_desired "$(group silo "$idle")" "$silo_count"
  set_desired "$(group api "$idle")" "$api_count"
  deadline=$((SECONDS + STAGE_TIMEOUT))
  until [ "$(in_service "$(group silo "$idle")")" -ge "$silo_count" ] \
     && [ "$(in_service "$(group api "$idle")")" -ge "$api_count" ] \
     && [ "$(healthy_targets "$(target_group "$idle")")" -ge "$api_count" ] \
     && ready "$idle"; do
    [ "$SECONDS" -lt "$deadline" ] || die "$idle did not become ready within ${STAGE_TIMEOUT}s (a host whose container is not healthy is abandoned: see /tiketi/<env>/silo|api logs and the groups' activity)"
    log "waiting for $idle: silos $(in_service "$(group silo "$idle")")/$silo_count, API $(in_service "$(group api "$idle")")/$api_count, ready targets $(healthy_targets "$(target_group "$idle")")/$api_count"
    sleep 15
  done
  log "$idle is ready on $tag"
}

point_scaling() {
  local color=$1
  if ! aws cloudformation describe-stacks --stack-name "$SCALING_STACK" >/dev/null 2>&1; then
    log "no scaling stack $SCALING_STACK: skipping (see docs/operations.md, Scaling)"
    return 0
  fi
  update_stack "$SCALING_STACK" "SiloAutoScalingGroupName=$(group silo "$color")" "ApiAutoScalingGroupName=$(group api "$color")"
}

cmd_switch() {
  local active idle
  active=$(stack_param ActiveColor); idle=$(other "$active")
  [ "$(in_service "$(group api "$idle")")" -gt 0 ] && ready "$idle" || die "$idle is not ready: stage it first"
  log "switching buyers from $active to $idle"
  update_stack "$STACK" "ActiveColor=$idle"
  point_scaling "$idle"
  log "live colour is now $idle; $active keeps running until drained"
}

cmd_verify() {
  local seconds=${1:-300} active failures=0 end
  active=$(stack_param ActiveColor)
  end=$((SECONDS + seconds))
  log "watching $active for ${seconds}s"
  while [ "$SECONDS" -lt "$end" ]; do
    if ready "" && [ "$(healthy_targets "$(target_group "$active")")" -ge 1 ]; then
      failures=0
    else
      failures=$((failures + 1)); log "live colour unhealthy ($failures/3)"
      [ "$failures" -lt 3 ] || die "$active is failing after the switch"
    fi
    sleep 10
  done
  log "$active stayed healthy"
}

drain_color() {
  local color=$1 silos api_group silo_group
  api_group=$(group api "$color"); silo_group=$(group silo "$color")
  log "draining $color: API hosts (connections drain for up to 300 s)"
  set_desired "$api_group" 0
  until [ "$(instances "$api_group")" = 0 ]; do sleep 15; done
  silos=$(desired "$silo_group")
  while [ "$silos" -gt 0 ]; do
    silos=$((silos - 1))
    set_desired "$silo_group" "$silos"
    until [ "$(instances "$silo_group")" -le "$silos" ]; do sleep 10; done
  done
  log "$color is empty"
}

cmd_drain() { drain_color "$(other "$(stack_param ActiveColor)")"; }

cmd_abort() {
  local idle
  idle=$(other "$(stack_param ActiveColor)")
  log "aborting the staged colour $idle"
  set_desired "$(group api "$idle")" 0
  set_desired "$(group silo "$idle")" 0
}

cmd_rollback() {
  local failed previous
  failed=$(stack_param ActiveColor); previous=$(other "$failed")
  [ "$(in_service "$(group api "$previous")")" -gt 0 ] && [ "$(in_service "$(group silo "$previous")")" -gt 0 ] \
    || die "$previous no longer runs: redeploy its image instead (deploy workflow with image_tag=$(stack_param "$(capitalize "$previous")ImageTag"))"
  log "rolling back from $failed to $previous"
  update_stack "$STACK" "ActiveColor=$previous"
  point_scaling "$previous"
  drain_color "$failed"
}

cmd_template() {
  local file=${1:-$(dirname "$0")/cloudformation/tiketi.yaml}
  aws cloudformation validate-template --template-body "file://$file" >/dev/null
  TEMPLATE_FILE=$file update_stack "$STACK"
}

case "${1:-}" in
  status|migrate|stage|switch|verify|drain|abort|rollback|template) load_stack ;;
esac
case "${1:-}" in
  status) cmd_status ;;
  migrate) shift; cmd_migrate "$@" ;;
  stage) shift; cmd_stage "$@" ;;
  switch) cmd_switch ;;
  verify) shift; cmd_verify "$@" ;;
  drain) cmd_drain ;;
  abort) cmd_abort ;;
  rollback) cmd_rollback ;;
  template) shift; cmd_template "$@" ;;
  *) sed -n '2,23p' "$0"; exit 2 ;;
esac
